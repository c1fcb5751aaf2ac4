// GET /api/search: cross-lingual clause search with filters, facets and highlighting.
import { Router } from 'express';
import { z } from 'zod';
import { int, multi, oneOf, parseQuery, scalar } from '../http/validate.ts';
import { REQUEST_BUDGET } from '../../shared/limits.ts';
import { budgetPlan, isHeavyPlan } from '../query/budget.ts';
import { planQuery } from '../query/plan.ts';
import type { Runtime } from '../runtime.ts';
import { executeSearch } from '../search/execute.ts';
import { resolveFilters, termResolver } from '../search/facets.ts';
import { FACET_NAMES, type FacetName } from '../../shared/facets.ts';
import { engineWork, searchContext } from './context.ts';

export const MAX_QUERY_LENGTH = REQUEST_BUDGET.queryChars;

const schema = z.object({
  q: scalar('q', { maxLength: MAX_QUERY_LENGTH }).optional(),
  lang: oneOf('lang', ['en', 'zh', 'auto']).optional(),
  limit: int('limit', { min: 1, max: 100 }).optional(),
  offset: int('offset', { min: 0, max: REQUEST_BUDGET.maxOffset }).optional(),
  // One repeatable parameter per facet of the registry (server/search/facets.ts resolves their values).
  ...(Object.fromEntries(FACET_NAMES.map((name) => [name, multi(name).optional()])) as Record<FacetName, z.ZodOptional<ReturnType<typeof multi>>>),
});

export function searchRouter(runtime: Runtime): Router {
  const router = Router();
  const resolveTerm = termResolver(runtime.enricher.glossary);
  router.get('/search', async (req, res) => {
    const params = parseQuery(schema, req);
    const ctx = searchContext(runtime);
    const filters = resolveFilters(params, { ...ctx, resolveTerm });
    const deps = { ...runtime.planner, lexicon: ctx.catalog.lexicon, stemShare: ctx.catalog.stemShare, termShare: ctx.catalog.termShare };
    const plan = budgetPlan(planQuery(params.q ?? '', params.lang ?? 'auto', deps));
    const search = () => executeSearch(ctx, { plan, filters, limit: params.limit ?? 10, offset: params.offset ?? 0 });
    const body = await engineWork(runtime, res, search, isHeavyPlan(plan) ? 'heavy' : 'ordinary');
    res.json(body);
  });
  return router;
}

