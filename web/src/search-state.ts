// The search page's state and its URL form (pure): /?q=negative+list&region=jiangxi&sort=newest&page=2&lang=en
import { PAGE_FACETS, type PageFacetName } from '../../shared/facets.ts';

/** The facets the page filters by, in the registry's order (shared/facets.ts). */
export const FACETS = PAGE_FACETS;
export type Facet = PageFacetName;

export const PAGE_SIZE = 10;

export const SORTS = ['relevance', 'newest', 'oldest'] as const;
export type Sort = (typeof SORTS)[number];

/** Interface languages a page URL can name (`?lang=`): a shared link opens in the language it was sent in. */
export const UI_LANGS = ['en', 'zh'] as const;
export type UiLang = (typeof UI_LANGS)[number];

export interface SearchState {
  q: string;
  /** 1-based. */
  page: number;
  filters: Record<Facet, string[]>;
  /** Order of the hits (the API's `sort`); `relevance` is left out of the URL. */
  sort: Sort;
  /** Search the words as typed, without typo correction ("search instead for …"); left out of the URL when false. */
  verbatim: boolean;
}

const noFilters = (): Record<Facet, string[]> => Object.fromEntries(FACETS.map((f) => [f, []])) as unknown as Record<Facet, string[]>;

const isSort = (v: string | null): v is Sort => (SORTS as readonly (string | null)[]).includes(v);

export function parseSearchState(params: URLSearchParams): SearchState {
  const filters = noFilters();
  for (const facet of FACETS) filters[facet] = [...new Set(params.getAll(facet).filter((v) => v !== ''))];
  const page = Number.parseInt(params.get('page') ?? '', 10);
  const sort = params.get('sort');
  return {
    q: (params.get('q') ?? '').trim(),
    page: Number.isFinite(page) && page > 1 ? page : 1,
    filters,
    sort: isSort(sort) ? sort : 'relevance',
    verbatim: params.get('verbatim') === 'true',
  };
}

/** The interface language a URL names (`?lang=en|zh`), or null. */
export function urlLang(params: URLSearchParams): UiLang | null {
  const v = params.get('lang');
  return v === 'en' || v === 'zh' ? v : null;
}

/**
 * The query string of the page URL, `?`-prefixed, or '' for the blank search page without a language.
 * With `lang`, the interface language is appended (`&lang=zh`), so the link opens as it was seen.
 */
export function searchQuery(state: SearchState, lang?: UiLang): string {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  for (const facet of FACETS) for (const v of state.filters[facet]) params.append(facet, v);
  if (state.sort !== 'relevance') params.set('sort', state.sort);
  if (state.verbatim) params.set('verbatim', 'true');
  if (state.page > 1) params.set('page', String(state.page));
  if (lang) params.set('lang', lang);
  const query = params.toString();
  return query ? `?${query}` : '';
}

/** Parameters of GET /api/search for this state. */
export function apiParams(state: SearchState, pageSize = PAGE_SIZE): URLSearchParams {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  for (const facet of FACETS) for (const v of state.filters[facet]) params.append(facet, v);
  if (state.sort !== 'relevance') params.set('sort', state.sort);
  if (state.verbatim) params.set('verbatim', 'true');
  params.set('limit', String(pageSize));
  params.set('offset', String((state.page - 1) * pageSize));
  // The page shows facets on every page: later pages ask for them (the server caches them per query and filters).
  if (state.page > 1) params.set('facets', 'include');
  return params;
}

/**
 * Parameters asking only for the counts of `facet` as if none of its values were chosen (one hit, the facets):
 * the page lists the other values of a facet beside the chosen ones, so several can be picked (ORed).
 */
export function facetCountParams(state: SearchState, facet: Facet): URLSearchParams {
  const params = apiParams({ ...state, page: 1, filters: { ...state.filters, [facet]: [] } }, 1);
  params.delete('sort');
  return params;
}

/** GET /api/feed for this state: the same search, followed as an Atom feed (no paging). */
export function feedPath(state: SearchState): string {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  for (const facet of FACETS) for (const v of state.filters[facet]) params.append(facet, v);
  const query = params.toString();
  return `/api/feed${query ? `?${query}` : ''}`;
}

export function hasFilters(state: SearchState): boolean {
  return FACETS.some((f) => state.filters[f].length > 0);
}

/** Whether the state asks for a search at all (a blank page shows help instead). */
export function isActive(state: SearchState): boolean {
  return state.q !== '' || hasFilters(state);
}

/** Turns one facet value on or off; any change of the result set starts again at page 1. */
export function withFilter(state: SearchState, facet: Facet, value: string, on: boolean): SearchState {
  const current = state.filters[facet].filter((v) => v !== value);
  return { ...state, page: 1, filters: { ...state.filters, [facet]: on ? [...current, value] : current } };
}

export function withoutFilters(state: SearchState): SearchState {
  return { ...state, page: 1, filters: noFilters() };
}

/** A new query: page 1, and typo correction back on. */
export function withQuery(state: SearchState, q: string): SearchState {
  const next = q.trim();
  return { ...state, q: next, page: 1, verbatim: next === state.q ? state.verbatim : false };
}

export function withPage(state: SearchState, page: number): SearchState {
  return { ...state, page };
}

export function withSort(state: SearchState, sort: Sort): SearchState {
  return { ...state, sort, page: 1 };
}

/** The same query searched as typed ("search instead for `negativ list`"). */
export function withVerbatim(state: SearchState, verbatim = true): SearchState {
  return { ...state, verbatim, page: 1 };
}

/**
 * What "back to results" restores (for the reader, web/src/reader*.ts): the search page remembers the URL of the
 * last list it showed and how far it was scrolled, per tab (sessionStorage). `lastResults()` gives the URL to
 * navigate to (null when no search was shown in this tab); after that navigation the search page scrolls back to
 * `scrollY` itself once its results are rendered. Pure shape here; the storage calls live in search-page.ts.
 */
export interface SavedResults {
  /** Path and query of the results page, e.g. `/?q=negative+list&page=2&lang=en`. */
  url: string;
  scrollY: number;
  /** The clause last opened from the list (its card is scrolled into view if the list changed height). */
  clauseId: string | null;
}

export const RESULTS_STORAGE_KEY = 'policy-search.results';

export function parseSavedResults(raw: string | null): SavedResults | null {
  if (!raw) return null;
  try {
    const v = JSON.parse(raw) as Partial<SavedResults>;
    if (typeof v.url !== 'string' || !v.url.startsWith('/?') || typeof v.scrollY !== 'number') return null;
    return { url: v.url, scrollY: Math.max(0, v.scrollY), clauseId: typeof v.clauseId === 'string' ? v.clauseId : null };
  } catch {
    return null;
  }
}
