// GET /api/search over HTTP against a real engine with the seed corpus.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MatchRange, SearchResponse, TextExcerpt } from '../../../shared/api-types.ts';
import { apiSearch, evaluate, loadEvalQueries } from '../../../eval/evaluate.ts';
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

async function search(params: Record<string, string | string[]>): Promise<SearchResponse> {
  const url = new URL('/api/search', server.url);
  for (const [k, v] of Object.entries(params)) for (const value of [v].flat()) url.searchParams.append(k, value);
  const res = await fetch(url);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as SearchResponse;
}

const marks = (html: string) => [...html.matchAll(/<mark>(.*?)<\/mark>/g)].map((m) => m[1]!);

// Written here independently of the server's renderer: the HTML a client gets by marking `matches` in `text`.
const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ESC[c]!);
function fromRanges(text: string, matches: MatchRange[], excerpt: TextExcerpt): string {
  const end = excerpt.start + excerpt.length;
  let html = excerpt.start > 0 ? '…' : '';
  let at = excerpt.start;
  for (const m of matches.filter((r) => r.start >= excerpt.start && r.start + r.length <= end)) {
    html += `${esc(text.slice(at, m.start))}<mark>${esc(text.slice(m.start, m.start + m.length))}</mark>`;
    at = m.start + m.length;
  }
  return html + esc(text.slice(at, end)) + (end < text.length ? '…' : '');
}

describe('the public evaluation file', async () => {
  const queries = await loadEvalQueries();
  it('has at least 30 queries of every kind', () => {
    expect(queries.length).toBeGreaterThanOrEqual(30);
    for (const prefix of ['en-', 'abbr-', 'typo-', 'pinyin-', 'zh-', 'sub-', 'docno-', 'phrase-', 'filter-']) {
      expect(
        queries.some((q) => q.id.startsWith(prefix)),
        prefix,
      ).toBe(true);
    }
  });
  // Our own queries each pass; the ones worded after outside sources are held to the target as a set.
  const own = queries.filter((q) => !q.source);
  const outside = queries.filter((q) => q.source);
  it.each(own.map((q) => [q.id, q] as const))('%s: expected clauses in the top results', async (_id, query) => {
    const summary = await evaluate(apiSearch(server.url), [query]);
    const result = summary.results[0]!;
    expect(
      result.ranks.every((r) => r !== null && r <= query.top),
      `ranks ${JSON.stringify(result.ranks)} for ${query.expect.join('; ')}`,
    ).toBe(true);
  });
  it('queries worded after outside English sources: at least 40, recall@10 at least 0.95', async () => {
    expect(outside.length).toBeGreaterThanOrEqual(40);
    const summary = await evaluate(apiSearch(server.url), outside);
    const missed = summary.results.filter((r) => !r.passed).map((r) => `${r.query.id} ${JSON.stringify(r.ranks)}`);
    expect(summary.recallAt10, missed.join('\n')).toBeGreaterThanOrEqual(0.95);
  });
});

