// executeSearch against the real engine: the run's read-only seed index (tests/setup/engine.ts), plans from the
// real planner. How alternatives are federated, the per-alternative filter, exact phrases, the 'last' fallback,
// document-number browsing and paging, compared with the engine's own answers to each alternative alone.
import type { Meilisearch } from 'meilisearch';
import { beforeAll, describe, expect, it } from 'vitest';
import { searchKey } from '../../../engine/keys.ts';
import { createLookup } from '../../../glossary/lookup.ts';
import { meiliClient } from '../../../engine/client.ts';
import { DEFAULT_GLOSSARY, loadEnricher } from '../../../indexer/pipeline.ts';
import { readLiveState } from '../../../indexer/publish.ts';
import { indexNames, type IndexedClause } from '../../../indexer/search-documents.ts';
import { containsPhrase } from '../../../server/query/phrases.ts';
import { planQuery, type EngineQuery, type QueryPlan } from '../../../server/query/plan.ts';
import { plannerDeps } from '../../../server/runtime.ts';
import { catalogPlannerDeps, fetchCatalog } from '../../../server/search/catalog.ts';
import { executeSearch, type SearchContext } from '../../../server/search/execute.ts';
import { NO_FILTERS, type ResolvedFilters } from '../../../server/search/facets.ts';
import { quote } from '../../../server/search/filters.ts';
import { REQUEST_BUDGET } from '../../../shared/limits.ts';
import { seedPrefix, seedReady, sharedEngine } from '../../helpers/engine.ts';

// Reads only: the run's seed index.
const names = indexNames(seedPrefix());
let ctx: SearchContext;
let client: Meilisearch;
let plan: (q: string) => QueryPlan;

beforeAll(async () => {
  await seedReady();
  const engine = await sharedEngine();
  client = meiliClient(engine.url, await searchKey(engine), 30_000);
  const state = await readLiveState(client, names);
  expect(state).not.toBeNull();
  const { enricher } = await loadEnricher(DEFAULT_GLOSSARY);
  const catalog = await fetchCatalog(client, names, state!);
  ctx = { client, names, catalog, glossary: enricher.glossary };
  const deps = { ...plannerDeps(enricher, createLookup(enricher.glossary)), ...catalogPlannerDeps(catalog) };
  plan = (q) => planQuery(q, 'auto', deps);
});

const run = (p: QueryPlan, limit = 20, offset = 0, filters: ResolvedFilters = NO_FILTERS) => executeSearch(ctx, { plan: p, filters, limit, offset });

/** Every clause id the engine matches for one alternative alone (the seed corpus has a few hundred clauses). */
async function alone(q: EngineQuery, filter: string[] = []): Promise<string[]> {
  const res = await client.index<IndexedClause>(names.clauses).search(q.q, {
    attributesToSearchOn: q.attributesToSearchOn,
    matchingStrategy: q.matchingStrategy,
    locales: q.locales,
    filter: [...filter, ...(q.filter ? [q.filter] : [])],
    attributesToRetrieve: ['id'],
    limit: 1000,
  });
  return res.hits.map((h) => h.id);
}

const ids = (res: { hits: { id: string }[] }) => res.hits.map((h) => h.id);

describe('federated alternatives', () => {
  it('return the union of what each alternative matches alone, counted once', async () => {
    const p = plan('外商投资 研发中心');
    expect(p.queries.length).toBeGreaterThan(1);
    const union = new Set((await Promise.all(p.queries.map((q) => alone(q)))).flat());
    expect(union.size).toBeGreaterThan(0);
    const res = await run(p, 100);
    expect(res.total).toBe(union.size);
    expect(new Set(ids(res))).toEqual(union);
    expect(ids(res)).toHaveLength(union.size);
  });

  it("apply an alternative's own filter to it alone", async () => {
    const doc = 'jiangxi-2023-fdi-manufacturing';
    const restricted: EngineQuery = {
      q: '研发',
      attributesToSearchOn: plan('研发').queries[0]!.attributesToSearchOn,
      matchingStrategy: 'all',
      locales: ['cmn'],
      filter: `docId = ${quote(doc)}`,
    };
    const open = plan('负面清单').queries[0]!;
    const p: QueryPlan = { ...plan('研发 负面清单'), queries: [open, restricted] };
    const union = new Set([...(await alone(open)), ...(await alone(restricted))]);
    const res = await run(p, 100);
    expect(new Set(ids(res))).toEqual(union);
    // Some 研发 clauses of other documents exist, and the filter kept them out.
    const everywhere = await alone({ ...restricted, filter: undefined });
    expect(everywhere.some((id) => !union.has(id))).toBe(true);
  });

  it('narrow every alternative by the request filters', async () => {
    const p = plan('外商投资 研发中心');
    const filters: ResolvedFilters = { ...NO_FILTERS, level: ['national'] };
    const res = await run(p, 100, 0, filters);
    const union = new Set((await Promise.all(p.queries.map((q) => alone(q, ['level = "national"'])))).flat());
    expect(new Set(ids(res))).toEqual(union);
    expect(res.hits.every((h) => h.doc.level === 'national')).toBe(true);
  });
});

