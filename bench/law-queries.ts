// The law queries (bench/law-queries.yaml) and how a ranking of hits is scored against them. Pure but for loading.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';

export const LAW_QUERIES_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'law-queries.yaml');

const LawQuery = z
  .object({
    id: z.string().min(1),
    q: z.string().min(1),
    /** Title of the law the article is in. */
    law: z.string().min(1),
    /** The law's file, relative to the archive root (its docId is lawDocId of this path). */
    file: z.string().min(1),
    /** `docId path.zh` of the one article that answers the query. */
    expect: z.array(z.string().regex(/^law-[0-9a-f]{12} \S+$/)).length(1),
    /** The article's Chinese words that answer the query. */
    why: z.string().optional(),
  })
  .strict();
export type LawQuery = z.infer<typeof LawQuery>;

export async function loadLawQueries(file: string = LAW_QUERIES_FILE): Promise<LawQuery[]> {
  return z.array(LawQuery).parse(parse(await readFile(file, 'utf8')));
}

export interface RankedClause {
  docId: string;
  pathZh: string;
}

/** 1-based rank of `expected` (`docId path.zh`) among the ranked clauses; null when it is not among them. */
export function rankOf(expected: string, ranked: readonly RankedClause[]): number | null {
  const i = ranked.findIndex((r) => `${r.docId} ${r.pathZh}` === expected);
  return i < 0 ? null : i + 1;
}

export interface LawQueryResult {
  id: string;
  q: string;
  /** Rank of the expected article within the hits asked for, null beyond them. */
  rank: number | null;
}

export interface LawScore {
  queries: number;
  /** Queries whose article is the first hit. */
  top1: number;
  /** Queries whose article is among the first ten hits. */
  top10: number;
  results: LawQueryResult[];
}

/** `ranked[i]` are the hits of `queries[i]`, best first. */
export function scoreLawQueries(queries: readonly LawQuery[], ranked: readonly (readonly RankedClause[])[]): LawScore {
  const results = queries.map((q, i) => ({ id: q.id, q: q.q, rank: rankOf(q.expect[0]!, ranked[i] ?? []) }));
  const within = (n: number) => results.filter((r) => r.rank !== null && r.rank <= n).length;
  return { queries: queries.length, top1: within(1), top10: within(10), results };
}

/** Which of the query's search stems an article's English fields contain, in query order, each once. */
export function compareStems(queryStems: readonly string[], articleStems: readonly string[]): { found: string[]; missing: string[] } {
  const article = new Set(articleStems);
  const unique = [...new Set(queryStems)];
  return { found: unique.filter((s) => article.has(s)), missing: unique.filter((s) => !article.has(s)) };
}
