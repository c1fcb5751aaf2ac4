// The request budget applied to query plans (REQUEST_BUDGET in server/limits.ts): however long or
// abbreviation-dense a query, its search costs a bounded number of engine queries.
import { REQUEST_BUDGET } from '../../shared/limits.ts';
import type { QueryPlan } from './plan.ts';

/** Items of several lists taken in turns (a1 b1 c1 a2 b2 …), so a prefix of the result samples every list. */
export function roundRobin<T>(lists: readonly (readonly T[])[]): T[] {
  const out: T[] = [];
  const longest = Math.max(0, ...lists.map((l) => l.length));
  for (let i = 0; i < longest; i++) for (const list of lists) if (i < list.length) out.push(list[i]!);
  return out;
}

/** Whether a plan is expensive for the engine: more federated queries than ordinary searches ever send. */
export function isHeavyPlan(plan: QueryPlan, heavyQueries: number = REQUEST_BUDGET.heavyQueries): boolean {
  return Math.max(plan.queries.length, plan.strict.length) > heavyQueries;
}

/**
 * The plan with at most `engineQueries` alternatives, the first ones kept: the query as typed (or all concepts
 * together) comes first, and the planner orders glossary forms round-robin, so every concept keeps its preferred
 * form before any concept gets a second variant.
 */
export function budgetPlan(plan: QueryPlan, engineQueries: number = REQUEST_BUDGET.engineQueries): QueryPlan {
  return { ...plan, strict: plan.strict.slice(0, engineQueries), queries: plan.queries.slice(0, engineQueries) };
}
