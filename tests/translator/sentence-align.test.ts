import { beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../indexer/corpus.ts';
import type { CorpusDocument } from '../../indexer/types.ts';
import { createAligner } from '../../glossary/align.ts';
import { loadGlossary } from '../../glossary/load.ts';
import type { Glossary } from '../../glossary/types.ts';
import { termAnchors } from '../../translator/bilingual.ts';
import { alignSentences, pairAt, splitChinese, splitEnglish } from '../../translator/sentence-align.ts';

const slice = (text: string, s: { start: number; end: number } | null) => (s ? text.slice(s.start, s.end) : null);

describe('sentence splitting', () => {
  it('cuts Chinese at 。！？； keeping closing quotes, and drops surrounding whitespace', () => {
    const text = '一是扩大开放。二是“优化服务。”三是加强保障；四是其他';
    expect(splitChinese(text).map((s) => slice(text, s))).toEqual(['一是扩大开放。', '二是“优化服务。”', '三是加强保障；', '四是其他']);
  });

  it('cuts English at sentence ends but not after abbreviations or before a lower-case word', () => {
    const text = 'See Document No. 11 of 2023. It applies to Co., Ltd. companies; others follow. e.g. not here';
    expect(splitEnglish(text).map((s) => slice(text, s))).toEqual([
      'See Document No. 11 of 2023.',
      'It applies to Co., Ltd. companies;',
      'others follow. e.g. not here',
    ]);
  });
});

describe('alignSentences', () => {
  it('pairs sentences one to one when counts and lengths agree', () => {
    const zh = '全面实施准入前国民待遇。优化外商投资环境。';
    const en = 'Fully implement pre-establishment national treatment. Improve the environment for foreign investment.';
    const { pairs } = alignSentences(zh, en);
    expect(pairs.map((p) => [slice(zh, p.zh), slice(en, p.en), p.status])).toEqual([
      ['全面实施准入前国民待遇。', 'Fully implement pre-establishment national treatment.', 'aligned'],
      ['优化外商投资环境。', 'Improve the environment for foreign investment.', 'aligned'],
    ]);
  });

  it('merges two Chinese sentences rendered as one English sentence', () => {
    const zh = '加大招商引资力度。积极举办投资促进活动。落实外资企业国民待遇，保障其依法平等参与政府采购和标准制定。';
    const en =
      'Step up investment attraction and actively hold investment promotion events. Grant foreign-invested enterprises national treatment and ensure that they take part, on an equal footing and in accordance with the law, in government procurement and standard-setting.';
    const { pairs } = alignSentences(zh, en);
    expect(pairs).toHaveLength(2);
    expect(slice(zh, pairs[0]!.zh)).toBe('加大招商引资力度。积极举办投资促进活动。');
    expect(slice(en, pairs[1]!.en)).toMatch(/^Grant foreign-invested enterprises national treatment/);
  });

  it('follows anchors where lengths alone mislead', () => {
    const zh = '甲甲甲甲甲甲甲甲。乙乙乙乙乙乙乙乙。';
    const en = 'Short one about alpha. A much longer sentence about beta that goes on and on for a good while.';
    // Without anchors the lengths favour some pairing; anchors say 甲 → alpha and 乙 → beta.
    const anchored = alignSentences(zh, en, [
      { zh: 0, en: en.indexOf('alpha') },
      { zh: 9, en: en.indexOf('beta') },
    ]);
    expect(anchored.pairs.map((p) => slice(en, p.en))).toEqual([
      'Short one about alpha.',
      'A much longer sentence about beta that goes on and on for a good while.',
    ]);
  });

  it('says why a sentence has no English: no translation at all, or no counterpart', () => {
    expect(alignSentences('一。二。', null).pairs.map((p) => [p.status, p.reason])).toEqual([
      ['unaligned', 'no_translation'],
      ['unaligned', 'no_translation'],
    ]);
    const zh =
      '这是一个很长的中文句子，讲了很多关于外商投资和营商环境的内容，篇幅很长很长很长。短句。另一个同样很长的中文句子，也讲了很多关于产业和政策的事情，篇幅很长很长。';
    const en =
      'This is a long sentence on foreign investment and the business environment, long indeed. Another equally long sentence, on industry and policy, also long.';
    const { pairs } = alignSentences(zh, en);
    // A short sentence without its own English joins a neighbour (a merge is likelier than an omission).
    expect(pairs).toHaveLength(2);
    const short = pairAt({ pairs }, zh.indexOf('短句'))!;
    expect(slice(zh, short.zh)).toContain('短句');
    expect(short.en).not.toBeNull();
    // One sentence against an empty rest: nothing to pair it with.
    expect(alignSentences('一句话。', '   ').pairs[0]).toMatchObject({ status: 'unaligned', reason: 'no_translation' });
  });
});

// The measurement the module's header cites. Gold: occurrences whose entry occurs as often in the clause's
// Chinese as its rendering in the English (a consistently rendered clause), the k-th rendering taken as the k-th
// occurrence's; the aligner is run without term anchors, which would give it the answer.
describe('seed corpus', () => {
  let documents: CorpusDocument[];
  let glossary: Glossary;
  beforeAll(async () => {
    documents = (await loadCorpus('corpus')).documents;
    glossary = (await loadGlossary('glossary/data')).glossary;
  });

  it('pairs at least 95% of term occurrences with the English sentence holding their rendering, above the positional baseline', () => {
    const aligner = createAligner(glossary);
    let total = 0;
    let aligned = 0;
    let positional = 0;
    let multi = 0;
    for (const doc of documents) {
      for (const clause of doc.clauses) {
        const en = doc.translation?.clauses.get(clause.id)?.text ?? null;
        if (!en) continue;
        const zs = splitChinese(clause.text);
        const es = splitEnglish(en);
        if (zs.length < 2 && es.length < 2) continue;
        multi++;
        const alignment = alignSentences(clause.text, en);
        const matches = aligner.align(clause.text);
        for (const a of termAnchors(en, matches, (id) => {
          const e = glossary.byId.get(id);
          return e && [e.en, ...e.variants.en];
        })) {
          total++;
          const inside = (s: { start: number; end: number } | null | undefined) => !!s && a.en >= s.start && a.en < s.end;
          if (inside(pairAt(alignment, a.zh)?.en)) aligned++;
          const zi = zs.findIndex((z) => a.zh < z.end);
          if (inside(es[Math.min(zi, es.length - 1)])) positional++;
        }
      }
    }
    const pct = (k: number) => `${((k / total) * 100).toFixed(1)}%`;
    console.log(`sentence alignment: ${total} gold occurrences in ${multi} multi-sentence clauses; aligned ${pct(aligned)}, i-th with i-th ${pct(positional)}`);
    expect(total).toBeGreaterThan(300);
    expect(aligned / total).toBeGreaterThan(0.95);
    expect(aligned).toBeGreaterThan(positional);
  });
});
