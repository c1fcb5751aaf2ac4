// Bounded caches of search answers and facet counts. Every key starts with the index version (the served index's
// content hash, its name and the glossary the queries are planned with), and a new version empties both caches:
// a reindex or an edited glossary can never be answered from results of the index before it.
import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { SearchFacets, SearchResponse } from '../../shared/api-types.ts';
import { SEARCH_CACHE } from '../../shared/limits.ts';

/** What a cached answer was computed from, besides the request: any change empties the caches. */
export interface IndexVersion {
  /** The clauses index served (two runtimes of one process may serve different prefixes). */
  index: string;
  /** Content hash of the served index (server/search/catalog.ts). */
  contentHash: string;
  /** Hash of the glossary the queries are planned and labelled with. */
  glossaryHash: string;
}

export interface SearchCaches {
  /** Whole responses by (version, request). */
  responses: VersionedCache<SearchResponse>;
  /** Facet counts by (version, plan, filters): the same for every page of one query. */
  facets: VersionedCache<SearchFacets>;
}

export interface VersionedCache<V> {
  /**
   * A key for `parts` under `version`; seeing a version other than the current one empties the cache first. Call it
   * when the request starts, with the search context it was given.
   */
  key(version: IndexVersion, parts: unknown): string;
  get(key: string): V | undefined;
  /** Stored only when `key` is of the current version (an answer computed on the index before a swap is dropped). */
  set(key: string, value: V): void;
  readonly size: number;
}

// Sets and Maps are written out: JSON.stringify writes both as `{}`, and two different plans must never share a key.
function replacer(_key: string, value: unknown): unknown {
  if (value instanceof Set) return { set: [...value] };
  if (value instanceof Map) return { map: [...value] };
  return value;
}

/** A request's part of a key: its JSON, with Sets and Maps kept apart. */
export function keyOf(parts: unknown): string {
  return JSON.stringify(parts, replacer);
}

function versionKey(v: IndexVersion): string {
  return `${v.index}\u0000${v.contentHash}\u0000${v.glossaryHash}`;
}

// Text dominates a response's size; counting it (UTF-16 units, ~2 bytes each in memory) is far cheaper than
// serializing the answer again only to measure it.
function approxBytes(value: unknown): number {
  let chars = 0;
  const walk = (v: unknown): void => {
    if (typeof v === 'string') chars += v.length + 8;
    else if (Array.isArray(v)) for (const x of v) walk(x);
    else if (v !== null && typeof v === 'object') for (const x of Object.values(v)) walk(x);
    else chars += 8;
  };
  walk(value);
  return Math.max(1, chars * 2);
}

function versionedCache<V extends object>(maxBytes: number, maxEntries: number): VersionedCache<V> {
  const lru = maxBytes > 0 ? new LRUCache<string, V>({ max: maxEntries, maxSize: maxBytes, sizeCalculation: approxBytes }) : null;
  let current: string | null = null;
  return {
    key(version, parts) {
      const v = versionKey(version);
      if (v !== current) {
        lru?.clear();
        current = v;
      }
      return `${v}\u0001${keyOf(parts)}`;
    },
    get: (key) => lru?.get(key),
    set(key, value) {
      if (!lru || current === null || !key.startsWith(`${current}\u0001`)) return;
      // An answer larger than the whole cache is not kept (lru-cache would refuse it anyway).
      if (approxBytes(value) > maxBytes) return;
      cachedAnswers.add(value);
      lru.set(key, value);
    },
    get size() {
      return lru?.size ?? 0;
    },
  };
}

// The JSON of a cached answer, encoded once with its ETag: a cache hit then costs no serialization, UTF-8
// encoding or hashing (a first page of ten hits is ~30 KB). Weak, so an answer the cache evicts takes them along.
const encoded = new WeakMap<object, EncodedAnswer>();

export interface EncodedAnswer {
  contentType: 'application/json; charset=utf-8';
  body: Buffer;
  /** Express's default (weak) ETag of the body, so conditional requests behave as with res.json. */
  etag: string;
}

/**
 * The encoded JSON of an answer a cache holds (computed at its first sending), in the shape of an operation's
 * representation (server/operations/operation.ts); null for any other value, which is then sent as res.json sends it.
 */
export function encodedAnswer(value: unknown): EncodedAnswer | null {
  if (value === null || typeof value !== 'object' || !cachedAnswers.has(value)) return null;
  let out = encoded.get(value);
  if (!out) {
    const body = Buffer.from(JSON.stringify(value), 'utf8');
    const hash = createHash('sha1').update(body).digest('base64').slice(0, 27);
    out = { contentType: 'application/json; charset=utf-8', body, etag: `W/"${body.length.toString(16)}-${hash}"` };
    encoded.set(value, out);
  }
  return out;
}

// Answers held by a cache: only theirs are worth keeping as text.
const cachedAnswers = new WeakSet<object>();

/** Caches holding at most `maxBytes` (approximate, split between them); 0 turns caching off. */
export function createSearchCaches(maxBytes: number = SEARCH_CACHE.defaultBytes): SearchCaches {
  const facetShare = Math.floor(maxBytes * SEARCH_CACHE.facetShare);
  return {
    responses: versionedCache<SearchResponse>(maxBytes - facetShare, SEARCH_CACHE.maxEntries),
    facets: versionedCache<SearchFacets>(facetShare, SEARCH_CACHE.maxEntries),
  };
}
