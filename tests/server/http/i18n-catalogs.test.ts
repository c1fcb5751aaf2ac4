// Tests server/i18n: both catalogues have the same keys and placeholders, and every key the server
// code refers to exists in both.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOGS, LOCALES, t, type MessageKey } from '../../../server/i18n/index.ts';
import { ERROR_STATUS } from '../../../server/http/errors.ts';

const SERVER_DIR = join(import.meta.dirname, '../../../server');

function flatten(node: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
    const key = prefix + k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of flatten(v, `${key}.`)) out.set(kk, vv);
  }
  return out;
}

const flat = { en: flatten(CATALOGS.en), zh: flatten(CATALOGS.zh) };
const placeholders = (s: string) => [...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

function serverSources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return serverSources(path);
    return entry.name.endsWith('.ts') ? [readFileSync(path, 'utf8')] : [];
  });
}

/** Catalog keys referenced by server code: literal keys and the reason/subject arguments of ApiError helpers. */
function usedKeys(): Set<string> {
  const keys = new Set<string>();
  for (const src of serverSources(SERVER_DIR)) {
    for (const m of src.matchAll(/['"`](errors\.[a-z_]+(?:\.[a-z_]+)*)['"`]/g)) keys.add(m[1]!);
    for (const m of src.matchAll(/(?:ParamFailure\(|badParam\([^,()]+,\s*)'([a-z_]+)'/g)) keys.add(`errors.param.${m[1]}`);
    for (const m of src.matchAll(/notFound\('([a-z_]+)'\)/g)) keys.add(`errors.not_found.${m[1]}`);
    for (const m of src.matchAll(/unavailable\('([a-z_]+)'/g)) keys.add(`errors.${m[1]}`);
  }
  return keys;
}

describe('message catalogues', () => {
  it('have exactly the same keys in en and zh', () => {
    expect([...flat.zh.keys()].sort()).toEqual([...flat.en.keys()].sort());
  });

  it('use the same placeholders for each key, and no message is empty', () => {
    for (const [key, en] of flat.en) {
      const zh = flat.zh.get(key) ?? '';
      expect(placeholders(zh), key).toEqual(placeholders(en));
      expect(en.trim(), key).not.toBe('');
      expect(zh.trim(), key).not.toBe('');
    }
  });

  it('have Chinese text in the zh catalogue that differs from the English one', () => {
    for (const [key, zh] of flat.zh) {
      expect(zh, key).toMatch(/[\u4e00-\u9fff]/);
      expect(zh, key).not.toBe(flat.en.get(key));
    }
  });

  it('contain every key the server code uses', () => {
    const used = usedKeys();
    // The scan must see the HTTP layer's own keys, or it is not scanning anything.
    expect(used.has('errors.param.too_long')).toBe(true);
    expect(used.has('errors.not_found.route')).toBe(true);
    for (const key of used) {
      for (const locale of LOCALES) expect(flat[locale].has(key), `${locale}: ${key}`).toBe(true);
    }
  });

  it('have a message for every error code', () => {
    for (const code of Object.keys(ERROR_STATUS)) {
      if (code === 'invalid_parameter') continue; // worded per reason under errors.param.*
      const hasMessage = [...flat.en.keys()].some((k) => k === `errors.${code}` || k.startsWith(`errors.${code}.`));
      expect(hasMessage, code).toBe(true);
    }
  });

  it('interpolates parameters in both languages', () => {
    for (const locale of LOCALES) {
      const message = t(locale, 'errors.param.out_of_range' satisfies MessageKey, { param: 'page', min: 1, max: 50 });
      expect(message).toContain('page');
      expect(message).toContain('50');
      expect(message).not.toContain('{{');
    }
  });
});