describe('one alternative', () => {
  it("is one engine search, its total and facets the engine's", async () => {
    const p = plan('国民待遇');
    expect(p.queries).toHaveLength(1);
    const matched = await alone(p.queries[0]!);
    const res = await run(p, 100);
    expect(res.total).toBe(matched.length);
    expect(ids(res)).toEqual(matched);
    expect(res.facets.doc.reduce((n, f) => n + f.count, 0)).toBe(res.total);
  });

  it('falls back to matching as many tokens as possible when no clause has them all', async () => {
    const p = plan('国民待遇 火星');
    expect(p.strict).toHaveLength(1);
    expect(p.strict[0]!.matchingStrategy).toBe('all');
    expect(await alone(p.strict[0]!)).toEqual([]);
    expect(p.queries).toEqual([{ ...p.strict[0]!, matchingStrategy: 'last' }]);
    const res = await run(p, 100);
    expect(res.total).toBeGreaterThan(0);
    expect(res.interpretation).toMatchObject({ relaxed: true, allWords: 0 });
    expect(new Set(ids(res))).toEqual(new Set(await alone(p.queries[0]!)));
  });
});

describe('quoted phrases', () => {
  it('keep only candidates containing the phrase, counted and faceted over the exact matches', async () => {
    const p = plan('"负面清单" 江西');
    expect(p.phrases).toEqual(['负面清单']);
    const candidates = await client.index<IndexedClause>(names.clauses).search(p.queries[0]!.q, {
      attributesToSearchOn: p.queries[0]!.attributesToSearchOn,
      matchingStrategy: p.queries[0]!.matchingStrategy,
      locales: p.queries[0]!.locales,
      attributesToRetrieve: ['id', 'text'],
      limit: REQUEST_BUDGET.phraseCandidates,
    });
    const exact = candidates.hits.filter((h) => containsPhrase(h.text, '负面清单')).map((h) => h.id);
    expect(exact.length).toBeGreaterThan(0);
    const res = await run(p, 100);
    expect(res.total).toBe(exact.length);
    expect(new Set(ids(res))).toEqual(new Set(exact));
    // 江西 is a region of the index: the phrase's clauses in Jiangxi come first, then the others.
    const all = res.interpretation.allWords!;
    expect(all).toBeGreaterThan(0);
    expect(res.hits.slice(0, all).every((h) => h.doc.region.zh === '江西省')).toBe(true);
    expect(res.hits.slice(all).some((h) => h.doc.region.zh !== '江西省')).toBe(true);
    for (const hit of res.hits) expect(containsPhrase(hit.text, '负面清单'), hit.id).toBe(true);
    expect(res.facets.doc.reduce((n, f) => n + f.count, 0)).toBe(exact.length);
  });
});

describe('document numbers', () => {
  it('browse the clauses carrying or citing the number, with nothing searched', async () => {
    const p = plan('1586号');
    expect(p.queries).toEqual([]);
    const res = await run(p, 100);
    const carrying = await client
      .index<IndexedClause>(names.clauses)
      .search('', { filter: [`refs = ${quote('1586号')}`], attributesToRetrieve: ['id'], limit: 1000 });
    expect(res.total).toBe(carrying.hits.length);
    expect(res.total).toBeGreaterThan(0);
    expect(res.hits.map((h) => h.docId)).toContain('jiangxi-2023-fdi-manufacturing');
  });
});

describe('paging', () => {
  it.each([
    ['one alternative', '研发'],
    ['federated alternatives', '招商引资'],
    ['a phrase', '"外商投资"'],
  ])('%s: pages are slices of one ranking with one total', async (_kind, q) => {
    const p = plan(q);
    expect(p.queries.length > 1).toBe(q === '招商引资');
    expect(p.phrases.length > 0).toBe(q.startsWith('"'));
    const whole = await run(p, 10, 0);
    expect(whole.hits.length).toBeGreaterThan(5);
    const first = await run(p, 5, 0);
    const second = await run(p, 5, 5);
    expect([...ids(first), ...ids(second)]).toEqual(ids(whole));
    expect(new Set([first.total, second.total])).toEqual(new Set([whole.total]));
    expect([first.limit, first.offset, second.offset]).toEqual([5, 0, 5]);
  });

  it('past the last match: no hits, the same total', async () => {
    const p = plan('研发');
    const whole = await run(p, 1);
    const beyond = await run(p, 5, whole.total + 10);
    expect(beyond.hits).toEqual([]);
    expect(beyond.total).toBe(whole.total);
  });
});
