import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { highlight, matchRanges } from '../../server/query/highlight.ts';
import { parseHighlight, spanRuns } from '../../web/src/segments.ts';

describe('parseHighlight', () => {
  it('turns marks into marked runs and unescapes the rest', () => {
    expect(parseHighlight('落实&lt;外资&gt;<mark>负面清单</mark>&amp;&#39;x&#39;')).toEqual([
      { text: '落实<外资>' },
      { text: '负面清单', mark: true },
      { text: "&'x'" },
    ]);
  });

  it('keeps other tags as literal text', () => {
    expect(parseHighlight('<b>x</b>')).toEqual([{ text: '<b>x</b>' }]);
  });

  it('recovers exactly the text and the matches of the server highlighter', () => {
    const alphabet = fc.constantFrom('负', '面', '清', '单', '<', '>', '&', '"', "'", 'a', ' ');
    fc.assert(
      fc.property(fc.string({ unit: alphabet, maxLength: 60 }), fc.array(fc.string({ unit: alphabet, minLength: 1, maxLength: 3 }), { maxLength: 3 }), (text, terms) => {
        const runs = parseHighlight(highlight(text, terms, { cropLength: 10_000 }));
        expect(runs.map((r) => r.text).join('')).toBe(text);
        const marked = runs.filter((r) => r.mark).map((r) => r.text);
        const expected = matchRanges(text, terms).map((r) => text.slice(r.start, r.end));
        expect(marked.join('|')).toBe(expected.join('|'));
      }),
    );
  });
});

describe('spanRuns', () => {
  it('cuts text at term spans', () => {
    const text = '落实外资准入负面清单';
    const runs = spanRuns(text, [{ start: 6, end: 10, en: 'negative list' }, { start: 2, end: 4, en: 'foreign capital' }]);
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
