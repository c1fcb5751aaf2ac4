// The versioned caches alone: a new index version empties them, an answer computed on the old one is not kept, keys
// tell Sets and Maps apart, and size 0 caches nothing.
import { describe, expect, it } from 'vitest';
import { createSearchCaches, keyOf } from '../../../server/search/cache.ts';
import type { SearchFacets } from '../../../shared/api-types.ts';

const V1 = { index: 'p_clauses', contentHash: 'aaa', glossaryHash: 'g1' };
const V2 = { ...V1, contentHash: 'bbb' };
const facets = (n: number): SearchFacets => ({
  region: [{ value: `r${n}`, label: { zh: 'r', en: 'r' }, count: n }],
  level: [],
  status: [],
  year: [],
  doc: [],
  category: [],
  term: [],
});

describe('search caches', () => {
  it('keeps values per version and empties itself when the version changes', () => {
    const { facets: cache } = createSearchCaches(1 << 20);
    const k1 = cache.key(V1, { plan: 'a' });
    cache.set(k1, facets(1));
    expect(cache.get(cache.key(V1, { plan: 'a' }))).toEqual(facets(1));
    expect(cache.get(cache.key(V1, { plan: 'b' }))).toBeUndefined();
    const k2 = cache.key(V2, { plan: 'a' });
    expect(k2).not.toBe(k1);
    expect(cache.size).toBe(0);
    expect(cache.get(k1)).toBeUndefined();
    // A request that began on V1 and finishes after the switch: its answer is dropped.
    cache.set(k1, facets(1));
    expect(cache.size).toBe(0);
    cache.set(k2, facets(2));
    expect(cache.get(k2)).toEqual(facets(2));
    // The glossary is part of the version too.
    cache.key({ ...V2, glossaryHash: 'g2' }, {});
    expect(cache.get(k2)).toBeUndefined();
  });

  it('gives different plans different keys, Sets and Maps included', () => {
    expect(keyOf({ s: new Set(['a']) })).not.toBe(keyOf({ s: new Set(['b']) }));
    expect(keyOf({ m: new Map([['a', 1]]) })).not.toBe(keyOf({ m: new Map([['a', 2]]) }));
    expect(keyOf({ s: new Set(['a']) })).not.toBe(keyOf({ s: ['a'] }));
  });

  it('is bounded by size, and caches nothing at size 0', () => {
    const small = createSearchCaches(64 * 1024).facets;
    for (let i = 0; i < 1000; i++) small.set(small.key(V1, i), facets(i));
    expect(small.size).toBeGreaterThan(0);
    expect(small.size).toBeLessThan(1000);
    const off = createSearchCaches(0);
    const key = off.responses.key(V1, 'q');
    off.facets.set(off.facets.key(V1, 'q'), facets(1));
    expect(off.facets.size).toBe(0);
    expect(off.responses.get(key)).toBeUndefined();
  });
});