describe('cross-lingual planning', () => {
  it('expands an English term to its Chinese form and says so', async () => {
    const res = await search({ q: 'negative list' });
    expect(res.lang).toBe('en');
    expect(res.expansions).toContainEqual({ entryId: 'negative-list', zh: '负面清单', en: 'negative list' });
    expect(res.total).toBeGreaterThan(0);
    for (const hit of res.hits) expect(marks(hit.highlight)).toContain('负面清单');
  });

  it('marks only the terms that were searched, never empty or spaced', async () => {
    for (const q of ['withholding tax on reinvested profits', '国民待遇', '研发', 'RCEP', '外商投资 研发中心']) {
      const res = await search({ q, limit: '20' });
      const forms = new Set<string>();
      for (const e of res.expansions) {
        const entry = (await get(`/api/glossary/${e.entryId}`)).body.entry;
        for (const f of [entry.zh, ...entry.variants.zh]) forms.add(f.toLowerCase());
      }
      for (const hit of res.hits) {
        const found = marks(hit.highlight);
        expect(found.length, `${q}: ${hit.id} has no mark`).toBeGreaterThan(0);
        for (const m of found) {
          expect(m.trim()).toBe(m);
          const searched = [...forms].some((f) => m.toLowerCase().includes(f)) || q.split(/\s+/).some((t) => m.includes(t));
          expect(searched, `${q}: mark "${m}" in ${hit.id}`).toBe(true);
        }
      }
    }
  });

  it('returns the full original text beside the highlight, which is escaped HTML', async () => {
    const res = await search({ q: '1586号' });
    const preamble = res.hits.find((h) => h.docId === 'jiangxi-2023-fdi-manufacturing')!;
    expect(preamble.text).toContain('<关于以制造业为重点');
    expect(preamble.highlight).not.toContain('<关于');
    expect(preamble.highlight).toContain('&lt;关于');
  });

  it('corrects a mistyped word to a word of the corpus, says so, and marks what it found', async () => {
    const res = await search({ q: 'negativ lst' });
    expect(res.total).toBeGreaterThan(0);
    expect(res.interpretation.corrections).toContainEqual({ from: 'negativ', to: 'negative', entryId: null });
    // Nothing collected from the hits: the query named no glossary term.
    expect(res.expansions).toEqual([]);
    for (const hit of res.hits)
      expect(
        marks(hit.translation!.highlight).map((m) => m.toLowerCase()),
        hit.id,
      ).toContain('negative');
  });

  it('resolves pinyin through the glossary', async () => {
    const res = await search({ q: 'fumian qingdan' });
    expect(res.expansions.map((e) => e.entryId)).toContain('negative-list');
  });

  it('decides the language by script with lang=auto and honours an explicit lang', async () => {
    expect((await search({ q: '负面清单' })).lang).toBe('zh');
    const rcep = await search({ q: 'RCEP', lang: 'zh' });
    expect(rcep.lang).toBe('zh');
    expect(rcep.expansions.map((e) => e.entryId)).toEqual(['rcep']);
    expect(rcep.hits.length).toBeGreaterThan(0);
    for (const hit of rcep.hits) expect(marks(hit.highlight).length).toBeGreaterThan(0);
  });

  it('ranks the clause whose heading is the query above clauses that mention it', async () => {
    const res = await search({ q: '加强货运物流保通保畅' });
    expect(res.hits.slice(0, 2).map((h) => h.heading)).toEqual(['加强货运物流保通保畅', '加强货运物流保通保畅']);
  });
});

describe('structure beside the strings', () => {
  it('returns match ranges that mark exactly the highlighted words, in the Chinese and in the English', async () => {
    let zhMarked = 0;
    let enMarked = 0;
    let cropped = 0;
    for (const q of ['negative list', '负面清单', 'withholding tax on reinvested profits', '研发中心', 'RCEP', '"国民待遇"']) {
      const res = await search({ q, limit: '20' });
      expect(res.hits.length, q).toBeGreaterThan(0);
      for (const hit of res.hits) {
        expect(fromRanges(hit.text, hit.matches, hit.excerpt), `${q}: ${hit.id}`).toBe(hit.highlight);
        zhMarked += hit.matches.length;
        if (hit.excerpt.length < hit.text.length) cropped++;
        const tr = hit.translation;
        if (!tr) continue;
        expect(fromRanges(tr.text, tr.matches, tr.excerpt), `${q}: ${hit.id} English`).toBe(tr.highlight);
        enMarked += tr.matches.length;
      }
    }
    // The loop above proved something: Chinese and English matches, and cropped texts among them.
    expect(zhMarked).toBeGreaterThan(20);
    expect(enMarked).toBeGreaterThan(10);
    expect(cropped).toBeGreaterThan(0);
  });

  it('returns the path of each hit in segments that join back to it, with numbers and the Chinese citation', async () => {
    const res = await search({ q: '', term: 'qflp' });
    const hit = res.hits.find((h) => h.id === 'jilin-2023-fdi-environment-draft--p3-i11')!;
    expect(hit.path).toEqual({ zh: '三、（十一）', en: 'Part III, Item 11' });
    expect(hit.pathSegments).toEqual([
      { kind: 'part', number: 3, sub: null, zh: '三、', en: 'Part III', citeZh: '第三部分' },
      { kind: 'item', number: 11, sub: null, zh: '（十一）', en: 'Item 11', citeZh: '第（十一）项' },
    ]);
    const many = await search({ q: '外商投资', limit: '100' });
    for (const h of many.hits) {
      expect(h.pathSegments.map((s) => s.zh).join(''), h.id).toBe(h.path.zh.trim());
      expect(h.pathSegments.map((s) => s.en).join(', '), h.id).toBe(h.path.en.trim());
      expect(
        h.pathSegments.some((s) => s.kind === 'other'),
        h.id,
      ).toBe(false);
    }
  });
});

