// The search caches against the real engine and server: answers and facet counts are cached per index version, so
// a reindex that changes the results is never answered from the index before it; facets are counted on the first
// page unless asked, and a later page asking for them gets the first page's counts.
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson, startTestServer, type TestServer } from '../../helpers/server.ts';

const ADMIN_TOKEN = 'cache-test-admin-token-0123';
const FIRST = 'jilin-2023-fdi-environment-draft';
const ADDED = 'national-2022-fdi-manufacturing';
// 制造业: once in the Jilin draft, 14 times in the national measures.
const QUERY = '/api/search?q=%E5%88%B6%E9%80%A0%E4%B8%9A&limit=2';

describe('search caches (real engine)', () => {
  let work: string;
  let corpus: string;
  let server: TestServer;

  beforeAll(async () => {
    work = await mkdtemp(path.join(os.tmpdir(), 'search-cache-'));
    corpus = path.join(work, 'corpus');
    await cp(path.join('corpus', FIRST), path.join(corpus, FIRST), { recursive: true });
    // No background refresh during the test: only the reindex below makes the server see a new index.
    server = await startTestServer({ corpus, config: { adminToken: ADMIN_TOKEN }, refreshMs: 3_600_000, searchTimeoutMs: 10_000 });
  });
  afterAll(async () => {
    await server?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  const reindex = async () => {
    const res = await fetch(`${server.url}/api/admin/reindex`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(200);
    return (await res.json()) as { status: string; documents: number };
  };
  const docs = (body: { facets: { doc: { value: string }[] } }) => body.facets.doc.map((d) => d.value).sort();

  it('counts facets on the first page, omits them on later ones unless asked, and caches both', async () => {
    const { caches } = server.runtime;
    const first = await getJson(server.url, QUERY);
    expect(first.status).toBe(200);
    expect(first.body.facetsOmitted).toBe(false);
    expect(docs(first.body)).toEqual([FIRST]);

    const later = await getJson(server.url, `${QUERY}&offset=2`);
    expect(later.body.facetsOmitted).toBe(true);
    expect(Object.values(later.body.facets).every((list) => Array.isArray(list) && list.length === 0)).toBe(true);
    const asked = await getJson(server.url, `${QUERY}&offset=2&facets=include`);
    expect(asked.body.facetsOmitted).toBe(false);
    expect(asked.body.facets).toEqual(first.body.facets);
    const none = await getJson(server.url, `${QUERY}&facets=omit`);
    expect(none.body.facetsOmitted).toBe(true);
    expect(none.body.hits).toEqual(first.body.hits);

    // The same request again is the cached answer, equal to the first.
    const responses = caches.responses.size;
    expect(responses).toBeGreaterThanOrEqual(4);
    expect(caches.facets.size).toBe(1);
    const again = await getJson(server.url, QUERY);
    expect(again.body).toEqual(first.body);
    expect(caches.responses.size).toBe(responses);
    // Sent as res.json sends it: JSON in UTF-8 with a weak ETag, the same on every sending.
    const sent = await fetch(`${server.url}${QUERY}`);
    expect(sent.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const etag = sent.headers.get('etag');
    const text = await sent.text();
    expect(etag).toMatch(new RegExp(`^W/"${Buffer.byteLength(text).toString(16)}-`));
    expect(JSON.parse(text)).toEqual(first.body);
    expect((await fetch(`${server.url}${QUERY}`)).headers.get('etag')).toBe(etag);
  });

  it('answers from the new index after a reindex that changes the results, never from the cache of the old one', async () => {
    const { caches } = server.runtime;
    const before = await getJson(server.url, QUERY);
    expect(before.body.total).toBe(1);
    expect(caches.responses.size).toBeGreaterThan(0);

    await cp(path.join('corpus', ADDED), path.join(corpus, ADDED), { recursive: true });
    expect((await reindex()).documents).toBe(2);

    // A later page first: its facets must be the new index's counts, not the first page's cached ones.
    const later = await getJson(server.url, `${QUERY}&offset=2&facets=include`);
    expect(docs(later.body)).toEqual([ADDED, FIRST].sort());
    expect(later.body.hits.length).toBeGreaterThan(0);
    const after = await getJson(server.url, QUERY);
    expect(after.body.total).toBeGreaterThan(before.body.total);
    expect(after.body.hits.some((h: { docId: string }) => h.docId === ADDED)).toBe(true);
    expect(docs(after.body)).toEqual([ADDED, FIRST].sort());
    // Only the new index's answers are kept.
    expect(caches.responses.size).toBe(2);
    expect(caches.facets.size).toBe(1);
    const again = await getJson(server.url, QUERY);
    expect(again.body).toEqual(after.body);
  });
});
