// The translators' endpoints over HTTP against the seed index: bilingual concordance pairs (both sides marked,
// counts per rendering, sorting, filters, CSV) and the glossary export (JSON, CSV parsed back, TBX validated
// against our RELAX NG grammar of TBX-Basic, tests/fixtures/tbx/).
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { seedPrefix } from '../../helpers/engine.ts';
import { getJson, startTestServer, type TestServer } from '../../helpers/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ prefix: seedPrefix() });
});
afterAll(async () => {
  await server?.close();
});

interface Range {
  start: number;
  length: number;
}
interface Pair {
  docId: string;
  zh: { text: string; ranges: Range[] };
  en: { text: string; ranges: Range[] } | null;
  rendering: string | null;
  alignment: { status: string; reason: string | null };
  left: string;
  right: string;
}
const cut = (text: string, r: Range) => text.slice(r.start, r.start + r.length);

describe('GET /api/glossary/{id}/concordance', () => {
  it('gives sentence pairs with the term marked in the Chinese and the rendering in the English, counted per rendering', async () => {
    const { status, body } = await getJson(server.url, '/api/glossary/national-treatment/concordance');
    expect(status).toBe(200);
    expect(body.query).toEqual({ entryId: 'national-treatment', text: '国民待遇', lang: 'zh' });
    expect(body.total).toBeGreaterThan(3);
    const pairs = body.pairs as Pair[];
    for (const p of pairs) {
      expect(p.zh.ranges.length).toBeGreaterThan(0);
      for (const r of p.zh.ranges) expect(cut(p.zh.text, r)).toBe('国民待遇');
      // A sentence, not the whole clause: at most one sentence-final mark, at its end.
      expect(p.zh.text.slice(0, -1)).not.toMatch(/[。！？]/);
    }
    const marked = pairs.filter((p) => p.en && p.en.ranges.length > 0);
    expect(marked.length).toBeGreaterThan(pairs.length / 2);
    for (const p of marked) for (const r of p.en!.ranges) expect(cut(p.en!.text, r).toLowerCase()).toContain('treatment');
    // Counts: preferred first, then other/unmarked last; they add up to the total.
    const counts = body.renderings as { rendering: string | null; preferred: boolean; count: number }[];
    expect(counts[0]).toMatchObject({ rendering: 'national treatment', preferred: true });
    expect(counts[0]!.count).toBeGreaterThan(0);
    expect(counts.at(-1)!.rendering).toBeNull();
    expect(counts.reduce((a, c) => a + c.count, 0)).toBe(body.total);
    expect(counts.find((c) => c.rendering === 'national treatment')!.count).toBe(pairs.filter((p) => p.rendering === 'national treatment').length);
  });

  it('sorts by left and right context, and filters by document and region', async () => {
    const collator = new Intl.Collator('zh-Hans-CN');
    const right = (await getJson(server.url, '/api/glossary/foreign-invested-enterprise/concordance?sort=right&limit=500')).body.pairs as Pair[];
    expect(right.length).toBeGreaterThan(10);
    for (let i = 1; i < right.length; i++) expect(collator.compare(right[i - 1]!.right, right[i]!.right)).toBeLessThanOrEqual(0);
    const left = (await getJson(server.url, '/api/glossary/foreign-invested-enterprise/concordance?sort=left&limit=500')).body.pairs as Pair[];
    const rev = (s: string) => [...s].reverse().join('');
    for (let i = 1; i < left.length; i++) expect(collator.compare(rev(left[i - 1]!.left), rev(left[i]!.left))).toBeLessThanOrEqual(0);

    const jiangxi = (await getJson(server.url, '/api/glossary/foreign-invested-enterprise/concordance?region=Jiangxi')).body;
    expect(jiangxi.total).toBeGreaterThan(0);
    expect(jiangxi.total).toBeLessThan(right.length);
    expect(new Set(jiangxi.pairs.map((p: Pair) => p.docId))).toEqual(new Set(['jiangxi-2023-fdi-manufacturing']));
    const national = (await getJson(server.url, '/api/glossary/foreign-invested-enterprise/concordance?doc=national-2022-fdi-manufacturing')).body;
    expect(national.pairs.every((p: Pair) => p.docId === 'national-2022-fdi-manufacturing')).toBe(true);
    const unknown = await getJson(server.url, '/api/glossary/foreign-invested-enterprise/concordance?region=Atlantis');
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe('invalid_parameter');
    expect((await getJson(server.url, '/api/glossary/no-such-entry/concordance')).status).toBe(404);
  });

  it('pages the pairs within the limits', async () => {
    const all = (await getJson(server.url, '/api/glossary/foreign-invested-enterprise/concordance?limit=500')).body;
    const second = (await getJson(server.url, '/api/glossary/foreign-invested-enterprise/concordance?limit=5&offset=5')).body;
    expect(second.pairs).toEqual(all.pairs.slice(5, 10));
    expect(second.total).toBe(all.total);
    expect((await getJson(server.url, '/api/glossary/foreign-invested-enterprise/concordance?limit=100000')).status).toBe(400);
  });

  it('sends every pair as CSV that a CSV parser reads back', async () => {
    const json = (await getJson(server.url, '/api/glossary/national-treatment/concordance?limit=500')).body;
    const res = await fetch(new URL('/api/glossary/national-treatment/concordance?format=csv', server.url));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toContain('national-treatment-concordance.csv');
    const rows = parse(await res.text(), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(json.total);
    expect(rows[0]!.zh).toBe(json.pairs[0].zh.text);
    expect(rows[0]!.zh_marked).toContain('【国民待遇】');
    expect(rows.some((r) => /【national treatment】/i.test(r.en_marked!))).toBe(true);
  });
});

describe('GET /api/glossary/{id} note links', () => {
  it('names the real entries whose ids the note mentions', async () => {
    const { body } = await getJson(server.url, '/api/glossary/investment-attraction');
    expect(body.entry.note).toContain('investment-promotion');
    const ref = body.noteRefs.find((r: { id: string }) => r.id === 'investment-promotion');
    expect(ref).toMatchObject({ zh: '投资促进', en: expect.any(String) });
    const none = (await getJson(server.url, '/api/glossary/national-treatment')).body;
    expect(none.noteRefs.every((r: { id: string }) => none.entry.note?.includes(r.id))).toBe(true);
  });
});

describe('GET /api/concordance?q=', () => {
  it('takes a glossary term in English as its entry', async () => {
    const body = (await getJson(server.url, `/api/concordance?q=${encodeURIComponent('national treatment')}`)).body;
    expect(body.query.entryId).toBe('national-treatment');
    expect(body.total).toBeGreaterThan(0);
  });

  it('finds other Chinese literally, marking it in each sentence', async () => {
    const q = '积极引导';
    const body = (await getJson(server.url, `/api/concordance?q=${encodeURIComponent(q)}`)).body;
    expect(body.query).toEqual({ entryId: null, text: q, lang: 'zh' });
    expect(body.total).toBeGreaterThan(0);
    for (const p of body.pairs as Pair[]) {
      expect(p.zh.ranges.length).toBeGreaterThan(0);
      for (const r of p.zh.ranges) expect(cut(p.zh.text, r)).toBe(q);
    }
  });

  it('finds other English by word in the translations, marking it on the English side', async () => {
    const body = (await getJson(server.url, `/api/concordance?q=${encodeURIComponent('on an equal footing')}`)).body;
    expect(body.query).toMatchObject({ lang: 'en', entryId: null });
    expect(body.total).toBeGreaterThan(0);
    for (const p of body.pairs as Pair[]) {
      expect(p.en!.ranges.length).toBeGreaterThan(0);
      for (const r of p.en!.ranges) expect(cut(p.en!.text, r).toLowerCase()).toBe('equal footing'); // function words at the edges are not marked;
    }
  });

  it('rejects a missing or overlong q', async () => {
    expect((await getJson(server.url, '/api/concordance')).status).toBe(400);
    expect((await getJson(server.url, `/api/concordance?q=${'外'.repeat(101)}`)).status).toBe(400);
  });
});

describe('GET /api/glossary/export', () => {
  it('JSON: every entry, or those of a category or a lookup', async () => {
    const all = (await getJson(server.url, '/api/glossary/export')).body;
    const list = (await getJson(server.url, '/api/glossary?limit=1')).body;
    expect(all.total).toBe(list.total);
    expect(all.entries).toHaveLength(all.total);
    const cat = (await getJson(server.url, '/api/glossary/export?category=tax')).body;
    expect(cat.total).toBeGreaterThan(0);
    expect(cat.total).toBeLessThan(all.total);
    expect(cat.entries.every((e: { category: string }) => e.category === 'tax')).toBe(true);
    const q = (await getJson(server.url, `/api/glossary/export?q=${encodeURIComponent('国民待遇')}`)).body;
    expect(q.entries[0]).toMatchObject({ id: 'national-treatment', zh: '国民待遇', en: 'national treatment' });
  });

  it('CSV: one row an entry, parsed back with a CSV library', async () => {
    const json = (await getJson(server.url, '/api/glossary/export')).body;
    const res = await fetch(new URL('/api/glossary/export?format=csv', server.url));
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toContain('glossary.csv');
    const rows = parse(await res.text(), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(json.total);
    const byId = new Map(rows.map((r) => [r.id!, r]));
    for (const e of json.entries as { id: string; zh: string; en: string; variants: { zh: string[]; en: string[] }; note: string | null }[]) {
      const row = byId.get(e.id)!;
      expect([row.zh, row.en, row.note]).toEqual([e.zh, e.en, e.note ?? '']);
      expect(row.variants_en === '' ? [] : row.variants_en!.split(' | ')).toEqual(e.variants.en);
    }
  });

  it('TBX: valid TBX-Basic (RELAX NG), one concept an entry, the whole glossary and a filtered part', async () => {
    const schema = await readFile('tests/fixtures/tbx/tbx-basic.rng', 'utf8');
    for (const query of ['', '&category=market-access']) {
      const res = await fetch(new URL(`/api/glossary/export?format=tbx${query}`, server.url));
      expect(res.headers.get('content-type')).toMatch(/^application\/x-tbx\+xml/);
      const xml = await res.text();
      const result = await validateXML({ xml: [{ fileName: 'glossary.tbx', contents: xml }], schema: [schema], extension: 'relaxng' });
      expect(result.errors.slice(0, 3)).toEqual([]);
      expect(result.valid).toBe(true);
      const json = (await getJson(server.url, `/api/glossary/export?format=json${query}`)).body;
      expect(xml.match(/<conceptEntry /g)).toHaveLength(json.total);
    }
    const xml = await (await fetch(new URL('/api/glossary/export?format=tbx&q=national%20treatment', server.url))).text();
    expect(xml).toContain('<conceptEntry id="national-treatment">');
    expect(xml).toContain('<term>国民待遇</term>');
    // The schema really checks: a broken document fails.
    const broken = xml.replace('<langSec xml:lang="en">', '<langSec>');
    const bad = await validateXML({ xml: [{ fileName: 'bad.tbx', contents: broken }], schema: [schema], extension: 'relaxng' });
    expect(bad.valid).toBe(false);
  });

  it('rejects an unknown format', async () => {
    expect((await getJson(server.url, '/api/glossary/export?format=xlsx')).status).toBe(400);
  });
});
