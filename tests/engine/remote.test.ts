// MEILI_URL mode against a Meilisearch this test runs itself, standing in for a server run by someone else.
import crypto from 'node:crypto';
import fs from 'node:fs';
import getPort from 'get-port';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectEngine } from '../../engine/connect.ts';
import { EngineConnectError } from '../../engine/errors.ts';
import { startStandaloneAt, type Standalone } from '../reliability/helpers.ts';
import { engineMissing } from './helpers.ts';
import { captureLogger, tempDataDir } from '../helpers/process.ts';

const masterKey = crypto.randomBytes(24).toString('base64url');
const dataDir = tempDataDir();
let server: Standalone;
const connect = (env: NodeJS.ProcessEnv, log = captureLogger()) => connectEngine({ env, logger: log.logger });

beforeAll(async () => {
  if (engineMissing === undefined) server = await startStandaloneAt(dataDir, masterKey, await getPort());
});
afterAll(async () => {
  await server?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe.skipIf(engineMissing !== undefined)('connectEngine (remote)', () => {
  it('uses the server named by MEILI_URL with MEILI_MASTER_KEY, and never stops it', async () => {
    const log = captureLogger();
    const handle = await connect({ MEILI_URL: server.url, MEILI_MASTER_KEY: masterKey }, log);
    expect(handle).toMatchObject({ url: server.url, adminKey: masterKey, mode: 'remote' });
    expect(handle.pid).toBeUndefined();
    expect(await handle.healthy()).toBe(true);
    await handle.stop();
    expect(await handle.healthy()).toBe(true);
    expect(log.text()).not.toContain(masterKey);
    // Explicit options win over the environment.
    expect((await connectEngine({ url: server.url, masterKey, env: { MEILI_URL: 'http://127.0.0.1:1' } })).url).toBe(server.url);
  });

  it('asks for MEILI_MASTER_KEY when the server requires one, and rejects a wrong one without echoing it', async () => {
    await expect(connect({ MEILI_URL: server.url })).rejects.toThrow(/requires a key: set MEILI_MASTER_KEY/);
    const wrong = 'definitely-not-the-master-key';
    const attempt = connect({ MEILI_URL: server.url, MEILI_MASTER_KEY: wrong });
    await expect(attempt).rejects.toThrow(EngineConnectError);
    await expect(attempt).rejects.toThrow(/rejected MEILI_MASTER_KEY/);
    await expect(attempt).rejects.not.toThrow(wrong);
  });

  it('says clearly when nothing answers at MEILI_URL', async () => {
    const url = `http://127.0.0.1:${await getPort()}`;
    await expect(connect({ MEILI_URL: url, MEILI_MASTER_KEY: masterKey })).rejects.toThrow(`Meilisearch at ${url} (MEILI_URL) does not answer`);
  });
});
