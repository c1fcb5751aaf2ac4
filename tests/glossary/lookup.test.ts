import { beforeAll, describe, expect, it } from 'vitest';
import { loadGlossary } from '../../glossary/load.ts';
import { compactPinyin, createLookup, type Lookup } from '../../glossary/lookup.ts';

let lookup: Lookup;
beforeAll(async () => {
  lookup = createLookup((await loadGlossary('tests/fixtures/glossary-sample')).glossary);
});

const top = (term: string) => lookup.lookup(term)[0];

describe('lookup on the sample glossary', () => {
  it('finds by id', () => {
    expect(top('rd-centre')).toMatchObject({ matchedBy: 'id', score: 1, entry: { id: 'rd-centre' } });
  });

  it('finds by Chinese: preferred, variant, prefix and substring', () => {
    expect(top('研发中心')).toMatchObject({ matchedBy: 'zh', score: 1, entry: { id: 'rd-centre' } });
    expect(top('外资企业')).toMatchObject({ matchedBy: 'zh-variant', entry: { id: 'foreign-invested-enterprise' } });
    const prefix = top('利润再');
    expect(prefix).toMatchObject({ matchedBy: 'zh', entry: { id: 'reinvestment-of-profits' } });
    expect(prefix!.score).toBeLessThan(0.95);
    // 负面清单 is exact for negative-list and a substring of market-access-negative-list.
    expect(lookup.lookup('负面清单').map((r) => r.entry.id)).toEqual(['negative-list', 'market-access-negative-list']);
    expect(top('有限合伙')).toMatchObject({ entry: { id: 'qualified-foreign-limited-partner' } });
  });

  it('finds by English and English variant after normalization', () => {
    expect(top('withholding income tax')).toMatchObject({ matchedBy: 'en', score: 1, entry: { id: 'withholding-income-tax' } });
    expect(top('Withholding Taxes')).toMatchObject({ matchedBy: 'en-variant', entry: { id: 'withholding-income-tax' } });
    for (const q of ['Negative List', 'negative lists', 'NEGATIVE-LIST']) expect(top(q)?.entry.id, q).toBe('negative-list');
    for (const q of ['R&D center', 'r and d centres', 'research and development center', 'Research & Development Centre']) {
      expect(top(q)?.entry.id, q).toBe('rd-centre');
    }
    expect(top('FIEs')).toMatchObject({ matchedBy: 'en-variant', entry: { id: 'foreign-invested-enterprise' } });
  });

  it('finds Latin zh variants case-insensitively', () => {
    expect(top('qflp')).toMatchObject({ entry: { id: 'qualified-foreign-limited-partner' } });
    expect(lookup.lookup('RCEP')[0]!.entry.id).toBe('rcep');
  });

  it('finds by pinyin with or without spaces and tones', () => {
    for (const q of ['fumian qingdan', 'fumianqingdan', 'fù miàn qīng dān', 'Fu Mian Qing Dan']) {
      expect(top(q), q).toMatchObject({ matchedBy: 'pinyin', entry: { id: 'negative-list' } });
    }
    expect(top('lüse fazhan')?.entry.id).toBe('green-development');
    expect(top('lvsefazhan')?.entry.id).toBe('green-development');
    expect(top('luse fazhan')?.entry.id).toBe('green-development');
    // Syllables typed apart may be a prefix.
    expect(top('yu ti')).toMatchObject({ matchedBy: 'pinyin', entry: { id: 'withholding-income-tax' } });
  });

  it('tolerates typos in English words by length', () => {
    const r = top('negtive lsit');
    expect(r).toMatchObject({ matchedBy: 'fuzzy', entry: { id: 'negative-list' } });
    expect(r!.score).toBeLessThan(0.9);
    expect(top('qualifed foreign limited partners')?.entry.id).toBe('qualified-foreign-limited-partner');
    // Three-letter words get no tolerance, acronyms none at all.
    expect(lookup.lookup('withholding tux')).toEqual([]);
    expect(lookup.lookup('FIX')).toEqual([]);
    expect(lookup.lookup('QFLQ')).toEqual([]);
  });

  it('finds partial English: a word of a term, or terms inside a phrase', () => {
    expect(lookup.lookup('negative').map((r) => r.entry.id)).toEqual(['negative-list', 'market-access-negative-list']);
    const both = lookup.lookup('withholding tax on reinvested profits').map((r) => r.entry.id);
    expect(both.sort()).toEqual(['reinvestment-of-profits', 'withholding-income-tax']);
  });

  it('ranks best first and honours the limit', () => {
    const all = lookup.lookup('负面清单');
    expect(all.map((r) => r.score)).toEqual([...all.map((r) => r.score)].sort((a, b) => b - a));
    expect(lookup.lookup('负面清单', { limit: 1 })).toHaveLength(1);
    expect(lookup.lookup('   ')).toEqual([]);
    expect(lookup.lookup('zebra crossing')).toEqual([]);
  });
});

