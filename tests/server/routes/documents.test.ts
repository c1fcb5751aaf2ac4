// Documents, clauses, glossary, health and the OpenAPI file over HTTP against a real engine with the seeds.
import { readdir } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

describe('documents', () => {
  it('lists every corpus document with its metadata and clause count', async () => {
    const { status, body } = await get('/api/documents');
    expect(status).toBe(200);
    const folders = (await readdir('corpus', { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name);
    expect(body.documents.map((d: { id: string }) => d.id).sort()).toEqual(folders.sort());
    const national = body.documents.find((d: { id: string }) => d.id === 'national-2022-fdi-manufacturing');
    expect(national).toMatchObject({ level: 'national', docNumber: '发改外资〔2022〕1586号', status: 'in_force' });
    expect(national.validity).toEqual({ editorial: 'final', from: null, until: null, supersededBy: null, supersedes: [], note: null });
    // A 2021 work plan: expired since 2022, derived from its stated period and today.
    const fangchenggang = body.documents.find((d: { id: string }) => d.id === 'fangchenggang-2021-fdi-work-plan');
    expect(fangchenggang).toMatchObject({ status: 'expired', validity: { editorial: 'final', from: '2021', until: '2021' } });
    const changshou = body.documents.find((d: { id: string }) => d.id === 'changshou-2022-fdi-action-plan-draft');
    expect(changshou).toMatchObject({ status: 'draft', validity: { editorial: 'draft', from: '2022', until: '2024' } });
    expect(national.clauseCount).toBeGreaterThan(15);
  });

  it('returns a document with its clauses in order and their glossary terms', async () => {
    const { status, body } = await get('/api/documents/national-2022-fdi-manufacturing');
    expect(status).toBe(200);
    expect(body.clauses.length).toBe(body.document.clauseCount);
    expect(body.clauses.map((c: { ordinal: number }) => c.ordinal)).toEqual(body.clauses.map((_: unknown, i: number) => i));
    const item10 = body.clauses.find((c: { path: { zh: string } }) => c.path.zh === '二、（十）');
    expect(item10.path.en).toBe('Part II, Item 10');
    for (const t of item10.terms) expect(item10.text.slice(t.start, t.end).length).toBe(t.end - t.start);
    const reinvest = item10.terms.find((t: { entryId: string }) => t.entryId === 'reinvestment-of-profits');
    expect(item10.text.slice(reinvest.start, reinvest.end)).toBe('利润再投资');
  });

  it('returns one clause with its document', async () => {
    const { status, body } = await get('/api/clauses/fangchenggang-2021-fdi-work-plan--p2-i2');
    expect(status).toBe(200);
    expect(body.clause).toMatchObject({ inferred: true, path: { zh: '二、（二）' } });
    expect(body.document.id).toBe('fangchenggang-2021-fdi-work-plan');
  });

  it.each(['/api/documents/nope', '/api/clauses/nope', '/api/clauses/a%22%20OR%20id%20EXISTS', '/api/glossary/nope'])(
    '%s → 404 in the error shape',
    async (path) => {
      const { status, body } = await get(path, { 'Accept-Language': 'zh' });
      expect(status).toBe(404);
      expect(body.error.code).toBe('not_found');
      expect(body.error.message).toMatch(/[\u4e00-\u9fff]/);
    },
  );
});

describe('glossary', () => {
  it('looks an entry up by English, Chinese, variant or pinyin with its occurrences', async () => {
    for (const q of ['negative list', '负面清单', 'fumian qingdan']) {
      const { body } = await get(`/api/glossary?q=${encodeURIComponent(q)}`);
      expect(body.entries[0].id, q).toBe('negative-list');
      expect(body.entries[0].pinyin).toBe('fu mian qing dan');
      expect(body.entries[0].occurrences).toBeGreaterThan(0);
    }
  });

  it('browses by category and pages', async () => {
    const { body } = await get('/api/glossary?category=tax&limit=5');
    expect(body.total).toBeGreaterThan(5);
    expect(body.entries).toHaveLength(5);
    expect(body.entries.every((e: { category: string }) => e.category === 'tax')).toBe(true);
  });

  it('gives every occurrence of an entry as concordance lines linked to clauses', async () => {
    const { body } = await get('/api/glossary/national-treatment');
    expect(body.entry.zh).toBe('国民待遇');
    expect(body.concordance.length).toBeGreaterThanOrEqual(body.entry.occurrences);
    for (const line of body.concordance) {
      expect(line.match).toBe('国民待遇');
      const clause = (await get(`/api/clauses/${line.clauseId}`)).body.clause;
      expect(clause.text).toContain(`${line.left}${line.match}${line.right}`);
    }
    const total = body.perDocument.reduce((n: number, d: { count: number }) => n + d.count, 0);
    expect(total).toBe(body.concordance.length);
  });
});

describe('service', () => {
  it('is healthy once the index is ready, with details of the index, the last build and the engine gate', async () => {
    const { status, body } = await get('/api/health');
    expect(status).toBe(200);
    expect(body).toMatchObject({
      status: 'ok',
      details: {
        index: { contentHash: expect.stringMatching(/^[0-9a-f]{12}$/), documents: 5, skipped: 0 },
        build: { running: false, last: { status: expect.stringMatching(/^(indexed|unchanged)$/), skipped: 0, errors: 0 }, nextRetryAt: null },
        engine: { running: 0, queued: 0, rejected: 0 },
      },
    });
  });

  it('serves its OpenAPI description', async () => {
    const { status, body } = await get('/api/openapi.json');
    expect(status).toBe(200);
    expect(Object.keys(body.paths)).toContain('/api/search');
  });

  it('answers unknown API routes with a 404 in the error shape', async () => {
    const { status, body } = await get('/api/nothing-here');
    expect(status).toBe(404);
    expect(body.error.code).toBe('not_found');
  });
});
