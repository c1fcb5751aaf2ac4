// Runs a query plan against the engine and shapes the API response.
import type { FederatedMultiSearchParams, Meilisearch, SearchParams, SearchResponse as MeiliResponse } from 'meilisearch';
import type { Glossary, GlossaryEntry } from '../../glossary/types.ts';
import type { IndexedClause, IndexNames } from '../../indexer/search-documents.ts';
import { HIT_FIELDS } from '../../indexer/settings.ts';
import { searchStems } from '../../glossary/english.ts';
import { REQUEST_BUDGET } from '../../shared/limits.ts';
import { highlighted, matchRanges } from '../query/highlight.ts';
import { highlightedEnglish } from '../query/highlight-en.ts';
import { containsPhrase } from '../query/phrases.ts';
import type { EngineQuery, QueryPlan } from '../query/plan.ts';
import type { ClauseTranslationView, Expansion, HitTerm, SearchFacets, SearchHit, SearchResponse } from '../../shared/api-types.ts';
import { docSummary, type Catalog } from './catalog.ts';
import type { VersionedCache } from './cache.ts';
import { countFacets, FACET_FIELDS, NO_FACETS, shapeFacets, type FacetDistribution } from './facets.ts';
import { filterExpression, quote, type ResolvedFilters } from './filters.ts';
import { pathSegments } from './path-segments.ts';

export interface SearchContext {
  client: Meilisearch;
  names: IndexNames;
  catalog: Catalog;
  glossary: Glossary;
}

export interface SearchRequest {
  plan: QueryPlan;
  filters: ResolvedFilters;
  limit: number;
  offset: number;
  /** `relevance`: the engine's ranking (browsing: newest documents first, clauses in reading order). */
  sort?: 'relevance' | 'newest' | 'oldest';
  /** Clauses left out (those a strict pass already showed). */
  excludeIds?: string[];
  /** Count facets for the response (default true); false leaves them empty and says so (`facetsOmitted`). */
  facets?: boolean;
  /** Where counted facets are looked up first and kept: they are the same for every page of a query. */
  facetCache?: { cache: VersionedCache<SearchFacets>; key: string };
  /** Whether this engine call asks the engine for facets (executeSearch asks in a call of its own). */
  engineFacets?: boolean;
}

// Documents by date (`year` is the finest date the index holds), then by id, each in reading order.
const SORTS = { newest: ['year:desc', 'docId:asc', 'ordinal:asc'], oldest: ['year:asc', 'docId:asc', 'ordinal:asc'] } as const;

function sortOf(req: SearchRequest): string[] | undefined {
  const sort = req.sort ?? 'relevance';
  if (sort !== 'relevance') return [...SORTS[sort]];
  // A filter-only query has no relevance to rank by: the newest documents first, each in reading order.
  return req.plan.queries.length === 0 ? [...SORTS.newest] : undefined;
}

function baseFilter(req: SearchRequest): string[][] {
  const { plan } = req;
  return [
    ...filterExpression(req.filters, { termIds: plan.termIds, refs: plan.refs }),
    ...plan.exclude.regions.map((r) => [`NOT region_zh = ${quote(r)}`]),
    ...plan.exclude.termIds.map((id) => [`NOT termIds = ${quote(id)}`]),
    ...(req.excludeIds?.length ? [[`id NOT IN [${req.excludeIds.map(quote).join(', ')}]`]] : []),
  ];
}

function baseParams(req: SearchRequest): SearchParams {
  const sort = sortOf(req);
  return { filter: baseFilter(req), attributesToRetrieve: [...HIT_FIELDS], ...(sort ? { sort } : {}) };
}

/** The engine parameters of one alternative, its own filters (regions it names, dictionary-only) added to the base. */
function engineParams(q: EngineQuery, base: string[][]): SearchParams {
  const own = [...(q.filter ? [[q.filter]] : []), ...(q.regions?.length ? [q.regions.map((r) => `region_zh = ${quote(r)}`)] : [])];
  return {
    q: q.q,
    attributesToSearchOn: q.attributesToSearchOn,
    matchingStrategy: q.matchingStrategy,
    locales: q.locales,
    ...(own.length > 0 ? { filter: [...base, ...own] } : {}),
  };
}

