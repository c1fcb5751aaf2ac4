import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EngineConnectError } from '../../engine/errors.ts';
import { loadMasterKey, masterKeyPath } from '../../engine/master-key.ts';
import { tempDataDirs } from '../helpers/process.ts';

const dataDir = tempDataDirs();

describe('loadMasterKey', () => {
  it('creates one 32-byte key, readable by its owner only, that concurrent and later calls return', async () => {
    const dir = path.join(dataDir(), 'nested', 'meili');
    const keys = await Promise.all(Array.from({ length: 8 }, () => loadMasterKey(dir)));
    expect(new Set(keys).size).toBe(1);
    expect(Buffer.from(keys[0]!, 'base64url')).toHaveLength(32);
    expect(fs.readdirSync(dir)).toEqual(['master.key']);
    fs.chmodSync(masterKeyPath(dir), 0o644);
    expect(await loadMasterKey(dir)).toBe(keys[0]);
    expect(fs.statSync(masterKeyPath(dir)).mode & 0o777).toBe(0o600);
  });

  it('refuses a key Meilisearch would refuse', async () => {
    const dir = dataDir();
    fs.writeFileSync(masterKeyPath(dir), 'short\n', { mode: 0o600 });
    await expect(loadMasterKey(dir)).rejects.toThrow(EngineConnectError);
  });
});
