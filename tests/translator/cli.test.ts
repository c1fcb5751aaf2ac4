import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = async (...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> => {
  try {
    const { stdout, stderr } = await promisify(execFile)('npx', ['tsx', 'translator/cli.ts', ...args], { cwd: process.cwd() });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
};

describe('glossary CLI', () => {
  it('check exits 1 on the broken fixture and names every broken entry', async () => {
    const { code, stdout } = await run('check', '--glossary', 'tests/fixtures/glossary-broken', '--no-corpus');
    expect(code).toBe(1);
    const file = 'tests/fixtures/glossary-broken/market-access.yaml';
    expect(stdout).toContain(`${file}:7: error: [negative-list] duplicate id`);
    expect(stdout).toMatch(new RegExp(`${file}:12: error: \\[access-list\\] .*"negative-list"`));
    expect(stdout).toContain(`${file}:21: error: [blank-english] en:`);
    expect(stdout).toContain('3 errors');
  });

  it('check warns about entries absent from the corpus without failing on that', async () => {
    const { stdout } = await run('check', '--glossary', 'tests/fixtures/glossary-broken', '--corpus', 'corpus');
    expect(stdout).toContain('warning: [access-list] zh "准入清单" never occurs in the corpus');
    expect(stdout).toContain('3 errors, 1 warnings');
  });

  it('check passes a clean glossary, warnings included', async () => {
    const { code, stdout } = await run('check', '--glossary', 'tests/fixtures/glossary-sample', '--corpus', 'corpus');
    expect(code).toBe(0);
    expect(stdout).toMatch(/9 entries, 0 errors, \d+ warnings/);
  });

  it('lookup prints matching entries, and exits 1 when nothing matches', async () => {
    const hit = await run('lookup', 'fumian', 'qingdan', '--glossary', 'tests/fixtures/glossary-sample');
    expect(hit.code).toBe(0);
    expect(hit.stdout).toMatch(/^0\.90 {2}pinyin +negative-list/);
    expect(hit.stdout).toContain('负面清单 (fù miàn qīng dān) — negative list');
    const miss = await run('lookup', 'zebra', '--glossary', 'tests/fixtures/glossary-sample');
    expect(miss.code).toBe(1);
    expect(miss.stderr).toContain('no entry matches "zebra"');
  });

  it('kwic prints aligned lines and per-document counts', async () => {
    const { code, stdout } = await run('kwic', '利润再投资', '--width', '6');
    expect(code).toBe(0);
    expect(stdout).toMatch(/【利润再投资】.*national-2022-fdi-manufacturing 二、（十）/);
    const total = /(\d+) {2}total/.exec(stdout);
    expect(Number(total?.[1])).toBeGreaterThan(3);
    const perDoc = [...stdout.matchAll(/^ +(\d+) {2}(?!total$)[a-z0-9-]+$/gm)].reduce((n, m) => n + Number(m[1]), 0);
    expect(perDoc).toBe(Number(total?.[1]));
  });
});