interface RawResult {
  hits: IndexedClause[];
  total: number;
  facets: FacetDistribution;
}

async function single(ctx: SearchContext, req: SearchRequest, q: EngineQuery | null, withFacets = req.engineFacets !== false): Promise<RawResult> {
  const params = baseParams(req);
  const res: MeiliResponse<IndexedClause> = await ctx.client.index<IndexedClause>(ctx.names.clauses).search(q?.q ?? '', {
    ...params,
    ...(q ? engineParams(q, params.filter as string[][]) : {}),
    limit: req.limit,
    offset: req.offset,
    ...(withFacets ? { facets: [...FACET_FIELDS] } : {}),
  });
  return { hits: res.hits, total: res.estimatedTotalHits ?? res.hits.length, facets: res.facetDistribution ?? {} };
}

/** Alternatives merged by the engine's federated search: hits, total and facets over their union. */
async function federated(ctx: SearchContext, req: SearchRequest, queries: EngineQuery[], withFacets = req.engineFacets !== false): Promise<RawResult> {
  const { sort, ...params } = baseParams(req);
  const res = await ctx.client.multiSearch<FederatedMultiSearchParams, IndexedClause>({
    federation: {
      limit: req.limit,
      offset: req.offset,
      ...(withFacets ? { facetsByIndex: { [ctx.names.clauses]: [...FACET_FIELDS] } } : {}),
    },
    queries: queries.map((q, i) => ({
      indexUid: ctx.names.clauses,
      ...params,
      // The federation merges by each query's sort when every query sorts alike.
      ...(sort ? { sort } : {}),
      ...engineParams(q, params.filter as string[][]),
      federationOptions: { weight: q.weight ?? (i === 0 ? 1 : 0.9) },
    })),
  });
  return {
    hits: res.hits,
    total: res.estimatedTotalHits ?? res.hits.length,
    facets: res.facetsByIndex?.[ctx.names.clauses]?.distribution ?? {},
  };
}

function alternatives(ctx: SearchContext, req: SearchRequest, queries: EngineQuery[], withFacets = req.engineFacets !== false): Promise<RawResult> {
  return queries.length > 1 ? federated(ctx, req, queries, withFacets) : single(ctx, req, queries[0] ?? null, withFacets);
}

async function phraseFiltered(ctx: SearchContext, req: SearchRequest, queries: EngineQuery[]): Promise<RawResult> {
  // Facets are counted here over the exact matches, not by the engine over the candidates.
  const window = await alternatives(ctx, { ...req, limit: REQUEST_BUDGET.phraseCandidates, offset: 0 }, queries.slice(0, 1), false);
  const exact = window.hits.filter((h) => req.plan.phrases.every((p) => containsPhrase(h.text, p)));
  const facets = req.engineFacets !== false ? countFacets(exact) : {};
  return { hits: exact.slice(req.offset, req.offset + req.limit), total: exact.length, facets };
}

/**
 * A federated search merges its alternatives by ranking score, whatever each one's sort: sorted by date, the
 * merged candidates (the first REQUEST_BUDGET.phraseCandidates; later pages are empty) are ordered here, by the keys the engine sorts single queries on.
 */
async function sortedFederated(ctx: SearchContext, req: SearchRequest, queries: EngineQuery[], sort: 'newest' | 'oldest'): Promise<RawResult> {
  const window = await federated(ctx, { ...req, limit: REQUEST_BUDGET.phraseCandidates, offset: 0 }, queries);
  const year = (h: IndexedClause) => ctx.catalog.byId.get(h.docId)?.year ?? 0;
  const sign = sort === 'newest' ? -1 : 1;
  const hits = [...window.hits].sort((a, b) => sign * (year(a) - year(b)) || a.docId.localeCompare(b.docId) || a.ordinal - b.ordinal);
  return { ...window, hits: hits.slice(req.offset, req.offset + req.limit) };
}

function pass(ctx: SearchContext, req: SearchRequest, queries: EngineQuery[]): Promise<RawResult> {
  if (req.plan.phrases.length > 0) return phraseFiltered(ctx, req, queries);
  const sort = req.sort ?? 'relevance';
  if (sort !== 'relevance' && queries.length > 1) return sortedFederated(ctx, req, queries, sort);
  return alternatives(ctx, req, queries);
}

