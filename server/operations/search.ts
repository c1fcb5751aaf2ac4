// GET /api/search: cross-lingual clause search with filters, facets and highlighting.
import { searchQuery, SearchResponse } from '../../shared/contract/search.ts';
import { isHeavyPlan } from '../query/budget.ts';
import type { QueryPlan } from '../query/plan.ts';
import { executeSearch, shapeHit, type SearchContext } from '../search/execute.ts';
import { docSummary } from '../search/catalog.ts';
import { locateCitation, type CitationResult } from '../search/locate-citation.ts';
import { shapeFacets } from '../search/facets.ts';
import { engineWork, filtersFor, planFor, searchContext } from './context.ts';
import { INVALID_PARAMETER, UNAVAILABLE } from './errors.ts';
import { encodedAnswer } from '../search/cache.ts';
import { defineOperation } from './operation.ts';

export const search = defineOperation({
  id: 'search',
  method: 'get',
  path: '/api/search',
  tag: 'search',
  summary: 'Search clauses across languages',
  description:
    'Searches the clauses of every indexed document. English, pinyin and Chinese queries all find the Chinese text: English and pinyin are expanded through the glossary (`expansions` shows what was searched), Chinese is segmented with jieba using the glossary dictionary, quoted phrases match exactly, and document numbers find the documents carrying or citing them (details under `q`). Without `q`, lists the clauses matching the filters. A query citing a clause (`Jiangxi Part II item 12`, `江西 二、（十二）`, `1586号 第十二条`, `national measures item 12`) returns that clause as the first hit, then the ordinary results, and says so in `located`; a citation of a clause the document does not have returns no hits and the nearest clause instead.\n\n' +
    'Each hit carries its document, its bilingual path, the original text, an HTML `highlight` with `<mark>` around what matched (cropped with `…` when long), and the glossary terms it contains. `facets` count the matches per region, level, year, document, category and term, and their values can be passed back as filters. Parameters not listed here are rejected (except `locale`), and so are repeated scalar parameters.',
  query: searchQuery,
  output: SearchResponse,
  outputDescription: 'A page of hits with the query plan and facets.',
  errors: { invalid_parameter: `${INVALID_PARAMETER.invalid_parameter} Or a filter names a value that does not exist.`, ...UNAVAILABLE },
  // A cached answer goes out as encoded at its first sending.
  represent: (out) => encodedAnswer(out),
  async run({ runtime, signal }, { query }) {
    const ctx = searchContext(runtime);
    // The answer is a function of the validated request and the index version only: a repeated request is answered
    // before filters are resolved and the query planned (planning an English question costs milliseconds).
    const { caches } = runtime;
    const version = { index: ctx.names.clauses, contentHash: ctx.catalog.contentHash, glossaryHash: runtime.enricher.glossaryHash };
    const responseKey = caches.responses.key(version, query);
    const cached = caches.responses.get(responseKey);
    if (cached) return cached;
    const filters = filtersFor(runtime, ctx, query);
    const plan = planFor(runtime, ctx, query.q ?? '', query.lang, { verbatim: query.verbatim === 'true' });
    // Facets where the page shows them: on the first page, unless asked otherwise.
    const facets = query.facets === 'include' || (query.facets === 'auto' && query.offset === 0);
    // Facet counts are the same for every page and spelling of one query and filters: keyed by what was searched.
    const facetCache = { cache: caches.facets, key: caches.facets.key(version, { plan, filters }) };
    const req = { plan, filters, limit: query.limit, offset: query.offset, sort: query.sort, facets, facetCache };
    const work = async () => {
      // A citation is resolved on the first page only: later pages are the ordinary results.
      const cited = query.q && query.offset === 0 ? await locateCitation(ctx, query.q) : null;
      if (!cited) return executeSearch(ctx, req);
      return withCitation(ctx, plan, cited, query.limit, () => executeSearch(ctx, req));
    };
    const response = await engineWork(runtime, signal, work, isHeavyPlan(plan) ? 'heavy' : 'ordinary');
    caches.responses.set(responseKey, response);
    return response;
  },
});

/**
 * The answer to a query citing a clause: the clause first, then the ordinary results; for a clause the document
 * lacks, no hits (unrelated text would pass for it) and the nearest clause as a suggestion.
 */
async function withCitation(
  ctx: SearchContext,
  plan: QueryPlan,
  cited: CitationResult,
  limit: number,
  ordinary: () => Promise<SearchResponse>,
): Promise<SearchResponse> {
  const document = docSummary(ctx.catalog.byId.get(cited.docId)!);
  if (!cited.clause) {
    const nearest = cited.nearest ? { clauseId: cited.nearest.id, path: { zh: cited.nearest.path_zh, en: cited.nearest.path_en } } : null;
    const { query, lang, expansions, interpretation } = plan;
    const located = { status: 'missing' as const, document, cited: cited.cited, clauseId: null, path: null, nearest };
    const facets = shapeFacets({}, ctx);
    return { query, lang, expansions, interpretation, located, total: 0, limit, offset: 0, processingTimeMs: 0, hits: [], facets, facetsOmitted: false };
  }
  const response = await ordinary();
  const hit = shapeHit(cited.clause, ctx, plan);
  const hits = hit ? [hit, ...response.hits.filter((h) => h.id !== hit.id)].slice(0, limit) : response.hits;
  const path = { zh: cited.clause.path_zh, en: cited.clause.path_en };
  return {
    ...response,
    located: { status: 'found', document, cited: cited.cited, clauseId: cited.clause.id, path, nearest: null },
    total: Math.max(response.total, hits.length),
    hits,
  };
}
