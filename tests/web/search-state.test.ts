import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  FACETS,
  apiParams,
  feedPath,
  hasFilters,
  isActive,
  parseSearchState,
  searchQuery,
  withFilter,
  withPage,
  withQuery,
  withoutFilters,
  type SearchState,
} from '../../web/src/search-state.ts';

const value = fc.string({ minLength: 1, maxLength: 12 }).filter((s) => s.trim() === s && s !== '');
const state: fc.Arbitrary<SearchState> = fc.record({
  q: fc.string({ maxLength: 30 }).map((s) => s.trim()),
  page: fc.integer({ min: 1, max: 101 }),
  filters: fc.record({
    region: fc.uniqueArray(value, { maxLength: 3 }),
    level: fc.uniqueArray(value, { maxLength: 3 }),
    status: fc.uniqueArray(value, { maxLength: 3 }),
    year: fc.uniqueArray(value, { maxLength: 3 }),
    doc: fc.uniqueArray(value, { maxLength: 3 }),
    category: fc.uniqueArray(value, { maxLength: 3 }),
  }),
});

describe('search state in the URL', () => {
  it('reads the shared form /?q=negative+list&region=…&page=2', () => {
    const s = parseSearchState(new URLSearchParams('q=negative+list&region=jiangxi&region=jilin&year=2023&page=2'));
    expect(s.q).toBe('negative list');
    expect(s.page).toBe(2);
    expect(s.filters.region).toEqual(['jiangxi', 'jilin']);
    expect(s.filters.year).toEqual(['2023']);
    expect(s.filters.level).toEqual([]);
    expect(searchQuery(s)).toBe('?q=negative+list&region=jiangxi&region=jilin&year=2023&page=2');
  });

  it('treats a missing or bad page as page 1 and omits it', () => {
    for (const page of ['', '0', '-3', 'x']) {
      const s = parseSearchState(new URLSearchParams(`q=a&page=${page}`));
      expect(s.page).toBe(1);
      expect(searchQuery(s)).toBe('?q=a');
    }
  });

  it('round-trips any state', () => {
    fc.assert(
      fc.property(state, (s) => {
        expect(parseSearchState(new URLSearchParams(searchQuery(s)))).toEqual(s);
      }),
    );
  });

  it('is blank for the empty state', () => {
    const s = parseSearchState(new URLSearchParams());
    expect(searchQuery(s)).toBe('');
    expect(isActive(s)).toBe(false);
  });
});

describe('state changes', () => {
  it('go back to page 1 when the result set changes', () => {
    fc.assert(
      fc.property(state, value, fc.constantFrom(...FACETS), (s, v, facet) => {
        expect(withFilter(s, facet, v, true).page).toBe(1);
        expect(withFilter(s, facet, v, true).filters[facet]).toContain(v);
        expect(withFilter(s, facet, v, false).filters[facet]).not.toContain(v);
        expect(withQuery(s, ' x ').page).toBe(1);
        expect(withQuery(s, ' x ').q).toBe('x');
        expect(hasFilters(withoutFilters(s))).toBe(false);
      }),
    );
  });

  it('turning a value on twice keeps it once', () => {
    const s = withFilter(withFilter(parseSearchState(new URLSearchParams()), 'region', 'a', true), 'region', 'a', true);
    expect(s.filters.region).toEqual(['a']);
    expect(isActive(s)).toBe(true);
  });
});

describe('apiParams', () => {
  it('asks the API for the page of the state', () => {
    const s = withPage(withFilter(withQuery(parseSearchState(new URLSearchParams()), 'negative list'), 'level', 'provincial', true), 3);
    const p = apiParams(s, 10);
    expect(p.get('q')).toBe('negative list');
    expect(p.getAll('level')).toEqual(['provincial']);
    expect(p.get('limit')).toBe('10');
    expect(p.get('offset')).toBe('20');
    expect(p.has('page')).toBe(false);
  });
});

describe('feedPath', () => {
  it('follows the same search, filters included, without paging', () => {
    const s = withPage(withFilter(withQuery(parseSearchState(new URLSearchParams()), 'negative list'), 'status', 'in_force', true), 3);
    expect(feedPath(s)).toBe('/api/feed?q=negative+list&status=in_force');
    expect(feedPath(parseSearchState(new URLSearchParams()))).toBe('/api/feed');
  });
});
