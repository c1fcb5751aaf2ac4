// GET /api/documents/{id}?q=: the reader's marks, planned and placed as the search places a hit's; and the page's
// 404s (HTML for page paths, JSON under /api) on the whole app.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClauseView, DocumentResponse, SearchResponse } from '../../../shared/api-types.ts';
import { seedPrefix } from '../../helpers/engine.ts';
import { getJson, startTestServer, type TestServer } from '../../helpers/server.ts';

let server: TestServer;

beforeAll(async () => {
  // Reads only: the run's seed index.
  server = await startTestServer({ prefix: seedPrefix() });
});
afterAll(async () => {
  await server?.close();
});

const get = (path: string, headers?: Record<string, string>) => getJson(server.url, path, headers);
const NATIONAL = 'national-2022-fdi-manufacturing';
const marked = (text: string, matches: ClauseView['matches']) => matches.map((m) => text.slice(m.start, m.start + m.length));

describe('document with a query', () => {
  it.each(['negative list', '研发中心', 'withholding tax on reinvested profits'])('marks %s in each clause exactly as the search marks its hits', async (q) => {
    const found = await get(`/api/search?${new URLSearchParams({ q, doc: NATIONAL, limit: '100' })}`);
    expect(found.status).toBe(200);
    const hits = (found.body as SearchResponse).hits;
    expect(hits.length).toBeGreaterThan(0);
    const { status, body } = await get(`/api/documents/${NATIONAL}?${new URLSearchParams({ q: `  ${q} ` })}`);
    expect(status).toBe(200);
    const doc = body as DocumentResponse;
    expect(doc.query).toBe(q);
    const byId = new Map(doc.clauses.map((c) => [c.id, c]));
    for (const hit of hits) {
      const clause = byId.get(hit.id)!;
      expect(clause.matches, hit.id).toEqual(hit.matches);
      expect(clause.translation?.matches ?? [], hit.id).toEqual(hit.translation?.matches ?? []);
    }
    // Over the whole text: a clause no hit names has no marks, others have them where the text has them.
    const withMarks = doc.clauses.filter((c) => c.matches.length > 0 || (c.translation?.matches.length ?? 0) > 0);
    expect(withMarks.length).toBeGreaterThan(0);
    for (const c of doc.clauses) {
      for (const m of c.matches) expect(m.start + m.length).toBeLessThanOrEqual(c.text.length);
      for (const m of c.translation?.matches ?? []) expect(m.start + m.length).toBeLessThanOrEqual(c.translation!.text.length);
    }
  });

  it('puts the Chinese concept in the Chinese and its rendering in the English for an English query', async () => {
    const { body } = await get(`/api/documents/${NATIONAL}?q=negative+list`);
    const doc = body as DocumentResponse;
    const zh = doc.clauses.flatMap((c) => marked(c.text, c.matches));
    const en = doc.clauses.flatMap((c) => (c.translation ? marked(c.translation.text, c.translation.matches) : []));
    expect(zh.length).toBeGreaterThan(0);
    expect(zh).toContain('负面清单');
    expect(en.length).toBeGreaterThan(0);
    expect(en.map((m) => m.toLowerCase())).toContain('negative list');
  });

  it('has no marks without a query, or with a blank one, and the same clauses either way', async () => {
    const plain = (await get(`/api/documents/${NATIONAL}`)).body as DocumentResponse;
    const blank = (await get(`/api/documents/${NATIONAL}?q=%20`)).body as DocumentResponse;
    const queried = (await get(`/api/documents/${NATIONAL}?q=negative+list`)).body as DocumentResponse;
    for (const doc of [plain, blank]) {
      expect(doc.query).toBeNull();
      expect(doc.clauses.every((c) => c.matches.length === 0 && (c.translation?.matches.length ?? 0) === 0)).toBe(true);
    }
    expect(queried.clauses.map((c) => c.id)).toEqual(plain.clauses.map((c) => c.id));
  });

  it('rejects a query over 200 characters, and a repeated one, in the error shape', async () => {
    for (const qs of [`q=${'a'.repeat(201)}`, 'q=a&q=b', 'x=1']) {
      const { status, body } = await get(`/api/documents/${NATIONAL}?${qs}`);
      expect(status, qs).toBe(400);
      expect(body.error.code).toBe('invalid_parameter');
    }
  });
});

describe('not found', () => {
  it.each(['/nope', '/documents/no-such-document', '/documents/a/b', '/glossary/x/y'])('%s is the page with status 404', async (path) => {
    const res = await fetch(server.url + path);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await res.text()).toContain('/assets/app.js?v=');
  });

  it('serves a document the index has with status 200', async () => {
    expect((await fetch(`${server.url}/documents/${NATIONAL}`)).status).toBe(200);
  });

  it('keeps the JSON error under /api and for other methods', async () => {
    for (const [path, method] of [
      ['/api/nope', 'GET'],
      ['/nope', 'POST'],
    ] as const) {
      const res = await fetch(server.url + path, { method });
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type'), path).toMatch(/^application\/json/);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_found');
    }
  });
});