describe('filters and facets', () => {
  it('counts facets over all matches and narrows with several values, in English or Chinese', async () => {
    const all = await search({ q: 'negative list' });
    const regions = all.facets.region;
    expect(regions.reduce((n, f) => n + f.count, 0)).toBeGreaterThanOrEqual(all.total);
    const jiangxi = regions.find((f) => f.label.en.startsWith('Jiangxi'))!;
    const narrowed = await search({ q: 'negative list', region: 'Jiangxi' });
    expect(narrowed.total).toBe(jiangxi.count);
    expect(new Set(narrowed.hits.map((h) => h.doc.region.zh))).toEqual(new Set([jiangxi.value]));
    const two = await search({ q: 'negative list', region: ['江西省', 'Changshou'] });
    expect(new Set(two.hits.map((h) => h.docId))).toEqual(new Set(['jiangxi-2023-fdi-manufacturing', 'changshou-2022-fdi-action-plan-draft']));
  });

  it('filters by level, year, document, term and category', async () => {
    expect((await search({ q: '研发', level: 'national' })).hits.every((h) => h.doc.level === 'national')).toBe(true);
    expect((await search({ q: '研发', year: '2023' })).hits.every((h) => h.doc.date?.startsWith('2023'))).toBe(true);
    expect((await search({ q: '研发', doc: 'jilin-2023-fdi-environment-draft' })).hits.every((h) => h.docId === 'jilin-2023-fdi-environment-draft')).toBe(true);
    const byTerm = await search({ q: '', term: 'qflp' });
    expect(byTerm.hits.map((h) => h.id)).toEqual(['jilin-2023-fdi-environment-draft--p3-i11']);
    const tax = await search({ q: '', category: 'tax', limit: '100' });
    expect(tax.total).toBeGreaterThan(0);
    expect(tax.hits.every((h) => h.terms.length > 0)).toBe(true);
  });

  it('pages with limit and offset', async () => {
    const first = await search({ q: '外商投资', limit: '5' });
    const second = await search({ q: '外商投资', limit: '5', offset: '5' });
    expect(first.hits).toHaveLength(5);
    expect(second.hits.map((h) => h.id)).not.toContain(first.hits[0]!.id);
    expect(second.total).toBe(first.total);
  });
});

describe('validation', () => {
  it.each([
    ['q too long', `q=${'研'.repeat(201)}`],
    ['limit zero', 'q=a&limit=0'],
    ['limit too big', 'q=a&limit=101'],
    ['limit not a number', 'q=a&limit=ten'],
    ['negative offset', 'q=a&offset=-1'],
    ['unknown lang', 'q=a&lang=fr'],
    ['repeated q', 'q=a&q=b'],
    ['unknown parameter', 'q=a&order=year'],
    ['unknown region', 'q=a&region=Atlantis'],
    ['unknown level', 'q=a&level=galactic'],
    ['year not in corpus', 'q=a&year=1999'],
    ['unknown category', 'q=a&category=weather'],
    ['unknown document', 'q=a&doc=nope'],
    ['bad percent-encoding', 'q=%E4%B8%ZZ'],
  ])('%s → 400 invalid_parameter', async (_label, query) => {
    const { status, body } = await get(`/api/search?${query}`);
    expect(status).toBe(400);
    expect(body.error.code).toBe('invalid_parameter');
    expect(typeof body.error.message).toBe('string');
  });

  it('localizes error messages from lang, locale or Accept-Language', async () => {
    const en = await get('/api/search?q=a&limit=0');
    const zh = await get('/api/search?q=a&limit=0', { 'Accept-Language': 'zh-CN,zh;q=0.9' });
    const zhParam = await get('/api/search?q=a&limit=0&locale=zh');
    expect(en.body.error.message).toMatch(/limit/);
    expect(zh.body.error.message).toMatch(/[\u4e00-\u9fff]/);
    expect(zhParam.body.error.message).toBe(zh.body.error.message);
  });

  it.each([
    'Jiangxi" OR region_zh EXISTS OR "',
    "Jiangxi' OR 1=1",
    'Jiangxi) OR (level = national',
    '江西省\\" OR docId EXISTS',
    '[Jiangxi]',
    'Jiangxi OR Jilin',
  ])('a filter value cannot change the filter expression: %s', async (value) => {
    const { status, body } = await get(`/api/search?q=${encodeURIComponent('国民待遇')}&region=${encodeURIComponent(value)}`);
    expect(status).toBe(400);
    expect(body.error.code).toBe('invalid_parameter');
  });
});
