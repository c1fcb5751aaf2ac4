// Engine filter expressions are built only from values we know exist (documents, regions, levels,
// years, glossary ids, categories), each quoted: a user's string never becomes filter syntax.
import { CATEGORIES, type Category } from '../../glossary/types.ts';
import type { Level } from '../../indexer/types.ts';

export interface ResolvedFilters {
  docIds: string[];
  regionsZh: string[];
  levels: Level[];
  years: number[];
  termIds: string[];
  categories: Category[];
}

export const NO_FILTERS: ResolvedFilters = { docIds: [], regionsZh: [], levels: [], years: [], termIds: [], categories: [] };

export function quote(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function anyOf(field: string, values: readonly (string | number)[]): string[] {
  return values.map((v) => `${field} = ${typeof v === 'number' ? v : quote(v)}`);
}

/** Meilisearch's array form: outer array ANDs, inner arrays OR. */
export function filterExpression(filters: ResolvedFilters, extra: { termIds?: string[]; refs?: string[] } = {}): string[][] {
  const groups: string[][] = [
    anyOf('docId', filters.docIds),
    anyOf('region_zh', filters.regionsZh),
    anyOf('level', filters.levels),
    anyOf('year', filters.years),
    anyOf('termIds', filters.termIds),
    anyOf('categories', filters.categories),
    anyOf('termIds', extra.termIds ?? []),
    anyOf('refs', extra.refs ?? []),
  ];
  return groups.filter((g) => g.length > 0);
}

export function isCategory(value: string): value is Category {
  return (CATEGORIES as readonly string[]).includes(value);
}
