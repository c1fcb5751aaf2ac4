// The search page's state and its URL form (pure): /?q=negative+list&region=jiangxi&page=2
import { PAGE_FACETS, type PageFacetName } from '../../shared/facets.ts';

/** The facets the page filters by, in the registry's order (shared/facets.ts). */
export const FACETS = PAGE_FACETS;
export type Facet = PageFacetName;

export const PAGE_SIZE = 10;

export interface SearchState {
  q: string;
  /** 1-based. */
  page: number;
  filters: Record<Facet, string[]>;
}

const noFilters = (): Record<Facet, string[]> => Object.fromEntries(FACETS.map((f) => [f, []])) as unknown as Record<Facet, string[]>;

export function parseSearchState(params: URLSearchParams): SearchState {
  const filters = noFilters();
  for (const facet of FACETS) filters[facet] = [...new Set(params.getAll(facet).filter((v) => v !== ''))];
  const page = Number.parseInt(params.get('page') ?? '', 10);
  return { q: (params.get('q') ?? '').trim(), page: Number.isFinite(page) && page > 1 ? page : 1, filters };
}

/** The query string of the page URL, `?`-prefixed, or '' for the blank search page. */
export function searchQuery(state: SearchState): string {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  for (const facet of FACETS) for (const v of state.filters[facet]) params.append(facet, v);
  if (state.page > 1) params.set('page', String(state.page));
  const query = params.toString();
  return query ? `?${query}` : '';
}

/** Parameters of GET /api/search for this state. */
export function apiParams(state: SearchState, pageSize = PAGE_SIZE): URLSearchParams {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  for (const facet of FACETS) for (const v of state.filters[facet]) params.append(facet, v);
  params.set('limit', String(pageSize));
  params.set('offset', String((state.page - 1) * pageSize));
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

export function withQuery(state: SearchState, q: string): SearchState {
  return { ...state, q: q.trim(), page: 1 };
}

export function withPage(state: SearchState, page: number): SearchState {
  return { ...state, page };
}
