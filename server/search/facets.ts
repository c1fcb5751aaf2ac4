// The server's side of the facet registry (shared/facets.ts): for each facet, the engine field it filters and
// counts, how a requested value resolves to the stored one, and how a stored value is labelled. Filters, facet
// counts, the route's parameters and the response's `facets` are all built from this table.
import type { Glossary } from '../../glossary/types.ts';
import type { IndexedClause } from '../../indexer/search-documents.ts';
import { LEVELS, type Bilingual } from '../../indexer/types.ts';
import { MAX_FACET_VALUES } from '../../indexer/settings.ts';
import type { FacetValue, SearchFacets } from '../../shared/api-types.ts';
import { CATEGORIES, DOC_STATUSES, type DocStatus } from '../../shared/types.ts';
import { dayNumber, documentStatus, statusFilter, validityOfKey } from '../../indexer/validity.ts';
import { FACET_NAMES, fixedLabel, type FacetName } from '../../shared/facets.ts';
import { ApiError } from '../http/errors.ts';
import type { Catalog } from './catalog.ts';

/** What labelling facet values looks things up in. */
export interface LabelDeps {
  catalog: Catalog;
  glossary: Glossary;
}

/** What resolving requested values looks things up in. */
export interface FacetDeps extends LabelDeps {
  /** Entry id of a glossary form (id, Chinese or English, any variant), as termResolver builds it. */
  resolveTerm: (value: string) => string | undefined;
}

export type FilterValue = string | number;

export interface ServerFacet {
  /** The clause field the engine filters on and counts (filterable in indexer/settings.ts). */
  field: keyof IndexedClause & string;
  /** The stored value a requested one (trimmed) stands for; undefined when there is none (a 400). */
  resolve: (value: string, deps: FacetDeps) => FilterValue | undefined;
  /** The label of a stored value; null drops the value from the facet (a document or entry no longer known). */
  label: (value: string, deps: LabelDeps) => Bilingual | null;
  /** A facet derived at request time: the engine filter for a value on `today` (else `field = value`). */
  filter?: (value: FilterValue, today: number) => string;
  /** …and its counts from the engine's counts of `field` (else those counts as they are). */
  count?: (counts: Record<string, number>, today: number) => Record<string, number>;
}

const fixed =
  (name: FacetName) =>
  (value: string): Bilingual | null =>
    fixedLabel(name, value);

export const SERVER_FACETS: Record<FacetName, ServerFacet> = {
  region: {
    field: 'region_zh',
    // English or Chinese, with or without 省/市/Province…, any case.
    resolve: (v, { catalog }) => catalog.regionByName.get(v.toLowerCase())?.zh,
    label: (v, { catalog }) => catalog.regionByName.get(v.toLowerCase()) ?? { zh: v, en: v },
  },
  level: {
    field: 'level',
    resolve: (v) => LEVELS.find((l) => l === v.toLowerCase()),
    label: fixed('level'),
  },
  status: {
    // Counted over the stored combinations of validity facts, each turned into its status of today.
    field: 'validity',
    resolve: (v) => DOC_STATUSES.find((st) => st === v.toLowerCase()),
    label: fixed('status'),
    filter: (v, today) => statusFilter(v as DocStatus, today),
    count: (counts, today) => {
      const out: Record<string, number> = {};
      for (const [key, n] of Object.entries(counts)) {
        const facts = validityOfKey(key);
        if (!facts) continue;
        const st = documentStatus(facts, today);
        out[st] = (out[st] ?? 0) + n;
      }
      return out;
    },
  },
  year: {
    field: 'year',
    resolve: (v, { catalog }) => (/^\d{4}$/.test(v) && catalog.years.has(Number(v)) ? Number(v) : undefined),
    label: fixed('year'),
  },
  doc: {
    field: 'docId',
    resolve: (v, { catalog }) => (catalog.byId.has(v) ? v : undefined),
    label: (v, { catalog }) => catalog.byId.get(v)?.title ?? null,
  },
  category: {
    field: 'categories',
    resolve: (v) => CATEGORIES.find((c) => c === v),
    label: fixed('category'),
  },
  term: {
    field: 'termIds',
    // What the facet returns (entry ids) or any exact form of an entry, Chinese or English.
    resolve: (v, { resolveTerm }) => resolveTerm(v),
    label: (v, { glossary }) => {
      const entry = glossary.byId.get(v);
      return entry ? { zh: entry.zh, en: entry.en } : null;
    },
  },
};

