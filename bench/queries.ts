// The fixed mixed query set of the search load test, and how each query is asked of our API and of raw
// Meilisearch. Chosen to hit both the seed corpus and the law corpus.

export const QUERY_KINDS = ['english', 'chinese', 'subword', 'phrase', 'filtered'] as const;
export type QueryKind = (typeof QUERY_KINDS)[number];

export interface BenchQuery {
  kind: QueryKind;
  q: string;
  /** Restrict to one document (the largest indexed one): the one filter raw clauses can express too. */
  inDocument?: boolean;
}

export const BENCH_QUERIES: readonly BenchQuery[] = [
  { kind: 'english', q: 'foreign investment' },
  { kind: 'english', q: 'intellectual property protection' },
  { kind: 'english', q: 'negative list' },
  { kind: 'english', q: 'tax incentives' },
  { kind: 'chinese', q: '外商投资' },
  { kind: 'chinese', q: '知识产权保护' },
  { kind: 'chinese', q: '国民待遇' },
  { kind: 'chinese', q: '土地使用权出让' },
  // Parts of longer dictionary words (清单 in 负面清单, 产权 in 知识产权): found through indexed sub-words.
  { kind: 'subword', q: '清单' },
  { kind: 'subword', q: '产权' },
  { kind: 'phrase', q: '"外商投资企业"' },
  { kind: 'phrase', q: '"依法保护"' },
  { kind: 'filtered', q: '保护', inDocument: true },
  { kind: 'filtered', q: 'investment', inDocument: true },
];

/** Fields raw Meilisearch documents carry: the clause text and what identifies it, nothing derived. */
export interface RawClause {
  id: string;
  docId: string;
  pathZh: string;
  text: string;
}

/** What our API is asked: GET path with query string. */
export function apiPath(query: BenchQuery, docId: string): string {
  const params = new URLSearchParams({ q: query.q, limit: '10' });
  if (query.inDocument) params.set('doc', docId);
  return `/api/search?${params.toString()}`;
}

/** Meilisearch filter syntax for one quoted string value. */
function quoted(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

export interface RawSearchBody {
  q: string;
  limit: number;
  facets: string[];
  attributesToHighlight: string[];
  filter?: string;
}

/**
 * The raw request closest to what our API returns: same string, 10 hits, a facet distribution over the only
 * facetable raw field (docId) and the clause text highlighted.
 */
export function rawBody(query: BenchQuery, docId: string): RawSearchBody {
  return {
    q: query.q,
    limit: 10,
    facets: ['docId'],
    attributesToHighlight: ['text'],
    ...(query.inDocument ? { filter: `docId = ${quoted(docId)}` } : {}),
  };
}
