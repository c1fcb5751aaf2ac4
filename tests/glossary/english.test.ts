import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allowedEdits, damerauLevenshtein, normalizeEnglish, normalizeWord, singularize, tokenizeEnglish } from '../../glossary/english.ts';

describe('normalizeEnglish', () => {
  it('folds case, hyphens, underscores and slashes', () => {
    for (const s of ['negative list', 'Negative List', 'negative-list', 'NEGATIVE_LIST', 'negative/list', '  negative   list. ']) {
      expect(normalizeEnglish(s)).toBe('negative list');
    }
  });

  it('treats R&D spellings and "research and development" alike', () => {
    const expected = normalizeEnglish('R&D center');
    for (const s of ['r&d centre', 'R & D Centre', 'r and d center', 'research and development centre', 'Research & Development Centers']) {
      expect(normalizeEnglish(s)).toBe(expected);
    }
    expect(expected).toBe('r&d center');
  });

  it('singularizes regular plurals and leaves -ss, -us, -is words alone', () => {
    expect(['policies', 'taxes', 'measures', 'businesses', 'approaches', 'zones', 'enterprises'].map(singularize)).toEqual([
      'policy',
      'tax',
      'measure',
      'business',
      'approach',
      'zone',
      'enterprise',
    ]);
    expect(['business', 'analysis', 'status', 'process', 'bonus', 'overseas', 'gas'].map(singularize)).toEqual([
      'business',
      'analysis',
      'status',
      'process',
      'bonus',
      'overseas',
      'gas',
    ]);
  });

  it('maps British spellings onto American ones', () => {
    const pairs: [string, string][] = [
      ['centre', 'center'],
      ['labour', 'labor'],
      ['favourable', 'favorable'],
      ['organisation', 'organization'],
      ['organise', 'organize'],
      ['licence', 'license'],
      ['cancelled', 'canceled'],
      ['modelling', 'modeling'],
      ['programme', 'program'],
      ['fibre', 'fiber'],
      ['neighbourhood', 'neighborhood'],
      ['enterprise', 'enterprize'],
    ];
    for (const [gb, us] of pairs) expect(normalizeWord(gb), gb).toBe(normalizeWord(us));
    // -our words that are not British spellings stay distinct.
    expect(normalizeWord('four')).toBe('four');
    expect(normalizeWord('hours')).toBe('hour');
  });

  it('ignores stop words but keeps a term made only of them', () => {
    expect(normalizeEnglish('reinvestment of the profits')).toBe(normalizeEnglish('reinvestment profits'));
    expect(normalizeEnglish('tax on income')).toBe('tax income');
    expect(normalizeEnglish('of the')).toBe('of the');
  });

  it('keeps acronyms exact and strips their plural', () => {
    const [fies, sme] = tokenizeEnglish('FIEs SME');
    expect(fies).toMatchObject({ norm: 'fie', exact: true, start: 0, end: 4 });
    expect(sme).toMatchObject({ norm: 'sme', exact: true });
    expect(tokenizeEnglish('fies')[0]!.exact).toBe(false);
    // Shouted text: long words are words, short ones may still be acronyms.
    expect(normalizeEnglish('R&D CENTRES')).toBe('r&d center');
    expect(tokenizeEnglish('RCEP POLICIES').map((t) => [t.norm, t.exact])).toEqual([
      ['rcep', true],
      ['policy', false],
    ]);
  });

  it('reports token offsets into the original text', () => {
    const text = 'Withholding-tax on R & D centres';
    for (const t of tokenizeEnglish(text)) expect(text.slice(t.start, t.end).length).toBe(t.end - t.start);
    const rd = tokenizeEnglish(text).find((t) => t.norm === 'r&d')!;
    expect(text.slice(rd.start, rd.end)).toBe('R & D');
  });
});

describe('damerauLevenshtein', () => {
  it('counts insertions, deletions, substitutions and adjacent swaps', () => {
    expect(damerauLevenshtein('list', 'lsit')).toBe(1);
    expect(damerauLevenshtein('negative', 'negtive')).toBe(1);
    expect(damerauLevenshtein('center', 'centre')).toBe(1);
    expect(damerauLevenshtein('kitten', 'sitting')).toBe(3);
    expect(damerauLevenshtein('', 'abc')).toBe(3);
  });

  it('stops early at max + 1', () => {
    expect(damerauLevenshtein('investment', 'environment', 1)).toBe(2);
    expect(damerauLevenshtein('abcdef', 'abcdxf', 1)).toBe(1);
  });

  it('is a symmetric distance bounded by the longer length', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 10 }), fc.string({ maxLength: 10 }), (a, b) => {
        const d = damerauLevenshtein(a, b);
        expect(d).toBe(damerauLevenshtein(b, a));
        expect(d).toBeLessThanOrEqual(Math.max(a.length, b.length));
        expect(d === 0).toBe(a === b);
        expect(damerauLevenshtein(a, b, 2)).toBe(Math.min(d, 3));
      }),
      { numRuns: 2000 },
    );
  });

  it('tolerates 0, 1 or 2 edits by word length', () => {
    expect([3, 4, 8, 9, 14].map(allowedEdits)).toEqual([0, 1, 1, 2, 2]);
  });
});
