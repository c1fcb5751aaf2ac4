// The pieces createLookup is made of, each on a glossary of four entries written here.
import { describe, expect, it } from 'vitest';
import { tokenizeEnglish } from '../../glossary/english.ts';
import { buildGlossary, type LocatedEntry } from '../../glossary/load.ts';
import {
  alignTokens,
  buildLookupIndexes,
  candidatesFor,
  findPinyinEntries,
  longestAt,
  lookupChineseInexact,
  lookupEnglishInexact,
  lookupPinyin,
  lookupTerm,
  pinyinFormOf,
  resultCollector,
  scanEnglish,
  zhFormsOf,
  type MatchedBy,
} from '../../glossary/lookup.ts';
import type { GlossaryEntry } from '../../glossary/types.ts';

const entry = (e: Partial<LocatedEntry> & Pick<LocatedEntry, 'id' | 'zh' | 'en'>): LocatedEntry => ({
  variants: { zh: [], en: [] },
  category: 'tax',
  file: 'test.yaml',
  line: 1,
  ...e,
});

const glossary = buildGlossary([
  entry({ id: 'negative-list', zh: '负面清单', en: 'negative list', variants: { zh: ['负面清单管理'], en: ['negative lists'] }, category: 'market-access' }),
  entry({ id: 'withholding-income-tax', zh: '预提所得税', en: 'withholding income tax', variants: { zh: [], en: ['withholding tax'] } }),
  entry({ id: 'qflp', zh: ' QFLP ', en: 'qualified foreign limited partner', category: 'finance' }),
  entry({ id: 'green-channel', zh: '绿色通道', en: 'green channel', category: 'governance' }),
]);
const ix = buildLookupIndexes(glossary);
const byId = (id: string) => glossary.byId.get(id)!;
const token = (word: string) => tokenizeEnglish(word)[0]!;

/** The calls a probe makes to `add`, as [id, matchedBy, matched, score]. */
function adds(probe: (add: (e: GlossaryEntry, by: MatchedBy, matched: string, score: number) => void) => void): [string, MatchedBy, string, number][] {
  const calls: [string, MatchedBy, string, number][] = [];
  probe((e, by, matched, score) => calls.push([e.id, by, matched, Math.round(score * 1000) / 1000]));
  return calls;
}

describe('index building', () => {
  it('lists an entry’s Chinese forms, preferred first, trimmed', () => {
    expect(zhFormsOf(byId('negative-list')).map((z) => [z.form, z.kind])).toEqual([
      ['负面清单', 'zh'],
      ['负面清单管理', 'zh-variant'],
    ]);
    expect(zhFormsOf(byId('qflp'))[0]).toMatchObject({ form: 'QFLP', lower: 'qflp' });
  });

  it('keys a Han form by compact pinyin, and a lü as lu as well', () => {
    expect(pinyinFormOf(zhFormsOf(byId('green-channel'))[0]!)).toMatchObject({
      form: { pinyin: 'lü se tong dao', syllables: ['lv', 'se', 'tong', 'dao'] },
      keys: ['lvsetongdao', 'lusetongdao'],
    });
    expect(pinyinFormOf(zhFormsOf(byId('negative-list'))[0]!).keys).toEqual(['fumianqingdan']);
  });

  it('indexes exact Chinese, English word keys and the word trie; Latin Chinese forms count as English', () => {
    expect(ix.zhExact.get('qflp')?.map((z) => z.entry.id)).toEqual(['qflp']);
    expect(ix.enExact.get('withholding income tax')?.map((f) => f.kind)).toEqual(['en']);
    // "negative lists" normalizes to the preferred form's key: both forms under one key.
    expect(ix.enExact.get('negative list')?.map((f) => f.kind)).toEqual(['en', 'en-variant']);
    expect(ix.enExact.get('qflp')?.map((f) => f.kind)).toEqual(['zh']);
    expect([...ix.trie.children.get('withholding')!.children.keys()].sort()).toEqual(['income', 'tax']);
    expect(ix.pinyinForms).toHaveLength(4);
  });

  it('lets typos match words but not acronyms', () => {
    expect(ix.vocabulary.get('qflp')).toBe(false);
    expect(ix.vocabulary.get('withholding')).toBe(true);
    expect(ix.vocabByLength.get(4)).not.toContain('qflp');
    expect(ix.vocabByLength.get(11)).toContain('withholding');
  });
});