/** Clauses holding every word, at most, before the ones with most words follow them (Google's "Missing: …"). */
const STRICT_HEAD = 100;

function mergeFacets(a: FacetDistribution, b: FacetDistribution): FacetDistribution {
  const out: FacetDistribution = {};
  for (const field of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const counts = { ...a[field] };
    for (const [value, n] of Object.entries(b[field] ?? {})) counts[value] = (counts[value] ?? 0) + n;
    out[field] = counts;
  }
  return out;
}

type Outcome = RawResult & { relaxed: boolean; allWords: number | null };

/**
 * Every word first. The clauses that hold them all lead; when they do not fill the page, the clauses with most of
 * the words follow (the strict ones left out), so nothing the query used to find is lost below them. Measured on
 * eval/queries.yaml: strict hits alone, recall@10 0.973 → 0.908 (a clause with all the words is not always the
 * answer to a question); strict first, then the rest, 0.973.
 */
async function run(ctx: SearchContext, req: SearchRequest): Promise<Outcome> {
  const { plan } = req;
  if (plan.strict.length === 0 || plan.queries.length === 0) {
    const raw = await pass(ctx, req, plan.strict.length > 0 ? plan.strict : plan.queries);
    return { ...raw, relaxed: false, allWords: null };
  }
  const strict = await pass(ctx, req, plan.strict);
  const head = strict.total;
  if (head >= req.offset + req.limit || head > STRICT_HEAD) return { ...strict, relaxed: false, allWords: head };
  // The strict ones on earlier pages, by id, to leave them out of the rest (the engine's total is exact this small).
  const shown = req.offset === 0 || head === 0 ? strict.hits : (await pass(ctx, { ...req, offset: 0, limit: head }, plan.strict)).hits;
  const rest = await pass(
    ctx,
    { ...req, excludeIds: shown.map((h) => h.id), offset: Math.max(0, req.offset - head), limit: req.limit - strict.hits.length },
    plan.queries,
  );
  return {
    hits: [...strict.hits, ...rest.hits],
    total: head + rest.total,
    facets: mergeFacets(strict.facets, rest.facets),
    relaxed: head === 0,
    allWords: head,
  };
}

/** The glossary terms the query names that no clause of the live index carries: one engine call, on an empty answer. */
async function absentTerms(ctx: SearchContext, plan: QueryPlan): Promise<Expansion[]> {
  const named = plan.expansions.slice(0, REQUEST_BUDGET.concepts);
  if (named.length === 0) return [];
  const { results } = await ctx.client.multiSearch({
    queries: named.map((e) => ({ indexUid: ctx.names.clauses, q: '', filter: `termIds = ${quote(e.entryId)}`, limit: 0 })),
  });
  return named.filter((_e, i) => (results[i]?.estimatedTotalHits ?? 0) === 0);
}

// Glossary renderings stemmed once each (a few thousand forms), not for every hit of every search.
const renderingStems = new Map<string, string[]>();
function stemsOf(form: string): string[] {
  let stems = renderingStems.get(form);
  if (!stems) {
    stems = searchStems(form).split(' ').filter(Boolean);
    renderingStems.set(form, stems);
  }
  return stems;
}

/**
 * The hit's glossary terms the English query names: every stem of one of the entry's renderings is a word of the
 * query ("negative list Jiangxi" names 负面清单). They are marked in the Chinese; the query planned nothing for them.
 */
export function namedEntries(hit: Pick<IndexedClause, 'termIds'>, plan: QueryPlan, glossary: Glossary): GlossaryEntry[] {
  if (plan.mode !== 'english' || plan.englishMarks.stems.length === 0) return [];
  const stems = new Set(plan.englishMarks.stems);
  return hit.termIds.flatMap((id) => {
    const entry = glossary.byId.get(id);
    if (!entry) return [];
    const named = [entry.en, ...entry.variants.en].some((form) => {
      const formStems = stemsOf(form);
      return formStems.length > 0 && formStems.every((st) => stems.has(st));
    });
    return named ? [entry] : [];
  });
}

