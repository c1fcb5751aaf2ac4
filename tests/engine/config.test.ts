import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadEngineConfig } from '../../engine/config.ts';
import { EngineConnectError } from '../../engine/errors.ts';

describe('loadEngineConfig', () => {
  it('defaults to an embedded engine under data/meili of the working directory', () => {
    const config = loadEngineConfig({}, '/srv/app');
    expect(config).toEqual({ dataDir: path.resolve('/srv/app', 'data/meili'), requestTimeoutMs: 5000, maxIndexingMemory: '1GiB' });
  });

  it('reads every setting and trims the trailing slash of the url', () => {
    const config = loadEngineConfig(
      {
        MEILI_URL: 'http://meilisearch:7700/',
        MEILI_MASTER_KEY: 'k'.repeat(32),
        MEILI_DATA_DIR: 'var/engine',
        MEILI_PORT: '7711',
        MEILI_TIMEOUT_MS: '1200',
        MEILI_MAX_INDEXING_MEMORY: '512MiB',
      },
      '/srv/app',
    );
    expect(config).toEqual({
      url: 'http://meilisearch:7700',
      masterKey: 'k'.repeat(32),
      dataDir: '/srv/app/var/engine',
      port: 7711,
      requestTimeoutMs: 1200,
      maxIndexingMemory: '512MiB',
    });
  });

  it('treats empty values as unset', () => {
    expect(loadEngineConfig({ MEILI_URL: '', MEILI_PORT: '' }, '/x')).toEqual(loadEngineConfig({}, '/x'));
  });

  it.each([
    ['MEILI_PORT', '70000'],
    ['MEILI_PORT', 'abc'],
    ['MEILI_URL', 'not a url'],
    ['MEILI_URL', 'ftp://host/'],
    ['MEILI_MAX_INDEXING_MEMORY', 'lots'],
    ['MEILI_TIMEOUT_MS', '-5'],
  ])('rejects %s=%s naming the variable', (name, value) => {
    expect(() => loadEngineConfig({ [name]: value })).toThrow(EngineConnectError);
    expect(() => loadEngineConfig({ [name]: value })).toThrow(name);
  });

  it('never echoes the master key in its errors', () => {
    const secret = 'super-secret-master-key-value';
    try {
      loadEngineConfig({ MEILI_MASTER_KEY: secret, MEILI_PORT: '0' });
      expect.unreachable();
    } catch (error) {
      expect(String((error as Error).message)).not.toContain(secret);
    }
  });
});