describe('English matching', () => {
  it('finds vocabulary words within the typo tolerance of a token, with their edits', () => {
    expect(candidatesFor(ix, token('withholding'))).toEqual(new Map([['withholding', 0]]));
    expect(candidatesFor(ix, token('withholdnig'))).toEqual(new Map([['withholding', 1]]));
    // Eleven letters tolerate two edits, not three.
    expect(candidatesFor(ix, token('withhxxding'))).toEqual(new Map([['withholding', 2]]));
    expect(candidatesFor(ix, token('withxxxding')).size).toBe(0);
    // Acronyms and three-letter words match only exactly.
    expect(candidatesFor(ix, token('QFLQ')).size).toBe(0);
    expect(candidatesFor(ix, token('tax'))).toEqual(new Map([['tax', 0]]));
  });

  it('takes the longest run of trie words, fewer edits breaking ties', () => {
    const cands = ['withholding', 'income', 'tax', 'rules'].map((w) => candidatesFor(ix, token(w)));
    expect(longestAt(ix.trie, cands, 0)).toMatchObject({ end: 3, edits: 0, form: { form: 'withholding income tax' } });
    expect(longestAt(ix.trie, cands, 1)).toBeUndefined();
    const short = ['withholding', 'tax'].map((w) => candidatesFor(ix, token(w)));
    expect(longestAt(ix.trie, short, 0)).toMatchObject({ end: 2, form: { form: 'withholding tax', kind: 'en-variant' } });
  });

  it('scans a longer text for terms, left to right, with UTF-16 offsets and the fuzzy flag', () => {
    const q = 'the negative list and withholdnig tax';
    const found = scanEnglish(ix, q);
    expect(found.map((f) => [f.span.entry.id, f.span.matched, f.span.fuzzy, f.words])).toEqual([
      ['negative-list', 'negative list', false, 2],
      ['withholding-income-tax', 'withholdnig tax', true, 2],
    ]);
    expect(q.slice(found[1]!.span.start, found[1]!.span.end)).toBe('withholdnig tax');
  });

  it('aligns query tokens with a form: whole form, or the first run of consecutive words inside it', () => {
    const cands = (...words: string[]) => words.map((w) => candidatesFor(ix, token(w)));
    expect(alignTokens(cands('income', 'tax'), ['withholding', 'income', 'tax'])).toEqual({ edits: 0, whole: false });
    expect(alignTokens(cands('withholdnig', 'income', 'tax'), ['withholding', 'income', 'tax'])).toEqual({ edits: 1, whole: true });
    expect(alignTokens(cands('tax', 'income'), ['withholding', 'income', 'tax'])).toBeNull();
    expect(alignTokens(cands('withholding', 'income', 'tax', 'rules'), ['withholding', 'income', 'tax'])).toBeNull();
  });

  it('scores partial and mistyped English below exact forms', () => {
    const calls = adds((add) => lookupEnglishInexact(ix, 'income tax', add));
    expect(calls).toContainEqual(['withholding-income-tax', 'en', 'withholding income tax', 0.633]);
    const typo = adds((add) => lookupEnglishInexact(ix, 'negatve list', add));
    expect(typo).toContainEqual(['negative-list', 'fuzzy', 'negative list', 0.8]);
  });
});

describe('Chinese and pinyin matching', () => {
  it('scores prefix over substring over containment, a closer length ratio higher', () => {
    const calls = adds((add) => lookupChineseInexact(ix, '负面', add));
    expect(calls).toEqual([
      ['negative-list', 'zh', '负面清单', 0.8],
      ['negative-list', 'zh-variant', '负面清单管理', 0.767],
    ]);
    expect(adds((add) => lookupChineseInexact(ix, '面清', add))[0]).toEqual(['negative-list', 'zh', '负面清单', 0.6]);
    expect(adds((add) => lookupChineseInexact(ix, '实施负面清单', add))[0]).toEqual(['negative-list', 'zh', '负面清单', 0.433]);
    expect(adds((add) => lookupChineseInexact(ix, '负面清单', add)).map((c) => c[2])).toEqual(['负面清单管理']);
  });

  it('finds pinyin typed whole, with or without tones and spaces, and lü typed as lu', () => {
    expect(findPinyinEntries(ix, 'fùmiàn qīngdān').map((e) => e.id)).toEqual(['negative-list']);
    expect(findPinyinEntries(ix, 'lusetongdao').map((e) => e.id)).toEqual(['green-channel']);
    expect(findPinyinEntries(ix, '负面')).toEqual([]);
  });

  it('matches a syllable prefix only when the syllables are typed apart', () => {
    // Two typed syllables of four score higher than two of six (the variant 负面清单管理).
    expect(adds((add) => lookupPinyin(ix, 'fu mian', add))).toEqual([
      ['negative-list', 'pinyin', 'fu mian qing dan', 0.7],
      ['negative-list', 'pinyin', 'fu mian qing dan guan li', 0.667],
    ]);
    expect(adds((add) => lookupPinyin(ix, 'fumian', add))).toEqual([]);
  });
});

describe('ranking and the whole lookup', () => {
  it('keeps each entry’s best match and orders by score, shorter form, id', () => {
    const results = resultCollector();
    results.add(byId('negative-list'), 'zh-variant', '负面清单管理', 0.5);
    results.add(byId('negative-list'), 'zh', '负面清单', 0.71234);
    results.add(byId('negative-list'), 'fuzzy', 'x', 0.6);
    results.add(byId('qflp'), 'en', 'qualified foreign limited partner', 0.71234);
    results.add(byId('green-channel'), 'en', 'green channel', 0.9);
    expect(results.ranked(10).map((r) => [r.entry.id, r.matched, r.score])).toEqual([
      ['green-channel', 'green channel', 0.9],
      ['negative-list', '负面清单', 0.712],
      ['qflp', 'qualified foreign limited partner', 0.712],
    ]);
    expect(results.ranked(1)).toHaveLength(1);
  });

  it('looks a term up by id, Chinese, English and pinyin', () => {
    expect(lookupTerm(ix, 'QFLP')[0]).toMatchObject({ entry: { id: 'qflp' }, score: 1 });
    expect(lookupTerm(ix, ' negative lists ')[0]).toMatchObject({ entry: { id: 'negative-list' }, matchedBy: 'en', score: 1 });
    expect(lookupTerm(ix, 'fu mian qing dan')[0]).toMatchObject({ entry: { id: 'negative-list' }, matchedBy: 'pinyin', score: 0.9 });
    expect(lookupTerm(ix, 'green-channel')[0]).toMatchObject({ matchedBy: 'id' });
    expect(lookupTerm(ix, '   ')).toEqual([]);
  });
});
