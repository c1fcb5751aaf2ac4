// The public relevance evaluation: loads eval/queries.yaml and scores any search function on it.
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { z } from 'zod';

export const EVAL_FILE = new URL('./queries.yaml', import.meta.url);
export const DEFAULT_TOP = 10;

const EvalQuery = z
  .object({
    id: z.string().min(1),
    q: z.string().min(1),
    params: z.record(z.string(), z.array(z.string())).default({}),
    top: z.number().int().min(1).max(100).default(DEFAULT_TOP),
    /** `docId path.zh` of each clause a correct answer includes. */
    expect: z.array(z.string().regex(/^\S+ \S+$/)).min(1),
    /** Outside English source whose wording the query follows (law-firm alert, official English site, press). */
    source: z.url().optional(),
    /** The Chinese words of the expected clauses that answer the query. */
    why: z.string().optional(),
  })
  .strict();
export type EvalQuery = z.infer<typeof EvalQuery>;

export interface RankedClause {
  docId: string;
  pathZh: string;
}

/** A search under evaluation: the ranked clauses for a query and its filter parameters. */
export type SearchFn = (q: string, params: Record<string, string[]>, limit: number) => Promise<RankedClause[]>;

export interface QueryResult {
  query: EvalQuery;
  /** 1-based rank of each expected clause, null when not in the results. */
  ranks: (number | null)[];
  /** Expected clauses found within `top`. */
  passed: boolean;
  recallAt10: number;
  reciprocalRank: number;
}

export interface EvalSummary {
  results: QueryResult[];
  recallAt10: number;
  mrr: number;
  passed: number;
}

export async function loadEvalQueries(file: URL | string = EVAL_FILE): Promise<EvalQuery[]> {
  return z.array(EvalQuery).parse(parse(await readFile(file, 'utf8')));
}

export function scoreQuery(query: EvalQuery, ranked: RankedClause[]): QueryResult {
  const keys = ranked.map((r) => `${r.docId} ${r.pathZh}`);
  const ranks = query.expect.map((e) => {
    const i = keys.indexOf(e);
    return i < 0 ? null : i + 1;
  });
  const found = ranks.filter((r): r is number => r !== null);
  return {
    query,
    ranks,
    passed: ranks.every((r) => r !== null && r <= query.top),
    recallAt10: found.filter((r) => r <= 10).length / query.expect.length,
    reciprocalRank: found.length ? 1 / Math.min(...found) : 0,
  };
}

export async function evaluate(search: SearchFn, queries?: EvalQuery[]): Promise<EvalSummary> {
  const all = queries ?? (await loadEvalQueries());
  const results: QueryResult[] = [];
  for (const query of all) results.push(scoreQuery(query, await search(query.q, query.params, Math.max(query.top, DEFAULT_TOP))));
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(xs.length, 1);
  return {
    results,
    recallAt10: mean(results.map((r) => r.recallAt10)),
    mrr: mean(results.map((r) => r.reciprocalRank)),
    passed: results.filter((r) => r.passed).length,
  };
}

/** Searches our HTTP API. */
export function apiSearch(baseUrl: string): SearchFn {
  return async (q, params, limit) => {
    const url = new URL('/api/search', baseUrl);
    url.searchParams.set('q', q);
    url.searchParams.set('limit', String(limit));
    for (const [key, values] of Object.entries(params)) for (const v of values) url.searchParams.append(key, v);
    const res = await fetch(url);
    if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
    const body = (await res.json()) as { hits: { docId: string; path: { zh: string } }[] };
    return body.hits.map((h) => ({ docId: h.docId, pathZh: h.path.zh }));
  };
}

export function formatSummary(label: string, s: EvalSummary): string {
  const lines = s.results.map((r) => {
    const ranks = r.ranks.map((x) => (x === null ? '-' : String(x))).join(',');
    return `${r.passed ? 'ok  ' : 'MISS'} ${r.query.id.padEnd(34)} ranks ${ranks.padEnd(12)} ${r.query.q}`;
  });
  return [...lines, `${label}: ${s.passed}/${s.results.length} queries pass, recall@10 ${s.recallAt10.toFixed(3)}, MRR ${s.mrr.toFixed(3)}`].join('\n');
}
