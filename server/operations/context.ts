// What operations share: the live index's search context and the engine work's error mapping and gate.
import { isEngineError, meiliErrorCode, withAbortSignal } from '../../engine/client.ts';
import { ENGINE_LIMITS } from '../../shared/limits.ts';
import { ApiError } from '../http/errors.ts';
import type { Runtime } from '../runtime.ts';
import { OverloadedError, type Lane } from '../search/engine-gate.ts';
import type { SearchContext } from '../search/execute.ts';
import { catalogPlannerDeps } from '../search/catalog.ts';
import { resolveFilters, termResolver, type ResolvedFilters } from '../search/facets.ts';
import { budgetPlan } from '../query/budget.ts';
import { planQuery, type PlanOptions, type QueryPlan } from '../query/plan.ts';
import type { QueryLang } from '../../shared/api-types.ts';
import { perGlossary } from './operation.ts';

/** The live index's search context, or a 503 index_not_ready while it is being built. */
export function searchContext(runtime: Runtime): SearchContext {
  const ctx = runtime.search();
  if (!ctx) throw ApiError.unavailable('index_not_ready');
  return ctx;
}

/**
 * Runs an engine call; an engine that is down, slow or failing becomes a 503, never a hang (requests
 * time out in the client). Our own bugs stay 500s.
 */
export async function engineCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof ApiError) throw error;
    if (error instanceof OverloadedError) throw ApiError.overloaded(ENGINE_LIMITS.retryAfterSeconds, error);
    if (meiliErrorCode(error) === 'index_not_found') throw ApiError.unavailable('index_not_ready', error);
    if (isEngineError(error)) throw ApiError.unavailable('engine_unavailable', error);
    throw error;
  }
}

/**
 * A request's engine work: through the runtime's engine gate, in the lane for `lane` requests (503 `overloaded` with
 * Retry-After when it is full), and cancelled, queued or running, once `signal` aborts (the asker went away).
 * Errors are mapped as by engineCall.
 */
export function engineWork<T>(runtime: Runtime, signal: AbortSignal, work: () => Promise<T>, lane: Lane = 'ordinary'): Promise<T> {
  return engineCall(() => runtime.gate.run(() => withAbortSignal(signal, work), signal, lane));
}

/** A query planned as the search plans it (glossary, jieba, the live index's lexicon and regions), within budget. */
export function planFor(runtime: Runtime, ctx: SearchContext, q: string, lang: QueryLang | 'auto', options: PlanOptions = {}): QueryPlan {
  return budgetPlan(planQuery(q, lang, { ...runtime.planner, ...catalogPlannerDeps(ctx.catalog) }, options));
}

// `term` takes what the facet returns (entry ids) or any exact form of an entry, Chinese or English.
const resolveTermOf = perGlossary((runtime) => termResolver(runtime.enricher.glossary));

/** The search filters of a request, resolved against the live index and glossary (an unknown value is a 400). */
export function filtersFor(runtime: Runtime, ctx: SearchContext, query: Parameters<typeof resolveFilters>[0]): ResolvedFilters {
  return resolveFilters(query, { ...ctx, resolveTerm: resolveTermOf(runtime) });
}
