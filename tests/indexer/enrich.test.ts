import { describe, expect, it } from 'vitest';
import { alignedTerms } from '../../indexer/enrich.ts';
import type { TermMatch } from '../../glossary/types.ts';

// Word boundaries as jieba would give them for the sample texts, written out so the rule is tested alone.
function ctx(words: string[], matches: TermMatch[]) {
  const edges = new Set([0]);
  let at = 0;
  for (const w of words) edges.add((at += w.length));
  return { align: () => matches, wordBoundaries: () => edges };
}

describe('alignedTerms', () => {
  it('drops a literal match cutting through words on both sides', () => {
    const text = '强化工作';
    const m = { entryId: 'chemical-industry', form: '化工', start: 1, end: 3 };
    expect(alignedTerms(text, ctx(['强化', '工作'], [m]))).toEqual([]);
  });
  it('keeps a match that starts or ends on a word edge', () => {
    const text = '外资准入负面清单';
    const m = { entryId: 'negative-list', form: '负面清单', start: 4, end: 8 };
    expect(alignedTerms(text, ctx(['外资准入负面清单'], [m]))).toEqual([m]);
  });
  it('keeps a term nested inside a longer anchored term', () => {
    const text = '准入前国民待遇加负面清单管理制度';
    const outer = { entryId: 'regime', form: text, start: 0, end: text.length };
    const inner = { entryId: 'national-treatment', form: '国民待遇', start: 3, end: 7 };
    expect(alignedTerms(text, ctx([text], [outer, inner]))).toEqual([outer, inner]);
  });
});
