import { describe, expect, it } from 'vitest';
import { buildGlossary, loadGlossary, type LocatedEntry } from '../../glossary/load.ts';
import { validateGlossary } from '../../glossary/validate.ts';

const entry = (over: Partial<LocatedEntry> & { id: string; zh: string; en: string }): LocatedEntry => ({
  variants: { zh: [], en: [] },
  category: 'tax',
  file: 'glossary/data/tax.yaml',
  line: 1,
  ...over,
});

describe('validateGlossary', () => {
  it('names the entries of the broken fixture', async () => {
    const { glossary } = await loadGlossary('tests/fixtures/glossary-broken');
    const errors = validateGlossary(glossary).filter((p) => p.severity === 'error');
    const dup = errors.find((p) => p.message.startsWith('duplicate id'));
    expect(dup).toMatchObject({ entryId: 'negative-list', line: 7 });
    const conflict = errors.find((p) => p.entryId === 'access-list');
    expect(conflict?.message).toContain('"negative-list"');
    expect(conflict?.message).toContain('negative list');
  });

  it('reports blank fields, shared zh forms and repeated variants by entry id', () => {
    const g = buildGlossary([
      entry({ id: 'a', zh: '预提所得税', en: ' ', variants: { zh: ['预提税'], en: ['withholding tax', 'Withholding Tax'] } }),
      entry({ id: 'b', zh: '预提税', en: 'withholding levy', variants: { zh: ['预提税'], en: [] }, line: 9 }),
    ]);
    const problems = validateGlossary(g);
    expect(problems).toContainEqual(expect.objectContaining({ entryId: 'a', severity: 'error', message: 'empty en' }));
    expect(problems).toContainEqual(
      expect.objectContaining({ entryId: 'b', severity: 'error', message: expect.stringContaining('zh form "预提税" also belongs to entry "a"') }),
    );
    expect(problems).toContainEqual(expect.objectContaining({ entryId: 'a', severity: 'warning', message: expect.stringContaining('listed twice') }));
    expect(problems).toContainEqual(expect.objectContaining({ entryId: 'b', severity: 'warning', message: expect.stringContaining('same as the preferred') }));
  });

  it('treats spelling variants of one English form on two entries as a conflict', () => {
    const g = buildGlossary([
      entry({ id: 'rd-centre', zh: '研发中心', en: 'R&D centre' }),
      entry({ id: 'rd-hub', zh: '研发枢纽', en: 'hub', variants: { zh: [], en: ['research and development centers'] } }),
    ]);
    const [p] = validateGlossary(g).filter((x) => x.severity === 'error');
    expect(p).toMatchObject({ entryId: 'rd-hub' });
    expect(p!.message).toContain('rd-centre');
  });

  it('warns about entries absent from the corpus, and about category/file mismatch', () => {
    const g = buildGlossary([
      entry({ id: 'a', zh: '预提所得税', en: 'withholding income tax' }),
      entry({ id: 'b', zh: '区域全面经济伙伴关系协定', en: 'RCEP agreement', variants: { zh: ['RCEP'], en: [] } }),
      entry({ id: 'c', zh: '研发中心', en: 'R&D centre', category: 'innovation' }),
    ]);
    const problems = validateGlossary(g, '用好rcep规则，设立研发中心');
    const absent = problems.filter((p) => p.message.includes('never occurs'));
    expect(absent.map((p) => p.entryId)).toEqual(['a']);
    expect(absent[0]!.severity).toBe('warning');
    expect(problems.find((p) => p.message.includes('differs from its file'))?.entryId).toBe('c');
    expect(validateGlossary(g).some((p) => p.message.includes('never occurs'))).toBe(false);
  });

  it('passes a clean glossary', async () => {
    const { glossary } = await loadGlossary('tests/fixtures/glossary-sample');
    expect(validateGlossary(glossary)).toEqual([]);
  });
});

describe('the real glossary', () => {
  it('loads and validates without errors', async () => {
    const { glossary, problems } = await loadGlossary('glossary/data');
    const errors = [...problems, ...validateGlossary(glossary)].filter((p) => p.severity === 'error');
    expect(errors.map((p) => `${p.file}:${p.line} [${p.entryId}] ${p.message}`)).toEqual([]);
    expect(glossary.entries.length).toBeGreaterThan(300);
  });
});
