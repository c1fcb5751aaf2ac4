import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { highlighted, matchRanges } from '../../server/query/highlight.ts';
import { excerptRuns, findSpans, spanRuns } from '../../web/src/segments.ts';

describe('excerptRuns', () => {
  it('marks the matches in the text, nothing parsed: markup in the text stays text', () => {
    expect(excerptRuns('落实<外资>负面清单&x', [{ start: 6, length: 4 }])).toEqual([{ text: '落实<外资>' }, { text: '负面清单', mark: true }, { text: '&x' }]);
  });

  it('shows only the excerpt, with an ellipsis where text was cut, and leaves cut matches unmarked', () => {
    const text = '一二三负面清单四五六七八九';
    expect(
      excerptRuns(
        text,
        [
          { start: 3, length: 4 },
          { start: 9, length: 3 },
        ],
        { start: 2, length: 8 },
      ),
    ).toEqual([{ text: '…' }, { text: '三' }, { text: '负面清单', mark: true }, { text: '四五六' }, { text: '…' }]);
  });

  it('shows what the server highlight shows: the same text, the same marks, the same cuts', () => {
    const alphabet = fc.constantFrom('负', '面', '清', '单', '<', '>', '&', '"', "'", 'a', ' ');
    const unescapeHtml = (html: string) =>
      html.replace(/&(amp|lt|gt|quot|#39);/g, (_, n: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[n]!);
    fc.assert(
      fc.property(
        fc.string({ unit: alphabet, maxLength: 60 }),
        fc.array(fc.string({ unit: alphabet, minLength: 1, maxLength: 3 }), { maxLength: 3 }),
        fc.integer({ min: 5, max: 80 }),
        (text, terms, crop) => {
          const out = highlighted(text, matchRanges(text, terms), { cropLength: crop });
          const runs = excerptRuns(text, out.matches, out.excerpt);
          // The server's HTML, read here only to compare: marked runs are its <mark>s, all runs its text.
          const html = out.highlight.split(/<\/?mark>/);
          expect(runs.map((r) => r.text).join('')).toBe(unescapeHtml(html.join('')));
          expect(runs.filter((r) => r.mark).map((r) => r.text)).toEqual(html.filter((_, i) => i % 2 === 1).map(unescapeHtml));
        },
      ),
    );
  });
});

describe('spanRuns', () => {
  it('cuts text at term spans', () => {
    const text = '落实外资准入负面清单';
    const runs = spanRuns(text, [
      { start: 6, end: 10, en: 'negative list' },
      { start: 2, end: 4, en: 'foreign capital' },
    ]);
    expect(runs.map((r) => [r.text, r.mark?.en])).toEqual([
      ['落实', undefined],
      ['外资', 'foreign capital'],
      ['准入', undefined],
      ['负面清单', 'negative list'],
    ]);
  });

  it('keeps the text whole and drops overlapping or out-of-range spans', () => {
    const span = fc.record({ start: fc.integer({ min: -2, max: 25 }), end: fc.integer({ min: -2, max: 25 }) });
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), fc.array(span, { maxLength: 6 }), (text, spans) => {
        const runs = spanRuns(text, spans);
        expect(runs.map((r) => r.text).join('')).toBe(text);
        let at = 0;
        for (const r of runs) {
          if (r.mark) {
            expect(r.mark.start).toBe(at);
            expect(r.mark.end).toBe(at + r.text.length);
          }
          expect(r.text.length).toBeGreaterThan(0);
          at += r.text.length;
        }
      }),
    );
  });
});

describe('findSpans (find in document)', () => {
  it('finds every occurrence, Latin letters in any case, without overlaps', () => {
    expect(findSpans('Negative list; the NEGATIVE LIST.', 'negative list')).toEqual([
      { start: 0, end: 13 },
      { start: 19, end: 32 },
    ]);
    expect(findSpans('负面清单和负面清单', '负面清单')).toEqual([
      { start: 0, end: 4 },
      { start: 5, end: 9 },
    ]);
    expect(findSpans('aaaa', 'aa')).toEqual([
      { start: 0, end: 2 },
      { start: 2, end: 4 },
    ]);
  });

  it('ignores blanks around the needle and finds nothing for a blank one', () => {
    expect(findSpans('外资企业', '  外资 ')).toEqual([{ start: 0, end: 2 }]);
    expect(findSpans('外资企业', '   ')).toEqual([]);
    expect(findSpans('外资企业', '内资')).toEqual([]);
  });

  it('keeps offsets where lower case is longer (İ)', () => {
    const text = 'İstanbul list';
    const [span] = findSpans(text, 'LIST');
    expect(text.slice(span!.start, span!.end)).toBe('list');
  });

  it('returns spans that hold the needle, folded, for any text', () => {
    fc.assert(
      fc.property(fc.string(), fc.string({ minLength: 1, maxLength: 3 }), (text, needle) => {
        for (const s of findSpans(text, needle)) expect(text.slice(s.start, s.end).toLowerCase()).toBe(needle.trim().toLowerCase());
      }),
    );
  });
});