describe('findInEnglish', () => {
  it('finds leftmost-longest glossary terms with offsets into the query', () => {
    const q = 'withholding tax on reinvested profits';
    const spans = lookup.findInEnglish(q);
    expect(spans.map((s) => [s.entry.id, s.matched, s.fuzzy])).toEqual([
      ['withholding-income-tax', 'withholding tax', false],
      ['reinvestment-of-profits', 'reinvested profits', false],
    ]);
    for (const s of spans) expect(q.slice(s.start, s.end)).toBe(s.matched);
  });

  it('prefers the longer term and finds abbreviations and fuzzy words', () => {
    const q = 'Can FIEs use the market access negative lists, RCEP or QFLP for R & D centers? (withholdng tax)';
    const spans = lookup.findInEnglish(q);
    expect(spans.map((s) => s.entry.id)).toEqual([
      'foreign-invested-enterprise',
      'market-access-negative-list',
      'rcep',
      'qualified-foreign-limited-partner',
      'rd-centre',
      'withholding-income-tax',
    ]);
    expect(spans.find((s) => s.entry.id === 'rd-centre')!.matched).toBe('R & D centers');
    expect(spans.at(-1)).toMatchObject({ matched: 'withholdng tax', fuzzy: true });
  });
});

describe('findPinyin', () => {
  it('returns entries whose pinyin the whole query is', () => {
    expect(lookup.findPinyin('fumian qingdan').map((e) => e.id)).toEqual(['negative-list']);
    expect(lookup.findPinyin('yán fā zhōng xīn').map((e) => e.id)).toEqual(['rd-centre']);
    expect(lookup.findPinyin('negative list')).toEqual([]);
    expect(lookup.findPinyin('负面清单')).toEqual([]);
  });

  it('compacts pinyin the way people type it', () => {
    expect(compactPinyin("Xi'an")).toBe('xian');
    expect(compactPinyin('lǜ sè')).toBe('lvse');
  });
});

describe('lookup on the real glossary (acceptance)', () => {
  let real: Lookup;
  beforeAll(async () => {
    real = createLookup((await loadGlossary('glossary/data')).glossary);
  });

  it('resolves every spelling of negative list to one entry', () => {
    const ids = ['negative list', 'Negative List', 'negative-list', '负面清单', 'fumian qingdan'].map((q) => real.lookup(q)[0]?.entry.id);
    expect(new Set(ids).size).toBe(1);
    expect(real.lookup('负面清单')[0]!.entry.zh).toBe('负面清单');
  });

  it('resolves R&D centre spellings to 研发中心', () => {
    for (const q of ['R&D centre', 'R&D center', 'research and development center']) {
      expect(real.lookup(q)[0], q).toMatchObject({ entry: { zh: '研发中心' } });
      expect(real.lookup(q)[0]!.score, q).toBeGreaterThanOrEqual(0.95);
    }
  });

  it('splits the withholding-tax query into its two glossary terms', () => {
    const spans = real.findInEnglish('withholding tax on reinvested profits');
    expect(spans.map((s) => [s.entry.zh, s.matched])).toEqual([
      ['预提所得税', 'withholding tax'],
      ['利润再投资', 'reinvested profits'],
    ]);
  });

  it('finds abbreviations and typos inside a longer query', () => {
    const spans = real.findInEnglish('tax incentives for R&D centres of FIEs under RCEP and QFLP pilots');
    const matched = spans.map((s) => s.matched);
    for (const m of ['R&D centres', 'FIEs', 'RCEP', 'QFLP']) expect(matched).toContain(m);
    expect(real.lookup('foriegn investment')[0]).toMatchObject({ matchedBy: 'fuzzy', entry: { en: 'foreign investment' } });
  });

  // How fast is a benchmark figure (`npm run bench:glossary`, lookup µs per query), not a test bound; what a test
  // can hold is that a built lookup answers every repeat of a query the same, keeping no state between queries.
  it('answers repeated queries the same once built', () => {
    const queries = ['withholding tax on reinvested profits', 'negative list', '负面清单', 'fumian qingdan', 'negtive lsit'];
    const first = queries.map((q) => real.lookup(q));
    for (const answer of first) expect(answer.length).toBeGreaterThan(0);
    for (let i = 0; i < 20; i++) expect(queries.map((q) => real.lookup(q))).toEqual(first);
  });
});
