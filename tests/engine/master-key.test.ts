import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EngineConnectError } from '../../engine/errors.ts';
import { loadMasterKey, masterKeyPath } from '../../engine/master-key.ts';
import { captureLogger, tempDataDirs } from './helpers.ts';

const dataDir = tempDataDirs();

describe('loadMasterKey', () => {
  it('creates a 32-byte key readable by its owner only, in a folder it creates', async () => {
    const dir = path.join(dataDir(), 'nested', 'meili');
    const key = await loadMasterKey(dir);
    expect(Buffer.from(key, 'base64url')).toHaveLength(32);
    expect(fs.statSync(masterKeyPath(dir)).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(dir)).toEqual(['master.key']);
  });

  it('returns the same key on later calls', async () => {
    const dir = dataDir();
    expect(await loadMasterKey(dir)).toBe(await loadMasterKey(dir));
  });

  it('gives concurrent starters one key', async () => {
    const dir = dataDir();
    const keys = await Promise.all(Array.from({ length: 8 }, () => loadMasterKey(dir)));
    expect(new Set(keys).size).toBe(1);
  });

  it('tightens a key file others can read, and says so without printing the key', async () => {
    const dir = dataDir();
    const key = await loadMasterKey(dir);
    fs.chmodSync(masterKeyPath(dir), 0o644);
    const log = captureLogger();
    expect(await loadMasterKey(dir, log.logger)).toBe(key);
    expect(fs.statSync(masterKeyPath(dir)).mode & 0o777).toBe(0o600);
    expect(log.records().map((record) => record.msg)).toContainEqual(expect.stringContaining('mode set to 600'));
    expect(log.text()).not.toContain(key);
  });

  it('refuses a key Meilisearch would refuse', async () => {
    const dir = dataDir();
    fs.writeFileSync(masterKeyPath(dir), 'short\n', { mode: 0o600 });
    await expect(loadMasterKey(dir)).rejects.toThrow(EngineConnectError);
  });
});
