// The facets of the search, in one place: their API parameter names, their order in responses and on the page,
// and the labels of their fixed values. The server adds engine fields and resolvers (server/search/facets.ts);
// the page reads names, order and labels from here, and the API's `SearchFacets` schema is built from it. Adding a
// facet is one entry here and one there (plus the field's filterable setting in indexer/settings.ts).
import { CATEGORY_LABELS, DOC_STATUS_LABELS, LEVEL_LABELS } from './labels.ts';
import type { Bilingual } from './types.ts';

export interface FacetSpec {
  /** API parameter (`?region=…`), key in the response's `facets`, URL parameter of the page. */
  readonly name: string;
  /** Whether the search page offers the facet as filters (the term facet is linked from chips instead). */
  readonly onPage: boolean;
  /** Which label the page shows for a value: the interface language's, or always the Chinese (document titles). */
  readonly display: 'locale' | 'zh';
  /** The values a facet of fixed values can take, with their labels; absent for values from the corpus. */
  readonly labels?: Readonly<Record<string, Bilingual>>;
  /** A label built from the value alone (years); absent when the label comes from the corpus or glossary. */
  readonly label?: (value: string) => Bilingual;
  /** What the facet counts, for the API's `SearchFacets` schema (built from this table). */
  readonly description: string;
}

export const FACETS = [
  { name: 'region', onPage: true, display: 'locale', description: 'Regions; `value` is the Chinese name.' },
  { name: 'level', onPage: true, display: 'locale', labels: LEVEL_LABELS, description: 'Administrative levels.' },
  {
    name: 'status',
    onPage: true,
    display: 'locale',
    labels: DOC_STATUS_LABELS,
    description: "Documents' status today (`in_force`, `pending`, `expired`, `superseded`, `draft`), derived at request time.",
  },
  { name: 'year', onPage: true, display: 'locale', label: (value: string) => ({ zh: `${value}年`, en: value }), description: 'Document years.' },
  { name: 'doc', onPage: true, display: 'zh', description: 'Documents; `value` is the document id, `label` its title.' },
  { name: 'category', onPage: true, display: 'locale', labels: CATEGORY_LABELS, description: 'Glossary categories of the terms in the clauses.' },
  { name: 'term', onPage: false, display: 'locale', description: 'Glossary entries in the clauses; `value` is the entry id.' },
] as const satisfies readonly FacetSpec[];

export type FacetName = (typeof FACETS)[number]['name'];
export type PageFacetName = Extract<(typeof FACETS)[number], { onPage: true }>['name'];

export const FACET_NAMES: readonly FacetName[] = FACETS.map((f) => f.name);
export const PAGE_FACETS: readonly PageFacetName[] = FACETS.filter((f) => f.onPage).map((f) => f.name as PageFacetName);

const byName = new Map<string, FacetSpec>(FACETS.map((f) => [f.name, f]));

export function facetSpec(name: FacetName): FacetSpec {
  return byName.get(name)!;
}

/** The label of a value known without the corpus (a level, a category, a year), or null. */
export function fixedLabel(name: FacetName, value: string): Bilingual | null {
  const spec = facetSpec(name);
  if (spec.labels) return Object.hasOwn(spec.labels, value) ? spec.labels[value]! : null;
  return spec.label ? spec.label(value) : null;
}
