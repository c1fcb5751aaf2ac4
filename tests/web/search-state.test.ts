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
  SORTS,
  facetCountParams,
  parseSavedResults,
  urlLang,
  withSort,
  withVerbatim,
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
  sort: fc.constantFrom(...SORTS),
  verbatim: fc.boolean(),
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
    // Later pages ask for the facets the page shows on every page; the first gets them by default.
    expect(p.get('facets')).toBe('include');
    expect(apiParams(withPage(s, 1), 10).has('facets')).toBe(false);
  });
});

describe('sort, verbatim and the interface language in the URL', () => {
  it('writes them only when they differ from the defaults, and reads them back', () => {
    const s = withVerbatim(withSort(parseSearchState(new URLSearchParams('q=negativ+list')), 'newest'));
    expect(searchQuery(s)).toBe('?q=negativ+list&sort=newest&verbatim=true');
    expect(searchQuery(s, 'zh')).toBe('?q=negativ+list&sort=newest&verbatim=true&lang=zh');
    expect(parseSearchState(new URLSearchParams('q=a&sort=sideways&verbatim=yes'))).toMatchObject({ sort: 'relevance', verbatim: false });
    expect(apiParams(s).get('sort')).toBe('newest');
    expect(apiParams(s).get('verbatim')).toBe('true');
    expect(apiParams(parseSearchState(new URLSearchParams('q=a'))).has('sort')).toBe(false);
  });

  it('reads ?lang= as an interface language, and nothing else', () => {
    expect(urlLang(new URLSearchParams('lang=zh'))).toBe('zh');
    expect(urlLang(new URLSearchParams('lang=en'))).toBe('en');
    expect(urlLang(new URLSearchParams('lang=fr'))).toBeNull();
    expect(urlLang(new URLSearchParams(''))).toBeNull();
  });

  it('turns corrections back on for a new query, keeps verbatim for the same one', () => {
    const s = withVerbatim(parseSearchState(new URLSearchParams('q=negativ+list')));
    expect(withQuery(s, 'negativ list').verbatim).toBe(true);
    expect(withQuery(s, 'other').verbatim).toBe(false);
  });

  it("asks for a facet's counts without its own filter, keeping the others", () => {
    const s = parseSearchState(new URLSearchParams('q=x&region=a&region=b&level=national&page=3&sort=oldest'));
    const p = facetCountParams(s, 'region');
    expect(p.getAll('region')).toEqual([]);
    expect(p.getAll('level')).toEqual(['national']);
    expect(p.get('q')).toBe('x');
    expect(p.get('limit')).toBe('1');
    expect(p.get('offset')).toBe('0');
  });

  it('reads back only well-formed saved results', () => {
    expect(parseSavedResults(JSON.stringify({ url: '/?q=a', scrollY: 120, clauseId: 'c' }))).toEqual({ url: '/?q=a', scrollY: 120, clauseId: 'c' });
    expect(parseSavedResults(JSON.stringify({ url: 'https://evil.example/', scrollY: 0 }))).toBeNull();
    expect(parseSavedResults('{')).toBeNull();
    expect(parseSavedResults(null)).toBeNull();
  });
});

describe('feedPath', () => {
  it('follows the same search, filters included, without paging', () => {
    const s = withPage(withFilter(withQuery(parseSearchState(new URLSearchParams()), 'negative list'), 'status', 'in_force', true), 3);
    expect(feedPath(s)).toBe('/api/feed?q=negative+list&status=in_force');
    expect(feedPath(parseSearchState(new URLSearchParams()))).toBe('/api/feed');
  });
});
