import { describe, expect, it } from 'vitest';
import { buildGlossary, loadGlossary, parseGlossaryFile, pinyinOf } from '../../glossary/load.ts';

const SAMPLE = 'tests/fixtures/glossary-sample';

describe('loadGlossary', () => {
  it('loads every entry with its file, line and generated pinyin', async () => {
    const { glossary, problems } = await loadGlossary(SAMPLE);
    expect(problems).toEqual([]);
    expect(glossary.entries.length).toBe(9);
    const e = glossary.byId.get('reinvestment-of-profits')!;
    expect(e).toMatchObject({ file: `${SAMPLE}/tax.yaml`, line: 7, pinyin: 'li run zai tou zi', pinyinTones: 'lì rùn zài tóu zī' });
    expect(e.variants.zh).toEqual([]);
    expect(glossary.byId.get('negative-list')!.line).toBe(2);
  });

  it('reports a schema error with file, field line and entry id', async () => {
    const { glossary, problems } = await loadGlossary('tests/fixtures/glossary-broken');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ entryId: 'blank-english', file: 'tests/fixtures/glossary-broken/market-access.yaml', line: 21, severity: 'error' });
    expect(problems[0]!.message).toMatch(/^en: /);
    expect(glossary.byId.has('blank-english')).toBe(false);
  });
});

describe('parseGlossaryFile', () => {
  it('reports YAML syntax errors with their line', () => {
    const { entries, problems } = parseGlossaryFile('- id: a\n  zh: 甲\n  en: [unclosed\n', 'x.yaml');
    expect(entries).toEqual([]);
    expect(problems[0]).toMatchObject({ file: 'x.yaml', severity: 'error' });
    expect(problems[0]!.line).toBeGreaterThanOrEqual(3);
  });

  it('rejects a file that is not a list, and unknown keys', () => {
    expect(parseGlossaryFile('id: a\n', 'x.yaml').problems[0]!.message).toMatch(/list/);
    const { problems } = parseGlossaryFile('- id: a\n  zh: 甲\n  en: a\n  category: tax\n  colour: red\n', 'x.yaml');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ entryId: 'a', line: 1 });
  });

  it('flags duplicate keys in one entry', () => {
    const { problems } = parseGlossaryFile('- id: a\n  zh: 甲\n  zh: 乙\n  en: a\n  category: tax\n', 'x.yaml');
    expect(problems.some((p) => p.severity === 'error' && p.line === 3)).toBe(true);
  });
});

describe('pinyin', () => {
  it('keeps Latin runs whole and lowercases them for matching', () => {
    expect(pinyinOf('RCEP原产地规则')).toEqual({ pinyin: 'rcep yuan chan di gui ze', pinyinTones: 'RCEP yuán chǎn dì guī zé' });
    expect(pinyinOf('银行业').pinyin).toBe('yin hang ye');
  });

  it('buildGlossary keeps the first of duplicate ids in byId', () => {
    const base = { en: 'x', variants: { zh: [], en: [] }, category: 'tax' as const, file: 'f.yaml' };
    const g = buildGlossary([
      { ...base, id: 'a', zh: '甲', line: 1 },
      { ...base, id: 'a', zh: '乙', line: 5 },
    ]);
    expect(g.entries).toHaveLength(2);
    expect(g.byId.get('a')!.zh).toBe('甲');
  });
});
