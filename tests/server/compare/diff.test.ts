import { describe, expect, it } from 'vitest';
import { loadEnricher } from '../../../indexer/pipeline.ts';
import { sameShare, splitAt, wordDiff } from '../../../server/compare/diff.ts';
import fc from 'fast-check';

describe('wordDiff', () => {
  it('marks what each side adds or drops, word by word, and rebuilds both texts', async () => {
    // The index's segmenter (glossary dictionary): jieba's dictionary is per process, so a test must not load another.
    const { enricher: seg } = await loadEnricher();
    const a = '落实好境外投资者以分配利润直接投资暂不征收预提所得税政策。';
    const b = '落实好境外投资者以分配利润直接投资暂不征收预提所得税等政策，创新税收政策宣传模式。';
    const words = (t: string) => splitAt(t, seg.wordBoundaries(t));
    expect(words(a).join('')).toBe(a);
    const parts = wordDiff(words(a), words(b));
    expect(
      parts
        .filter((p) => p.op !== 'added')
        .map((p) => p.text)
        .join(''),
    ).toBe(a);
    expect(
      parts
        .filter((p) => p.op !== 'removed')
        .map((p) => p.text)
        .join(''),
    ).toBe(b);
    expect(parts.some((p) => p.op === 'added' && p.text.includes('创新税收政策宣传模式'))).toBe(true);
    expect(parts[0]).toEqual({ op: 'same', text: '落实好境外投资者以分配利润直接投资暂不征收预提所得税' });
    expect(sameShare(parts)).toBeGreaterThan(0.5);
    expect(sameShare(wordDiff(['外资'], ['外资']))).toBe(1);
    expect(sameShare(wordDiff(['外资'], ['内资']))).toBe(0);
  });

  it('rebuilds both sides for any word lists', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('外资', '企业', '的', '政策', '，')), fc.array(fc.constantFrom('外资', '研发', '的', '政策')), (a, b) => {
        const parts = wordDiff(a, b);
        expect(
          parts
            .filter((p) => p.op !== 'added')
            .map((p) => p.text)
            .join(''),
        ).toBe(a.join(''));
        expect(
          parts
            .filter((p) => p.op !== 'removed')
            .map((p) => p.text)
            .join(''),
        ).toBe(b.join(''));
      }),
    );
  });
});
