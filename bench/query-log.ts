// The query log of the search benchmark (bench/query-log.yaml): distinct queries by popularity, expanded into a
// fixed sequence of requests with Zipf-like repetition (rank r asked ~1/r as often as rank 1), later pages and
// filters, and how each request is asked of our API and of raw Meilisearch. Pure but for loading.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';
import type { RawSearchBody } from './queries.ts';

export const QUERY_LOG_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'query-log.yaml');
/** Requests in one pass through the log. */
export const QUERY_LOG_REQUESTS = 600;
export const PAGE_SIZE = 10;

const LogEntry = z
  .object({
    q: z.string().min(1).max(200),
    /** `doc`: the largest indexed document; `level`: national documents only. */
    filter: z.enum(['doc', 'level']).optional(),
    /** Pages asked (page n ~1/n as often as page 1). */
    pages: z.number().int().min(1).max(5).optional(),
  })
  .strict();
export type LogEntry = z.infer<typeof LogEntry>;

export interface LogRequest {
  entry: LogEntry;
  /** Index of the entry (its popularity rank − 1). */
  rank: number;
  offset: number;
}

export async function loadQueryLog(file: string = QUERY_LOG_FILE): Promise<LogEntry[]> {
  return z
    .array(LogEntry)
    .min(1)
    .parse(parse(await readFile(file, 'utf8')));
}

// mulberry32: a tiny seeded PRNG, so every run (and both sides of one) asks the same sequence.
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `total` requests (about: every entry is asked at least once): entry r (0-based) round(C / (r + 1)) times, C set
 * so they sum to `total`; shuffled with a fixed seed; each occurrence of an entry with `pages` asks page k with
 * weight 1/k.
 */
export function expandLog(entries: readonly LogEntry[], total: number = QUERY_LOG_REQUESTS, seed = 17): LogRequest[] {
  const harmonic = entries.reduce((s, _e, r) => s + 1 / (r + 1), 0);
  const scale = total / harmonic;
  const random = prng(seed);
  const out: LogRequest[] = [];
  for (const [rank, entry] of entries.entries()) {
    const times = Math.max(1, Math.round(scale / (rank + 1)));
    const pages = entry.pages ?? 1;
    const weights = Array.from({ length: pages }, (_v, k) => 1 / (k + 1));
    const sum = weights.reduce((a, b) => a + b, 0);
    for (let i = 0; i < times; i++) {
      let pick = random() * sum;
      let page = 0;
      while (page < pages - 1 && pick >= weights[page]!) pick -= weights[page++]!;
      out.push({ entry, rank, offset: page * PAGE_SIZE });
    }
  }
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

export interface LogStats {
  requests: number;
  distinct: number;
  /** Distinct (query, filter, page) requests: what a cache of every answer would hold after one pass. */
  distinctRequests: number;
  share: { filtered: number; laterPages: number; chinese: number };
}

export function logStats(requests: readonly LogRequest[]): LogStats {
  const n = requests.length || 1;
  return {
    requests: requests.length,
    distinct: new Set(requests.map((r) => r.rank)).size,
    distinctRequests: new Set(requests.map((r) => `${r.rank}:${r.offset}`)).size,
    share: {
      filtered: requests.filter((r) => r.entry.filter).length / n,
      laterPages: requests.filter((r) => r.offset > 0).length / n,
      chinese: requests.filter((r) => /[\u3400-\u9fff]/u.test(r.entry.q)).length / n,
    },
  };
}

/** GET path of our API for one request (the page shows facets on the first page: the API's default). */
export function logApiPath(r: LogRequest, docId: string): string {
  const params = new URLSearchParams({ q: r.entry.q, limit: String(PAGE_SIZE), offset: String(r.offset) });
  if (r.entry.filter === 'doc') params.set('doc', docId);
  if (r.entry.filter === 'level') params.set('level', 'national');
  return `/api/search?${params.toString()}`;
}

/**
 * The raw request closest to it: the same string and page, the docId facet where our API counts facets (first
 * pages), the text highlighted; the document filter as a docId filter. Raw clauses know no level: that filter
 * is left out (raw then searches every clause).
 */
export function logRawBody(r: LogRequest, docId: string): RawSearchBody & { offset: number } {
  return {
    q: r.entry.q,
    limit: PAGE_SIZE,
    offset: r.offset,
    facets: r.offset === 0 ? ['docId'] : [],
    attributesToHighlight: ['text'],
    ...(r.entry.filter === 'doc' ? { filter: `docId = "${docId.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"` } : {}),
  };
}

/** What the query-log measurement found: one pass each, at one connection level. */
export interface QueryLogResult {
  stats: LogStats;
  connections: number;
  /** Raw Meilisearch, the equivalent requests. */
  raw: LoadPointLike;
  /** Our API with its caches off (SEARCH_CACHE_MB=0): every request a miss. */
  uncached: LoadPointLike;
  /** A fresh server with caches on: the first pass (its distinct requests are misses). */
  cold: LoadPointLike;
  /** The same server again: the second pass. */
  warm: LoadPointLike;
}

/** The fields of a load point the log report reads (bench/search-load.ts LoadPoint). */
export interface LoadPointLike {
  requestsPerSecond: number;
  ok: number;
  non2xx: number;
  errors: number;
  latency: { p50: number; p95: number; p99: number };
  cpuMsPerRequest: { engine: number | null; server: number | null; loadGenerator: number | null };
}
