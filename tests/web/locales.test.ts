import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CATALOGS } from '../../web/src/i18n.ts';

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    if (typeof v === 'string') out.set(`${prefix}${k}`, v);
    else for (const [kk, vv] of leaves(v, `${prefix}${k}.`)) out.set(kk, vv);
  }
  return out;
}

const en = leaves(CATALOGS.en as Tree);
const zh = leaves(CATALOGS.zh as Tree);
const variables = (s: string) => [...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

describe('web locale catalogues', () => {
  it('have identical keys', () => {
    expect([...zh.keys()].sort()).toEqual([...en.keys()].sort());
  });

  it('have no empty messages', () => {
    for (const [key, value] of [...en, ...zh]) expect(value.trim(), key).not.toBe('');
  });

  it('use the same interpolation variables in both languages', () => {
    for (const [key, value] of en) expect(variables(zh.get(key) ?? ''), key).toEqual(variables(value));
  });

  it('are actually translated (Chinese messages contain Chinese)', () => {
    const untranslated = [...zh].filter(([key, v]) => !/[\u4e00-\u9fff]/.test(v) && key !== 'lang.switch' && key !== 'glossary.none');
    expect(untranslated).toEqual([]);
  });

  it('define every key the page code uses', () => {
    const dir = new URL('../../web/src/', import.meta.url);
    const used = new Set<string>();
    for (const file of readdirSync(dir)) {
      const source = readFileSync(new URL(file, dir), 'utf8');
      for (const m of source.matchAll(/\bt\(\s*'([a-zA-Z0-9_.]+)'/g)) used.add(m[1]!);
    }
    expect(used.size).toBeGreaterThan(20);
    const plural = (key: string) => en.has(`${key}_one`) && en.has(`${key}_other`);
    const missing = [...used].filter((k) => !en.has(k) && !plural(k));
    expect(missing).toEqual([]);
  });
});
