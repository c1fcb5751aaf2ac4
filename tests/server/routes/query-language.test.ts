// The query language people bring from web search engines, over HTTP against the seed index: every word required
// first, `-word`, `OR`, corrections that can be declined, named leftovers, known terms absent, sorting.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchHit, SearchResponse } from '../../../shared/api-types.ts';
import { seedPrefix } from '../../helpers/engine.ts';
import { getJson, startTestServer, type TestServer } from '../../helpers/server.ts';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ prefix: seedPrefix() });
});
afterAll(async () => {
  await server?.close();
});

async function search(params: Record<string, string>): Promise<SearchResponse> {
  const { status, body } = await getJson(server.url, `/api/search?${new URLSearchParams(params)}`);
  expect(status, JSON.stringify(body)).toBe(200);
  return body as SearchResponse;
}

const regionOf = (h: SearchHit) => h.doc.region.en;

describe('every word required first', () => {
  it('puts the clauses holding all words first (a named region is where to look), then the rest', async () => {
    const res = await search({ q: 'negative list Jiangxi', limit: '20' });
    const all = res.interpretation.allWords;
    expect(all).toBeGreaterThan(0);
    expect(res.interpretation.relaxed).toBe(false);
    const head = res.hits.slice(0, all!);
    for (const hit of head) expect(regionOf(hit)).toMatch(/Jiangxi/);
    for (const hit of head) expect(hit.terms.map((t) => t.entryId)).toContain('negative-list');
    // Clauses with most of the words follow, none of them twice.
    expect(res.total).toBeGreaterThan(all!);
    expect(new Set(res.hits.map((h) => h.id)).size).toBe(res.hits.length);
  });

  it('pages across the boundary without repeating or losing a clause', async () => {
    const whole = await search({ q: 'negative list Jiangxi', limit: '12' });
    const paged: string[] = [];
    for (let offset = 0; offset < 12; offset += 3)
      paged.push(...(await search({ q: 'negative list Jiangxi', limit: '3', offset: String(offset) })).hits.map((h) => h.id));
    expect(paged).toEqual(whole.hits.map((h) => h.id));
  });

  it('says so when no clause holds every word, and still shows the clauses with most of them', async () => {
    const res = await search({ q: 'negative list Jilin' });
    expect(res.interpretation.relaxed).toBe(true);
    expect(res.interpretation.allWords).toBe(0);
    expect(res.hits.length).toBeGreaterThan(0);
  });
});

describe('operators', () => {
  it('-word excludes a region by name, in English and in Chinese', async () => {
    const plain = await search({ q: 'foreign investment', limit: '50' });
    expect(plain.hits.some((h) => regionOf(h).startsWith('Jilin'))).toBe(true);
    const en = await search({ q: 'foreign investment -Jilin', limit: '50' });
    expect(en.interpretation.excluded).toEqual(['Jilin']);
    expect(en.hits.length).toBeGreaterThan(0);
    expect(en.hits.filter((h) => regionOf(h).startsWith('Jilin'))).toEqual([]);
    const zh = await search({ q: '外资 -吉林', limit: '50' });
    expect(zh.hits.length).toBeGreaterThan(0);
    expect(zh.hits.filter((h) => h.doc.region.zh.startsWith('吉林'))).toEqual([]);
  });

  it('-word excludes a glossary term and a plain word', async () => {
    const term = await search({ q: 'land -"negative list"', limit: '50' });
    expect(term.hits.length).toBeGreaterThan(0);
    for (const hit of term.hits) expect(hit.terms.map((t) => t.entryId)).not.toContain('negative-list');
    const withWord = await search({ q: 'land', limit: '50' });
    const has = (h: SearchHit) => /construct/i.test(h.translation?.text ?? '');
    expect(withWord.hits.some(has)).toBe(true);
    const without = await search({ q: 'land -construction', limit: '50' });
    expect(without.hits.length).toBeGreaterThan(0);
    expect(without.hits.filter(has)).toEqual([]);
  });

  it('OR takes clauses matching either part, and names the parts', async () => {
    const either = await search({ q: 'QFLP OR RCEP', limit: '50' });
    expect(either.interpretation.alternatives).toEqual(['QFLP', 'RCEP']);
    const ids = (r: SearchResponse) => new Set(r.hits.map((h) => h.id));
    const [qflp, rcep] = [await search({ q: 'QFLP', limit: '50' }), await search({ q: 'RCEP', limit: '50' })];
    for (const id of [...ids(qflp), ...ids(rcep)]) expect(ids(either).has(id)).toBe(true);
    expect(either.total).toBeGreaterThan(Math.max(qflp.total, rcep.total));
  });
});

describe('notices', () => {
  it('reports a correction, and searches the words as typed with verbatim=true', async () => {
    const corrected = await search({ q: 'negativ list' });
    expect(corrected.interpretation.corrections).toContainEqual({ from: 'negativ list', to: 'negative list', entryId: 'negative-list' });
    const typed = await search({ q: 'negativ list', verbatim: 'true' });
    expect(typed.interpretation.corrections).toEqual([]);
    expect(typed.expansions.map((e) => e.entryId)).not.toContain('negative-list');
  });

  it('names the words no clause contains', async () => {
    const res = await search({ q: 'negative list xylophone' });
    expect(res.interpretation.unmatched).toEqual(['xylophone']);
    expect(res.hits.length).toBeGreaterThan(0);
  });

  it('tells a known glossary term the documents lack from a misspelling', async () => {
    const res = await search({ q: 'forced technology transfer' });
    expect(res.interpretation.absentTerms.map((e) => e.entryId)).toContain('forced-technology-transfer');
    expect(res.interpretation.corrections).toEqual([]);
    // A term the documents have is never reported absent.
    const present = await search({ q: 'negative list' });
    expect(present.interpretation.absentTerms).toEqual([]);
  });
});

describe('order', () => {
  const year = (h: SearchHit) => Number(h.doc.date?.slice(0, 4) ?? 0);
  it('lists a filter-only query newest document first, each in reading order', async () => {
    const res = await search({ limit: '100' });
    expect(new Set(res.hits.map(year)).size).toBeGreaterThan(1);
    const keys = res.hits.map((h) => [-year(h), h.docId] as const);
    const sorted = [...keys].sort((a, b) => a[0] - b[0] || a[1].localeCompare(b[1]));
    expect(keys).toEqual(sorted);
    const jiangxi = res.hits.filter((h) => h.docId === res.hits[0]!.docId).map((h) => h.id);
    expect(jiangxi.length).toBeGreaterThan(1);
  });

  it('sorts a query by date when asked, newest or oldest first', async () => {
    for (const sort of ['newest', 'oldest'] as const) {
      const res = await search({ q: 'negative list', sort, limit: '20' });
      const years = res.hits.map(year);
      expect(years.length).toBeGreaterThan(2);
      expect(new Set(years).size).toBeGreaterThan(1);
      expect(years).toEqual([...years].sort((a, b) => (sort === 'newest' ? b - a : a - b)));
    }
  });
});