/** English text of a hit shown beside the Chinese: cropped around its matches like the Chinese. */
export const ENGLISH_CROP = 400;

export function translationView(
  c: Pick<IndexedClause, 'heading_en' | 'text_en' | 'translation'>,
  plan: QueryPlan | null,
  crop = Infinity,
): ClauseTranslationView | null {
  if (c.text_en === null || c.translation === null) return null;
  const marks = plan?.englishMarks ?? { stems: [], phrases: [] };
  return { heading: c.heading_en, text: c.text_en, ...highlightedEnglish(c.text_en, marks, crop), provenance: c.translation };
}

/** A search hit of `hit`, highlighted for `plan`; null when its document is not in the catalog. */
export function shapeHit(hit: IndexedClause, ctx: SearchContext, plan: QueryPlan): SearchHit | null {
  const doc = ctx.catalog.byId.get(hit.docId);
  if (!doc) return null;
  const marks = [...plan.highlightTerms, ...namedEntries(hit, plan, ctx.glossary).flatMap((e) => [e.zh, ...e.variants.zh])];
  const markSet = new Set(marks);
  const terms: HitTerm[] = hit.termIds
    .map((id) => ctx.glossary.byId.get(id))
    .filter((e) => e !== undefined)
    .map((e) => ({
      entryId: e.id,
      zh: e.zh,
      en: e.en,
      matched: plan.termIds.includes(e.id) || [e.zh, ...e.variants.zh].some((f) => markSet.has(f)),
    }))
    .sort((a, b) => Number(b.matched) - Number(a.matched));
  return {
    id: hit.id,
    docId: hit.docId,
    doc: docSummary(doc),
    kind: hit.kind,
    path: { zh: hit.path_zh, en: hit.path_en },
    pathSegments: pathSegments({ zh: hit.path_zh, en: hit.path_en }),
    heading: hit.heading,
    text: hit.text,
    ...highlighted(hit.text, matchRanges(hit.text, marks)),
    terms,
    translation: translationView(hit, plan, ENGLISH_CROP),
  };
}

/**
 * Facets of the query and filters, when asked: from the cache (the engine then only ranks the hits), or counted by
 * the engine in the hits' own call and kept. A separate facet call beside the hits' was measured slower: on two
 * shared cores it doubles the engine's candidate work and overlaps nothing (docs/benchmarks.md, issue 17).
 */
async function hitsAndFacets(ctx: SearchContext, req: SearchRequest): Promise<{ raw: Outcome; facets: SearchFacets | null }> {
  if (req.facets === false) return { raw: await run(ctx, { ...req, engineFacets: false }), facets: null };
  const cached = req.facetCache?.cache.get(req.facetCache.key);
  if (cached) return { raw: await run(ctx, { ...req, engineFacets: false }), facets: cached };
  const raw = await run(ctx, { ...req, engineFacets: true });
  const facets = shapeFacets(raw.facets, ctx);
  req.facetCache?.cache.set(req.facetCache.key, facets);
  return { raw, facets };
}

export async function executeSearch(ctx: SearchContext, req: SearchRequest): Promise<SearchResponse> {
  const started = performance.now();
  const { raw, facets } = await hitsAndFacets(ctx, req);
  // Known terms are told apart from misspellings only where it matters: when the strict search found nothing.
  const absent = raw.relaxed || raw.total === 0 ? await absentTerms(ctx, req.plan) : [];
  return {
    query: req.plan.query,
    lang: req.plan.lang,
    // What was searched, from the query alone: never terms collected from the hits, so it does not change with paging.
    expansions: req.plan.expansions,
    interpretation: { ...req.plan.interpretation, relaxed: raw.relaxed, allWords: raw.allWords, absentTerms: absent },
    located: null,
    total: raw.total,
    limit: req.limit,
    offset: req.offset,
    processingTimeMs: Math.round(performance.now() - started),
    hits: raw.hits.map((h) => shapeHit(h, ctx, req.plan)).filter((h): h is SearchHit => h !== null),
    facets: facets ?? NO_FACETS,
    facetsOmitted: facets === null,
  };
}
