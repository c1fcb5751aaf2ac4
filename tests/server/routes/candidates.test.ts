// GET /api/glossary/candidates over HTTP against the seed index: domain terms ahead of administrative filler, each
// with counts, documents, contexts and the dictionary's English; pages; the CSV parsed back.
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedPrefix } from '../../helpers/engine.ts';
import { getJson, startTestServer, type TestServer } from '../../helpers/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ prefix: seedPrefix() });
});
afterAll(async () => {
  await server?.close();
});

interface Candidate {
  term: string;
  score: number;
  frequency: number;
  documentCount: number;
  documents: string[];
  examples: { docId: string; left: string; match: string; right: string }[];
  english: string[];
}

describe('GET /api/glossary/candidates', () => {
  it('lists domain terms before administrative filler, with counts, documents, contexts and English', async () => {
    const { status, body } = await getJson(server.url, '/api/glossary/candidates?limit=200');
    expect(status).toBe(200);
    expect(body.truncated).toBe(false);
    const list = body.candidates as Candidate[];
    expect(list).toHaveLength(Math.min(200, body.total as number));
    const rank = (t: string) => list.findIndex((c) => c.term === t);
    const domain = ['吸引外资', '引进外资', '开放政策', '分配利润', '产业园'];
    const worst = Math.max(...domain.map(rank));
    for (const t of domain) expect(rank(t), t).toBeGreaterThanOrEqual(0);
    for (const t of ['疫情', '渠道', '用好', '全省', '我区']) {
      const r = rank(t);
      if (r !== -1) expect(r, t).toBeGreaterThan(worst);
    }
    expect(list.map((c) => c.score)).toEqual([...list.map((c) => c.score)].sort((a, b) => b - a));
    const fdi = list[rank('吸引外资')]!;
    expect(fdi).toMatchObject({ frequency: 2, documentCount: 2 });
    expect(fdi.documents).toHaveLength(2);
    expect(fdi.examples.map((e) => e.match)).toEqual(['吸引外资', '吸引外资']);
    expect(new Set(fdi.examples.map((e) => e.docId))).toEqual(new Set(fdi.documents));
    // Dictionary words are below the compounds but still listed, with CC-CEDICT's English.
    expect(list.filter((c) => c.english.length > 0).length).toBeGreaterThan(0);
  });

  it('pages with offset and limit, the same list for every request', async () => {
    const first = (await getJson(server.url, '/api/glossary/candidates?limit=10')).body.candidates as Candidate[];
    const second = await getJson(server.url, '/api/glossary/candidates?limit=5&offset=5');
    expect(second.body.offset).toBe(5);
    expect((second.body.candidates as Candidate[]).map((c) => c.term)).toEqual(first.slice(5).map((c) => c.term));
  });

  it('refuses a limit beyond the page budget', async () => {
    const { status, body } = await getJson(server.url, '/api/glossary/candidates?limit=100000');
    expect(status).toBe(400);
    expect((body.error as { code: string }).code).toBe('invalid_parameter');
  });

  it('sends every candidate as CSV that parses back', async () => {
    const json = await getJson(server.url, '/api/glossary/candidates?limit=1');
    const res = await fetch(new URL('/api/glossary/candidates?format=csv', server.url));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toContain('candidate-terms.csv');
    const rows = parse(await res.text(), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(json.body.total as number);
    const fdi = rows.find((r) => r.term === '吸引外资')!;
    expect(fdi.frequency).toBe('2');
    expect(fdi.documents_count).toBe('2');
    expect(fdi.documents!.split(' | ')).toHaveLength(2);
    expect(fdi.kwic).toContain('【吸引外资】');
    expect(rows.find((r) => r.term === '渠道')!.english_suggestion).toContain('channel');
  });
});
