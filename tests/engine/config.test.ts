import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadEngineConfig } from '../../engine/config.ts';
import { EngineConnectError } from '../../engine/errors.ts';

describe('loadEngineConfig', () => {
  it('defaults to an embedded engine under data/meili of the working directory; empty values count as unset', () => {
    const defaults = { dataDir: path.resolve('/srv/app', 'data/meili'), requestTimeoutMs: 5000, maxIndexingMemory: '1GiB' };
    expect(loadEngineConfig({}, '/srv/app')).toEqual(defaults);
    expect(loadEngineConfig({ MEILI_URL: '', MEILI_PORT: '' }, '/srv/app')).toEqual(defaults);
  });

  it('reads every setting and trims the trailing slash of the url', () => {
    const env = { MEILI_URL: 'http://meilisearch:7700/', MEILI_MASTER_KEY: 'k'.repeat(32), MEILI_DATA_DIR: 'var/engine', MEILI_PORT: '7711' };
    expect(loadEngineConfig({ ...env, MEILI_TIMEOUT_MS: '1200', MEILI_MAX_INDEXING_MEMORY: '512MiB' }, '/srv/app')).toEqual({
      url: 'http://meilisearch:7700',
      masterKey: 'k'.repeat(32),
      dataDir: '/srv/app/var/engine',
      port: 7711,
      requestTimeoutMs: 1200,
      maxIndexingMemory: '512MiB',
    });
  });

  it.each([
    ['MEILI_PORT', '70000'],
    ['MEILI_URL', 'ftp://host/'],
    ['MEILI_MAX_INDEXING_MEMORY', 'lots'],
    ['MEILI_TIMEOUT_MS', '-5'],
  ])('rejects %s=%s naming the variable, never echoing the master key', (name, value) => {
    const attempt = () => loadEngineConfig({ [name]: value, MEILI_MASTER_KEY: 'super-secret-master-key-value' });
    expect(attempt).toThrow(EngineConnectError);
    expect(attempt).toThrow(name);
    expect(attempt).not.toThrow('super-secret');
  });
});
