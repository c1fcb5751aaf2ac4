// GET /api/search: cross-lingual clause search with filters, facets and highlighting.
import { LEVELS, type Level } from '../../indexer/types.ts';
import { searchQuery, SearchResponse, type SearchQuery } from '../../shared/contract/search.ts';
import { ApiError } from '../http/errors.ts';
import { budgetPlan, isHeavyPlan } from '../query/budget.ts';
import { planQuery } from '../query/plan.ts';
import type { Catalog } from '../search/catalog.ts';
import { executeSearch } from '../search/execute.ts';
import { isCategory, type ResolvedFilters } from '../search/filters.ts';
import { engineWork, searchContext } from './context.ts';
import { INVALID_PARAMETER, UNAVAILABLE } from './errors.ts';
import { defineOperation, perRuntime } from './operation.ts';

function unknownValue(param: string, value: string): ApiError {
  // badParam shortens and neutralizes the echoed value.
  return ApiError.badParam(param, 'unknown_value', { value });
}

/** Maps user filter values (English or Chinese names, ids) to the values stored in the index; unknown → 400. */
export function resolveFilters(
  input: Pick<SearchQuery, 'doc' | 'region' | 'level' | 'year' | 'term' | 'category'>,
  catalog: Catalog,
  resolveTerm: (value: string) => string | undefined,
): ResolvedFilters {
  const map = <T>(param: string, values: string[] | undefined, resolve: (v: string) => T | undefined): T[] =>
    (values ?? []).map((v) => {
      const hit = resolve(v.trim());
      if (hit === undefined) throw unknownValue(param, v);
      return hit;
    });
  return {
    docIds: map('doc', input.doc, (v) => (catalog.byId.has(v) ? v : undefined)),
    regionsZh: map('region', input.region, (v) => catalog.regionByName.get(v.toLowerCase())?.zh),
    levels: map('level', input.level, (v) => LEVELS.find((l) => l === v.toLowerCase()) as Level | undefined),
    years: map('year', input.year, (v) => (/^\d{4}$/.test(v) && catalog.years.has(Number(v)) ? Number(v) : undefined)),
    termIds: map('term', input.term, resolveTerm),
    categories: map('category', input.category, (v) => (isCategory(v) ? v : undefined)),
  };
}

// `term` takes what the facet returns (entry ids) or any exact form of an entry, Chinese or English.
const termResolver = perRuntime((runtime) => {
  const termByForm = new Map<string, string>();
  for (const e of runtime.enricher.glossary.entries) {
    for (const form of [e.id, e.zh, e.en, ...e.variants.zh, ...e.variants.en]) {
      const key = form.toLowerCase();
      if (!termByForm.has(key)) termByForm.set(key, e.id);
    }
  }
  return (value: string) => termByForm.get(value.toLowerCase());
});

export const search = defineOperation({
  id: 'search',
  method: 'get',
  path: '/api/search',
  tag: 'search',
  summary: 'Search clauses across languages',
  description:
    'Searches the clauses of every indexed document. English, pinyin and Chinese queries all find the Chinese text: English and pinyin are expanded through the glossary (`expansions` shows what was searched), Chinese is segmented with jieba using the glossary dictionary, quoted phrases match exactly, and document numbers find the documents carrying or citing them (details under `q`). Without `q`, lists the clauses matching the filters.\n\n' +
    'Each hit carries its document, its bilingual path, the original text, an HTML `highlight` with `<mark>` around what matched (cropped with `…` when long), and the glossary terms it contains. `facets` count the matches per region, level, year, document, category and term, and their values can be passed back as filters. Parameters not listed here are rejected (except `locale`), and so are repeated scalar parameters.',
  query: searchQuery,
  output: SearchResponse,
  outputDescription: 'A page of hits with the query plan and facets.',
  errors: { invalid_parameter: `${INVALID_PARAMETER.invalid_parameter} Or a filter names a value that does not exist.`, ...UNAVAILABLE },
  async run({ runtime, signal }, { query }) {
    const ctx = searchContext(runtime);
    const filters = resolveFilters(query, ctx.catalog, termResolver(runtime));
    const deps = { ...runtime.planner, lexicon: ctx.catalog.lexicon, stemShare: ctx.catalog.stemShare, termShare: ctx.catalog.termShare };
    const plan = budgetPlan(planQuery(query.q ?? '', query.lang, deps));
    const work = () => executeSearch(ctx, { plan, filters, limit: query.limit, offset: query.offset });
    return engineWork(runtime, signal, work, isHeavyPlan(plan) ? 'heavy' : 'ordinary');
  },
});
