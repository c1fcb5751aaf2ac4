import { describe, expect, it } from 'vitest';
import { apiPath, BENCH_QUERIES, QUERY_KINDS, rawBody } from '../../bench/queries.ts';

describe('BENCH_QUERIES', () => {
  it('covers every kind, and filtered queries filter', () => {
    for (const kind of QUERY_KINDS) expect(BENCH_QUERIES.some((q) => q.kind === kind)).toBe(true);
    for (const q of BENCH_QUERIES) expect(q.inDocument === true).toBe(q.kind === 'filtered');
  });
});

describe('apiPath and rawBody', () => {
  const phrase = BENCH_QUERIES.find((q) => q.kind === 'phrase')!;
  const filtered = BENCH_QUERIES.find((q) => q.kind === 'filtered')!;

  it('asks both sides for the same string and 10 hits', () => {
    const url = new URL(apiPath(phrase, 'doc-1'), 'http://x');
    expect(url.pathname).toBe('/api/search');
    expect(url.searchParams.get('q')).toBe(phrase.q);
    expect(url.searchParams.get('limit')).toBe('10');
    expect(url.searchParams.has('doc')).toBe(false);
    const body = rawBody(phrase, 'doc-1');
    expect(body).toMatchObject({ q: phrase.q, limit: 10, facets: ['docId'], attributesToHighlight: ['text'] });
    expect(body.filter).toBeUndefined();
  });

  it('restricts a filtered query to the document on both sides, quoting the id', () => {
    expect(new URL(apiPath(filtered, 'law-1a2b'), 'http://x').searchParams.get('doc')).toBe('law-1a2b');
    expect(rawBody(filtered, 'law-1a2b').filter).toBe('docId = "law-1a2b"');
    expect(rawBody(filtered, 'a"b').filter).toBe('docId = "a\\"b"');
  });
});
