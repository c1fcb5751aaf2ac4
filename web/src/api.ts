// Same-origin JSON API client. Response types are derived from the API's contract (shared/contract, the zod schemas
// the server builds its answers with and the OpenAPI document is generated from); the page imports the types
// only and trusts the responses rather than shipping a schema library for a server we build and test together.
import type {
  CandidatesResponse,
  CompareResponse,
  ConcordanceResponse,
  DocumentListResponse,
  DocumentResponse,
  GlossaryEntryResponse,
  GlossaryListResponse,
  ImplementationResponse,
  RelatedResponse,
  SearchResponse,
} from '../../shared/contract/index.ts';
import { locale, t } from './i18n.ts';

export type {
  CandidatesResponse,
  CompareResponse,
  DiffPart,
  DocumentListResponse,
  ImplementationResponse,
  LocatedClause,
  RelatedClause,
  RelatedResponse,
} from '../../shared/contract/index.ts';
export type {
  ClauseView,
  ConcordanceLineView,
  ConcordancePairView,
  ConcordanceResponse,
  DocumentResponse,
  DocumentView,
  FacetValue,
  GlossaryEntryResponse,
  GlossaryEntryView,
  GlossaryListResponse,
  SearchHit,
  SearchResponse,
} from '../../shared/contract/index.ts';

/** A failed request, with the API's localized message (or ours when the server was not reached). */
export class RequestError extends Error {
  override readonly name = 'RequestError';
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
  ) {
    super(message);
  }
}

// Successful answers are kept briefly so that switching the interface language re-renders without refetching.
const CACHE_TTL_MS = 5 * 60_000;
const CACHE_MAX = 50;
const cache = new Map<string, { at: number; body: unknown }>();

function remember(key: string, body: unknown): void {
  cache.delete(key);
  cache.set(key, { at: Date.now(), body });
  if (cache.size > CACHE_MAX) cache.delete(cache.keys().next().value!);
}

async function getJson<T>(path: string, params: URLSearchParams = new URLSearchParams(), signal?: AbortSignal): Promise<T> {
  const query = params.toString();
  const key = query ? `${path}?${query}` : path;
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < CACHE_TTL_MS) return hit.body as T;

  // `locale` only picks the language of error messages, so it is not part of the cache key.
  const withLocale = new URLSearchParams(params);
  withLocale.set('locale', locale());
  let res: Response;
  try {
    res = await fetch(`${path}?${withLocale}`, { headers: { Accept: 'application/json' }, signal });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new RequestError(t('common.networkError'), 0, 'network_error');
  }
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const err = (body as { error?: { code?: string; message?: string } } | null)?.error;
    throw new RequestError(err?.message ?? `${res.status} ${res.statusText}`, res.status, err?.code ?? 'http_error');
  }
  remember(key, body);
  return body as T;
}

export function search(params: URLSearchParams, signal?: AbortSignal): Promise<SearchResponse> {
  return getJson('/api/search', params, signal);
}

/** A document; with `q`, each clause says where that search matched it. */
export function getDocument(id: string, signal?: AbortSignal, q = ''): Promise<DocumentResponse> {
  return getJson(`/api/documents/${encodeURIComponent(id)}`, q ? new URLSearchParams({ q }) : undefined, signal);
}

export function listGlossary(params: URLSearchParams, signal?: AbortSignal): Promise<GlossaryListResponse> {
  return getJson('/api/glossary', params, signal);
}

export function getGlossaryEntry(id: string, signal?: AbortSignal): Promise<GlossaryEntryResponse> {
  return getJson(`/api/glossary/${encodeURIComponent(id)}`, undefined, signal);
}

/** An entry's occurrences as Chinese–English sentence pairs, with counts per rendering. */
export function getEntryConcordance(id: string, params: URLSearchParams, signal?: AbortSignal): Promise<ConcordanceResponse> {
  return getJson(`/api/glossary/${encodeURIComponent(id)}/concordance`, params, signal);
}

export function listDocuments(signal?: AbortSignal): Promise<DocumentListResponse> {
  return getJson('/api/documents', undefined, signal);
}

/** Clauses of other documents that restate or touch the same measure (computed at index time). */
export function getRelated(clauseId: string, signal?: AbortSignal): Promise<RelatedResponse> {
  return getJson(`/api/clauses/${encodeURIComponent(clauseId)}/related`, undefined, signal);
}

/** Two clauses with a word diff of their Chinese, from `a` to `b`. */
export function compareClauses(a: string, b: string, signal?: AbortSignal): Promise<CompareResponse> {
  return getJson('/api/compare', new URLSearchParams({ a, b }), signal);
}

/** How document `id` takes up the measures of document `of`. */
export function getImplementation(id: string, of: string, signal?: AbortSignal): Promise<ImplementationResponse> {
  return getJson(`/api/documents/${encodeURIComponent(id)}/implementation`, new URLSearchParams({ of }), signal);
}

/** Frequent corpus terms the glossary lacks, domain terms first (GET /api/glossary/candidates). */
export function listCandidates(limit: number, signal?: AbortSignal): Promise<CandidatesResponse> {
  return getJson('/api/glossary/candidates', new URLSearchParams({ limit: String(limit) }), signal);
}
