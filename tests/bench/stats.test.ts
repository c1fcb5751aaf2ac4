import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { median, percentile, summarizeLatencies } from '../../bench/stats.ts';

describe('percentile', () => {
  it('uses the nearest rank', () => {
    const xs = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(xs, 50)).toBe(50);
    expect(percentile(xs, 95)).toBe(95);
    expect(percentile(xs, 99)).toBe(99);
    expect(percentile(xs, 100)).toBe(100);
    expect(percentile([7], 95)).toBe(7);
  });

  it('is NaN for no samples', () => {
    expect(percentile([], 50)).toBeNaN();
  });

  it('returns a sample, and never less than the samples below its rank', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ noNaN: true, min: 0, max: 1e6 }), { minLength: 1 }), fc.integer({ min: 1, max: 100 }), (xs, p) => {
        const sorted = [...xs].sort((a, b) => a - b);
        const v = percentile(sorted, p);
        expect(xs).toContain(v);
        expect(sorted.filter((x) => x <= v).length / sorted.length).toBeGreaterThanOrEqual(p / 100);
      }),
    );
  });
});

describe('summarizeLatencies', () => {
  it('sorts unsorted samples and orders p50 ≤ p95 ≤ p99', () => {
    const s = summarizeLatencies([30, 1, 20, 2, 10, 3, 4, 5, 6, 7]);
    expect(s.p50).toBe(5);
    expect(s.p95).toBe(30);
    expect(s.p50).toBeLessThanOrEqual(s.p95);
    expect(s.p95).toBeLessThanOrEqual(s.p99);
  });

  it('median of an odd list is the middle value', () => {
    expect(median([9, 1, 5])).toBe(5);
  });
});
