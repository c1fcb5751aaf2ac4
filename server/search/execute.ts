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
import type { ClauseTranslationView, HitTerm, SearchFacets, SearchHit, SearchResponse } from '../../shared/api-types.ts';
import { docSummary, type Catalog } from './catalog.ts';
import type { VersionedCache } from './cache.ts';
import { countFacets, FACET_FIELDS, NO_FACETS, shapeFacets, type FacetDistribution } from './facets.ts';
import { filterExpression, type ResolvedFilters } from './filters.ts';
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
  /** Count facets for the response (default true); false leaves them empty and says so (`facetsOmitted`). */
  facets?: boolean;
  /** Where counted facets are looked up first and kept: they are the same for every page of a query. */
  facetCache?: { cache: VersionedCache<SearchFacets>; key: string };
  /** Whether this engine call asks the engine for facets (executeSearch asks in a call of its own). */
  engineFacets?: boolean;
}

function baseParams(req: SearchRequest): SearchParams {
  return {
    filter: filterExpression(req.filters, { termIds: req.plan.termIds, refs: req.plan.refs }),
    attributesToRetrieve: [...HIT_FIELDS],
  };
}

function engineParams(q: EngineQuery): SearchParams {
  return { q: q.q, attributesToSearchOn: q.attributesToSearchOn, matchingStrategy: q.matchingStrategy, locales: q.locales };
}

interface RawResult {
  hits: IndexedClause[];
  total: number;
  facets: FacetDistribution;
}

async function single(ctx: SearchContext, req: SearchRequest, q: EngineQuery | null, withFacets = req.engineFacets !== false): Promise<RawResult> {
  const res: MeiliResponse<IndexedClause> = await ctx.client.index<IndexedClause>(ctx.names.clauses).search(q?.q ?? '', {
    ...baseParams(req),
    ...(q ? engineParams(q) : {}),
    limit: req.limit,
    offset: req.offset,
    ...(withFacets ? { facets: [...FACET_FIELDS] } : {}),
  });
  return { hits: res.hits, total: res.estimatedTotalHits ?? res.hits.length, facets: res.facetDistribution ?? {} };
}

/** Alternatives merged by the engine's federated search: hits, total and facets over their union. */
async function federated(ctx: SearchContext, req: SearchRequest): Promise<RawResult> {
  const params = baseParams(req);
  const res = await ctx.client.multiSearch<FederatedMultiSearchParams, IndexedClause>({
    federation: {
      limit: req.limit,
      offset: req.offset,
      ...(req.engineFacets !== false ? { facetsByIndex: { [ctx.names.clauses]: [...FACET_FIELDS] } } : {}),
    },
    queries: req.plan.queries.map((q, i) => ({
      indexUid: ctx.names.clauses,
      ...params,
      ...engineParams(q),
      ...(q.filter ? { filter: [...(params.filter as string[][]), [q.filter]] } : {}),
      federationOptions: { weight: q.weight ?? (i === 0 ? 1 : 0.9) },
    })),
  });
  return {
    hits: res.hits,
    total: res.estimatedTotalHits ?? res.hits.length,
    facets: res.facetsByIndex?.[ctx.names.clauses]?.distribution ?? {},
  };
}

async function phraseFiltered(ctx: SearchContext, req: SearchRequest): Promise<RawResult> {
  // Facets are counted here over the exact matches, not by the engine over the candidates.
  const window = await single(ctx, { ...req, limit: REQUEST_BUDGET.phraseCandidates, offset: 0 }, req.plan.queries[0] ?? null, false);
  const exact = window.hits.filter((h) => req.plan.phrases.every((p) => containsPhrase(h.text, p)));
  const facets = req.engineFacets !== false ? countFacets(exact) : {};
  return { hits: exact.slice(req.offset, req.offset + req.limit), total: exact.length, facets };
}

async function run(ctx: SearchContext, req: SearchRequest): Promise<RawResult> {
  const { plan } = req;
  if (plan.phrases.length > 0) return phraseFiltered(ctx, req);
  if (plan.queries.length > 1) return federated(ctx, req);
  const first = plan.queries[0] ?? null;
  const result = await single(ctx, req, first);
  // A long Chinese query rarely has every token in one clause: then rank by as many as possible.
  if (result.total === 0 && first && first.matchingStrategy === 'all' && first.q.includes(' ')) {
    return single(ctx, req, { ...first, matchingStrategy: 'last' });
  }
  return result;
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
function namedEntries(hit: IndexedClause, plan: QueryPlan, glossary: Glossary): GlossaryEntry[] {
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
async function hitsAndFacets(ctx: SearchContext, req: SearchRequest): Promise<{ raw: RawResult; facets: SearchFacets | null }> {
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
  return {
    query: req.plan.query,
    lang: req.plan.lang,
    // What was searched, from the query alone: never terms collected from the hits, so it does not change with paging.
    expansions: req.plan.expansions,
    interpretation: req.plan.interpretation,
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
