// Tests server/config.ts (kept with the HTTP layer's tests, which this helper owns).
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../server/config.ts';

describe('loadConfig', () => {
  it('applies defaults to an empty environment', () => {
    expect(loadConfig({})).toEqual({
      port: 3000,
      host: undefined,
      adminToken: undefined,
      corsOrigins: [],
      rateLimitPerMinute: 6000,
      trustProxy: false,
      logLevel: 'info',
      corpusDir: 'corpus',
      indexPrefix: 'policy',
      searchTimeoutMs: 1500,
      searchCacheBytes: 64 * 2 ** 20,
    });
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '', HOST: ' ', ADMIN_TOKEN: '', CORS_ORIGINS: '', RATE_LIMIT_PER_MINUTE: '', TRUST_PROXY: '', LOG_LEVEL: '' })).toEqual(
      loadConfig({}),
    );
  });

  it('reads every variable', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '127.0.0.1',
      ADMIN_TOKEN: 'a-long-enough-admin-token',
      CORS_ORIGINS: ' https://a.example.org , http://localhost:5173,',
      RATE_LIMIT_PER_MINUTE: '0',
      TRUST_PROXY: 'true',
      LOG_LEVEL: 'DEBUG',
      CORPUS_DIR: '/srv/corpus',
      INDEX_PREFIX: 'staging_v2',
      SEARCH_TIMEOUT_MS: '800',
      SEARCH_CACHE_MB: '0',
    });
    expect(config).toEqual({
      port: 8080,
      host: '127.0.0.1',
      adminToken: 'a-long-enough-admin-token',
      corsOrigins: ['https://a.example.org', 'http://localhost:5173'],
      rateLimitPerMinute: 0,
      trustProxy: true,
      logLevel: 'debug',
      corpusDir: '/srv/corpus',
      indexPrefix: 'staging_v2',
      searchTimeoutMs: 800,
      searchCacheBytes: 0,
    });
  });

  it('rejects a search cache size that is not a whole number of megabytes', () => {
    expect(() => loadConfig({ SEARCH_CACHE_MB: '-1' })).toThrow(/SEARCH_CACHE_MB/);
    expect(() => loadConfig({ SEARCH_CACHE_MB: '1.5' })).toThrow(/SEARCH_CACHE_MB/);
    expect(loadConfig({ SEARCH_CACHE_MB: '' }).searchCacheBytes).toBe(64 * 2 ** 20);
  });

  it.each([
    ['1', true],
    ['yes', true],
    ['false', false],
    ['0', false],
  ])('parses TRUST_PROXY=%s as %s', (value, expected) => {
    expect(loadConfig({ TRUST_PROXY: value }).trustProxy).toBe(expected);
  });

  it('lists every bad variable in one error and never echoes the admin token', () => {
    const env = {
      PORT: 'http',
      ADMIN_TOKEN: 'short-secret',
      CORS_ORIGINS: 'https://ok.example.org,https://bad.example.org/path',
      RATE_LIMIT_PER_MINUTE: '-5',
      TRUST_PROXY: 'maybe',
      LOG_LEVEL: 'loud',
    };
    let message = '';
    try {
      loadConfig(env);
    } catch (err) {
      message = (err as Error).message;
    }
    for (const name of ['PORT', 'ADMIN_TOKEN', 'CORS_ORIGINS[1]', 'RATE_LIMIT_PER_MINUTE', 'TRUST_PROXY', 'LOG_LEVEL']) {
      expect(message).toContain(`${name}:`);
    }
    expect(message).not.toContain('CORS_ORIGINS[0]');
    expect(message).not.toContain('short-secret');
  });

  it.each([['70000'], ['3.5'], ['-1']])('rejects PORT=%s', (port) => {
    expect(() => loadConfig({ PORT: port })).toThrow(/PORT/);
  });

  it('rejects "*" mixed with explicit origins but accepts it alone', () => {
    expect(loadConfig({ CORS_ORIGINS: '*' }).corsOrigins).toEqual(['*']);
    expect(() => loadConfig({ CORS_ORIGINS: '*,https://a.example.org' })).toThrow(/CORS_ORIGINS/);
  });
});
