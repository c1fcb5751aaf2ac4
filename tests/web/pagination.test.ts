import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_OFFSET, pageCount, pageWindow } from '../../web/src/pagination.ts';

describe('pageCount', () => {
  it('rounds up and stops where the API stops paging', () => {
    expect(pageCount(0, 10)).toBe(0);
    expect(pageCount(1, 10)).toBe(1);
    expect(pageCount(10, 10)).toBe(1);
    expect(pageCount(11, 10)).toBe(2);
    expect(pageCount(50_000, 10)).toBe(MAX_OFFSET / 10 + 1);
  });

  it('never offers a page whose offset the API rejects', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 1, max: 100 }), (total, size) => {
        const pages = pageCount(total, size);
        if (pages > 0) expect((pages - 1) * size).toBeLessThanOrEqual(MAX_OFFSET);
        expect(pages * size).toBeGreaterThanOrEqual(Math.min(total, MAX_OFFSET + 1));
      }),
    );
  });
});

describe('pageWindow', () => {
  it('shows the ends and the neighbourhood of the current page', () => {
    expect(pageWindow(7, 20)).toEqual([1, null, 5, 6, 7, 8, 9, null, 20]);
    expect(pageWindow(1, 3)).toEqual([1, 2, 3]);
    expect(pageWindow(1, 20)).toEqual([1, 2, 3, null, 20]);
    // A single left-out page is shown rather than replaced by an ellipsis.
    expect(pageWindow(5, 20)).toEqual([1, 2, 3, 4, 5, 6, 7, null, 20]);
  });

  it('is ordered, includes first, last and current, and never has two gaps in a row', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200 }).chain((count) => fc.tuple(fc.integer({ min: 1, max: count }), fc.constant(count))),
        ([current, count]) => {
          const w = pageWindow(current, count);
          const pages = w.filter((p): p is number => p !== null);
          expect(pages).toContain(1);
          expect(pages).toContain(count);
          expect(pages).toContain(current);
          expect(pages).toEqual([...pages].sort((a, b) => a - b));
          expect(new Set(pages).size).toBe(pages.length);
          w.forEach((p, i) => {
            if (p === null) {
              expect(w[i + 1]).not.toBeNull();
              // A gap always stands for at least two pages.
              expect((w[i + 1] as number) - (w[i - 1] as number)).toBeGreaterThan(2);
            }
          });
        },
      ),
    );
  });
});