// The response type names every facet, and nothing else: a registry entry without it (or the reverse) fails to compile.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
true satisfies Same<keyof SearchFacets, FacetName>;

export type ResolvedFilters = Record<FacetName, FilterValue[]>;

export const NO_FILTERS: ResolvedFilters = Object.freeze(Object.fromEntries(FACET_NAMES.map((n) => [n, []]))) as unknown as ResolvedFilters;

/** The engine fields of all facets, in registry order. */
export const FACET_FIELDS: readonly string[] = FACET_NAMES.map((n) => SERVER_FACETS[n].field);

/** `term` lookup: every form of every entry, lower-cased, to its id (the first entry claiming a form keeps it). */
export function termResolver(glossary: Glossary): (value: string) => string | undefined {
  const termByForm = new Map<string, string>();
  for (const e of glossary.entries) {
    for (const form of [e.id, e.zh, e.en, ...e.variants.zh, ...e.variants.en]) {
      const key = form.toLowerCase();
      if (!termByForm.has(key)) termByForm.set(key, e.id);
    }
  }
  return (value) => termByForm.get(value.toLowerCase());
}

/** Maps requested filter values (names in either language, ids) to the values stored in the index; unknown → 400. */
export function resolveFilters(input: Partial<Record<FacetName, string[] | undefined>>, deps: FacetDeps): ResolvedFilters {
  const out = {} as ResolvedFilters;
  for (const name of FACET_NAMES) {
    out[name] = (input[name] ?? []).map((v) => {
      const hit = SERVER_FACETS[name].resolve(v.trim(), deps);
      // badParam shortens and neutralizes the echoed value.
      if (hit === undefined) throw ApiError.badParam(name, 'unknown_value', { value: v });
      return hit;
    });
  }
  return out;
}

export type FacetDistribution = Record<string, Record<string, number>>;

/** The engine's facet distribution, counted here over a list of hits (phrase search filters after the engine). */
export function countFacets(hits: readonly IndexedClause[]): FacetDistribution {
  const out: FacetDistribution = {};
  for (const field of FACET_FIELDS) out[field] = {};
  for (const hit of hits) {
    for (const field of FACET_FIELDS) {
      const raw = hit[field as keyof IndexedClause] as unknown;
      for (const v of Array.isArray(raw) ? raw : raw === null || raw === undefined ? [] : [raw]) {
        const bucket = out[field]!;
        bucket[String(v)] = (bucket[String(v)] ?? 0) + 1;
      }
    }
  }
  return out;
}

/** Every facet empty: the answer of a page that did not count them (`facetsOmitted`). */
export const NO_FACETS: SearchFacets = Object.freeze(Object.fromEntries(FACET_NAMES.map((n) => [n, []]))) as unknown as SearchFacets;

/** Each facet's labelled values, most frequent first, at most MAX_FACET_VALUES. */
export function shapeFacets(distribution: FacetDistribution, deps: LabelDeps, today: number = dayNumber(new Date())): SearchFacets {
  const out = {} as SearchFacets;
  for (const name of FACET_NAMES) {
    const facet = SERVER_FACETS[name];
    const counts = distribution[facet.field] ?? {};
    out[name] = Object.entries(facet.count ? facet.count(counts, today) : counts)
      .map(([value, count]) => ({ value, label: facet.label(value, deps), count }))
      .filter((f): f is FacetValue => f.label !== null && f.count > 0)
      .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value))
      .slice(0, MAX_FACET_VALUES);
  }
  return out;
}
