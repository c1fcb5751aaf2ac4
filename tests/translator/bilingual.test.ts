import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { bestRendering, bilingualPairs, countsByRendering, englishPairs, findEnglish, renderingCounts, sortPairs } from '../../translator/bilingual.ts';
import { glossaryCsv, glossaryTbx, type ExportEntry } from '../../translator/glossary-export.ts';

const cut = (text: string, s: { start: number; end: number }) => text.slice(s.start, s.end);

describe('findEnglish', () => {
  it('matches by normalized words: case, plural, hyphens and British spelling aside', () => {
    const text = 'National Treatment applies; national-treatment rules and the R&D centres.';
    expect(findEnglish(text, 'national treatment').map((s) => cut(text, s))).toEqual(['National Treatment', 'national-treatment']);
    expect(findEnglish(text, 'R&D center').map((s) => cut(text, s))).toEqual(['R&D centres']);
    expect(findEnglish(text, 'treatments of nationals')).toEqual([]);
  });

  it('prefers the longest rendering found', () => {
    const text = 'Grant post-establishment national treatment.';
    expect(bestRendering(text, ['national treatment', 'post-establishment national treatment'])?.rendering).toBe('post-establishment national treatment');
    expect(bestRendering(text, ['equal treatment'])).toBeNull();
  });
});

const clause = (text: string, textEn: string | null, term: string, id = 'c1') => {
  const matches = [];
  for (let i = text.indexOf(term); i !== -1; i = text.indexOf(term, i + 1)) matches.push({ start: i, end: i + term.length });
  return { clauseId: id, docId: 'd', path: { zh: '一、', en: 'Part I' }, text, textEn, matches };
};

describe('bilingualPairs', () => {
  const renderings = ['national treatment', 'equal treatment'];
  const pairs = bilingualPairs(
    [
      clause(
        '优化外商投资环境。全面落实准入前国民待遇。',
        'Improve the environment for foreign investment. Fully implement pre-establishment national treatment.',
        '国民待遇',
      ),
      clause('外资企业享受国民待遇。', 'Foreign-invested enterprises enjoy equal treatment.', '国民待遇', 'c2'),
      clause('给予国民待遇。', null, '国民待遇', 'c3'),
      clause('国民待遇原则。', 'The principle applies.', '国民待遇', 'c4'),
    ],
    renderings,
  );

  it('pairs the Chinese sentence holding the term with its aligned English sentence, both marked', () => {
    const p = pairs[0]!;
    expect(p.zh.text).toBe('全面落实准入前国民待遇。');
    expect(p.zh.ranges.map((r) => cut(p.zh.text, r))).toEqual(['国民待遇']);
    expect(p.en?.text).toBe('Fully implement pre-establishment national treatment.');
    expect(p.en?.ranges.map((r) => cut(p.en!.text, r))).toEqual(['national treatment']);
    expect(p.rendering).toBe('national treatment');
    expect(p.alignment).toEqual({ status: 'aligned', reason: null });
    expect([p.left, p.right]).toEqual(['全面落实准入前', '。']);
  });

  it('records which rendering each pair uses, and why a pair has no English', () => {
    expect(pairs.map((p) => p.rendering)).toEqual(['national treatment', 'equal treatment', null, null]);
    expect(pairs[2]).toMatchObject({ en: null, alignment: { status: 'unaligned', reason: 'no_translation' } });
    expect(pairs[3]!.en?.ranges).toEqual([]);
    expect(renderingCounts(pairs, renderings)).toEqual([
      { rendering: 'national treatment', count: 1 },
      { rendering: 'equal treatment', count: 1 },
      { rendering: null, count: 2 },
    ]);
  });

  it('sorts by right context, and by left context read backwards from the term', () => {
    const right = sortPairs(pairs, 'right').map((p) => p.right);
    expect(right).toEqual([...right].sort(new Intl.Collator('zh-Hans-CN').compare));
    const left = sortPairs(pairs, 'left').map((p) => [...p.left].reverse().join(''));
    expect(left).toEqual([...left].sort(new Intl.Collator('zh-Hans-CN').compare));
    expect(sortPairs(pairs, 'document')).toEqual(pairs);
  });
});

describe('englishPairs', () => {
  it('finds an English string in translations and marks the glossary terms rendering it on the Chinese side', () => {
    const text = '开展招商引资。保障国民待遇。';
    const pairs = englishPairs(
      [
        {
          clauseId: 'c1',
          docId: 'd',
          path: { zh: '', en: '' },
          text,
          textEn: 'Attract investment. Guarantee national treatment.',
          terms: [{ entryId: 'national-treatment', start: text.indexOf('国民待遇'), end: text.indexOf('国民待遇') + 4 }],
        },
      ],
      'national treatment',
      (id) => (id === 'national-treatment' ? ['national treatment'] : undefined),
    );
    expect(pairs).toHaveLength(1);
    expect(pairs[0]!.zh.text).toBe('保障国民待遇。');
    expect(pairs[0]!.zh.ranges.map((r) => cut(pairs[0]!.zh.text, r))).toEqual(['国民待遇']);
    expect(pairs[0]!.en?.ranges.map((r) => cut(pairs[0]!.en!.text, r))).toEqual(['national treatment']);
    expect(countsByRendering(pairs)).toEqual([{ rendering: '国民待遇', count: 1 }]);
  });
});

describe('glossary export', () => {
  const entries: ExportEntry[] = [
    {
      id: 'national-treatment',
      zh: '国民待遇',
      en: 'national treatment',
      variants: { zh: [], en: ['equal treatment'] },
      pinyin: 'guó mín dài yù',
      category: 'market-access',
      note: 'Quotes " and commas, here; and <markup> & more',
      source: null,
    },
  ];

  it('CSV round-trips through a CSV parser, variants joined', () => {
    const rows = parse(glossaryCsv(entries), { columns: true }) as Record<string, string>[];
    expect(rows).toEqual([
      {
        id: 'national-treatment',
        zh: '国民待遇',
        en: 'national treatment',
        variants_zh: '',
        variants_en: 'equal treatment',
        pinyin: 'guó mín dài yù',
        category: 'market-access',
        note: 'Quotes " and commas, here; and <markup> & more',
        source: '',
      },
    ]);
  });

  it('TBX escapes markup and marks preferred and admitted terms', () => {
    const xml = glossaryTbx(entries, { title: 't', description: 'd' });
    expect(xml).toContain('&lt;markup&gt; &amp; more');
    expect(xml).toMatch(/<term>国民待遇<\/term>\s*<termNote type="administrativeStatus">preferredTerm-admn-sts<\/termNote>/);
    expect(xml).toMatch(/<term>equal treatment<\/term>\s*<termNote type="administrativeStatus">admittedTerm-admn-sts<\/termNote>/);
  });
});
