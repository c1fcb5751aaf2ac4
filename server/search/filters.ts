// Engine filter expressions are built only from values we know exist (documents, regions, levels,
// years, glossary ids, categories), each quoted: a user's string never becomes filter syntax.
import { FACET_NAMES } from '../../shared/facets.ts';
import { dayNumber } from '../../indexer/validity.ts';
import { SERVER_FACETS, type ResolvedFilters } from './facets.ts';

export { NO_FILTERS, type ResolvedFilters } from './facets.ts';

export function quote(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function anyOf(field: string, values: readonly (string | number)[]): string[] {
  return values.map((v) => `${field} = ${typeof v === 'number' ? v : quote(v)}`);
}

/** Meilisearch's array form: outer array ANDs, inner arrays OR. One group per facet filtered, in registry order. */
export function filterExpression(
  filters: ResolvedFilters,
  extra: { termIds?: string[]; refs?: string[] } = {},
  today: number = dayNumber(new Date()),
): string[][] {
  const groups: string[][] = [
    ...FACET_NAMES.map((name) => {
      const { field, filter } = SERVER_FACETS[name];
      // A derived facet's expression is built from the resolved value (one of ours) and a number.
      return filter ? filters[name].map((v) => `(${filter(v, today)})`) : anyOf(field, filters[name]);
    }),
    anyOf('termIds', extra.termIds ?? []),
    anyOf('refs', extra.refs ?? []),
  ];
  return groups.filter((g) => g.length > 0);
}
