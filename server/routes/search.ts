// GET /api/search: cross-lingual clause search with filters, facets and highlighting.
import { Router } from 'express';
import { z } from 'zod';
import { LEVELS, type Level } from '../../indexer/types.ts';
import { ApiError } from '../http/errors.ts';
import { int, multi, oneOf, parseQuery, scalar } from '../http/validate.ts';
import { REQUEST_BUDGET } from '../../shared/limits.ts';
import { budgetPlan, isHeavyPlan } from '../query/budget.ts';
import { planQuery } from '../query/plan.ts';
import type { Runtime } from '../runtime.ts';
import type { Catalog } from '../search/catalog.ts';
import { executeSearch } from '../search/execute.ts';
import { isCategory, type ResolvedFilters } from '../search/filters.ts';
import { engineWork, searchContext } from './context.ts';

export const MAX_QUERY_LENGTH = REQUEST_BUDGET.queryChars;

const schema = z.object({
  q: scalar('q', { maxLength: MAX_QUERY_LENGTH }).optional(),
  lang: oneOf('lang', ['en', 'zh', 'auto']).optional(),
  limit: int('limit', { min: 1, max: 100 }).optional(),
  offset: int('offset', { min: 0, max: REQUEST_BUDGET.maxOffset }).optional(),
  doc: multi('doc').optional(),
  region: multi('region').optional(),
  level: multi('level').optional(),
  year: multi('year').optional(),
  term: multi('term').optional(),
  category: multi('category').optional(),
});

function unknownValue(param: string, value: string): ApiError {
  // badParam shortens and neutralizes the echoed value.
  return ApiError.badParam(param, 'unknown_value', { value });
}

/** Maps user filter values (English or Chinese names, ids) to the values stored in the index; unknown → 400. */
export function resolveFilters(
  input: Pick<z.infer<typeof schema>, 'doc' | 'region' | 'level' | 'year' | 'term' | 'category'>,
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

export function searchRouter(runtime: Runtime): Router {
  const router = Router();
  // `term` takes what the facet returns (entry ids) or any exact form of an entry, Chinese or English.
  const termByForm = new Map<string, string>();
  for (const e of runtime.enricher.glossary.entries) {
    for (const form of [e.id, e.zh, e.en, ...e.variants.zh, ...e.variants.en]) {
      const key = form.toLowerCase();
      if (!termByForm.has(key)) termByForm.set(key, e.id);
    }
  }
  const resolveTerm = (value: string) => termByForm.get(value.toLowerCase());
  router.get('/search', async (req, res) => {
    const params = parseQuery(schema, req);
    const ctx = searchContext(runtime);
    const filters = resolveFilters(params, ctx.catalog, resolveTerm);
    const deps = { ...runtime.planner, lexicon: ctx.catalog.lexicon, stemShare: ctx.catalog.stemShare, termShare: ctx.catalog.termShare };
    const plan = budgetPlan(planQuery(params.q ?? '', params.lang ?? 'auto', deps));
    const search = () => executeSearch(ctx, { plan, filters, limit: params.limit ?? 10, offset: params.offset ?? 0 });
    const body = await engineWork(runtime, res, search, isHeavyPlan(plan) ? 'heavy' : 'ordinary');
    res.json(body);
  });
  return router;
}

