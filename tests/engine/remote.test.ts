// MEILI_URL mode against a Meilisearch this test runs itself, standing in for a server run by someone else.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectEngine } from '../../engine/connect.ts';
import getPort from 'get-port';
import { EngineConnectError } from '../../engine/errors.ts';
import { captureLogger, engineMissing, isAlive, startStandalone, tempDataDir, type StandaloneEngine } from './helpers.ts';

const masterKey = crypto.randomBytes(24).toString('base64url');
const dataDir = tempDataDir();
let server: StandaloneEngine;

beforeAll(async () => {
  if (engineMissing === undefined) server = await startStandalone(dataDir, masterKey);
});
afterAll(async () => {
  await server?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe.skipIf(engineMissing !== undefined)('connectEngine (remote)', () => {
  it('uses the server named by MEILI_URL with MEILI_MASTER_KEY, and never stops it', async () => {
    const log = captureLogger();
    const handle = await connectEngine({ env: { MEILI_URL: server.url, MEILI_MASTER_KEY: masterKey }, logger: log.logger });
    expect(handle).toMatchObject({ url: server.url, adminKey: masterKey, mode: 'remote' });
    expect(handle.pid).toBeUndefined();
    expect(await handle.healthy()).toBe(true);
    await handle.stop();
    expect(isAlive(server.process.pid!)).toBe(true);
    expect(await handle.healthy()).toBe(true);
    expect(log.text()).not.toContain(masterKey);
  });

  it('takes explicit options over the environment', async () => {
    const handle = await connectEngine({
      url: server.url,
      masterKey,
      env: { MEILI_URL: 'http://127.0.0.1:1' },
      logger: captureLogger().logger,
    });
    expect(handle.url).toBe(server.url);
  });

  it('asks for MEILI_MASTER_KEY when the server requires a key', async () => {
    const attempt = connectEngine({ env: { MEILI_URL: server.url }, logger: captureLogger().logger });
    await expect(attempt).rejects.toThrow(EngineConnectError);
    await expect(attempt).rejects.toThrow(/requires a key: set MEILI_MASTER_KEY/);
  });

  it('rejects a wrong master key without echoing it', async () => {
    const wrong = 'definitely-not-the-master-key';
    const attempt = connectEngine({ env: { MEILI_URL: server.url, MEILI_MASTER_KEY: wrong }, logger: captureLogger().logger });
    await expect(attempt).rejects.toThrow(/rejected MEILI_MASTER_KEY/);
    await expect(attempt).rejects.not.toThrow(wrong);
  });

  it('says clearly when nothing answers at MEILI_URL, within the request timeout', async () => {
    const url = `http://127.0.0.1:${await getPort()}`;
    const started = Date.now();
    const attempt = connectEngine({ env: { MEILI_URL: url, MEILI_MASTER_KEY: masterKey, MEILI_TIMEOUT_MS: '1000' }, logger: captureLogger().logger });
    await expect(attempt).rejects.toThrow(`Meilisearch at ${url} (MEILI_URL) does not answer`);
    expect(Date.now() - started).toBeLessThan(3000);
  });
});
