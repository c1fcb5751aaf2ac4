// What the search page shows, worked out from its state and the API's answer (pure: no DOM, no interface
// language): hit cards, facet groups, the lines saying how the query was read, the result range and pages.
// search-parts.ts renders these models; search-page.ts wires them to the form, the URL and the API.
import type {
  ClauseTranslationView,
  DocSummary,
  Expansion,
  FacetValue,
  HitTerm,
  QueryInterpretation,
  SearchHit,
  SearchResponse,
} from '../../shared/api-types.ts';
import { facetSpec, fixedLabel } from '../../shared/facets.ts';
import type { PathSegment } from '../../shared/structure.ts';
import type { Bilingual, ClauseKind } from '../../shared/types.ts';
import { anyUnofficial, versionOrder, type TextLang } from './bilingual.ts';
import { pageCount } from './pagination.ts';
import { documentPath } from './routes.ts';
import { excerptRuns, type Run } from './segments.ts';
import { FACETS, PAGE_SIZE, isActive, type Facet, type SearchState } from './search-state.ts';

/** Glossary chips shown on a card beside the ones the query matched, before the "more" button. */
export const EXTRA_CHIPS = 3;

/**
 * Terms so general in these documents (nearly every clause of a foreign-investment policy has them) that they
 * say nothing about a clause: listed after the specific ones unless the query searched for them.
 */
export const GENERIC_TERMS: ReadonlySet<string> = new Set(['外资', '外商', '外商投资', '外商投资企业']);

/** The chips of a card: every term the query matched, then a few others (specific before generic); the rest on demand. */
export function chipSplit(terms: readonly HitTerm[], extra = EXTRA_CHIPS): { shown: HitTerm[]; more: HitTerm[] } {
  const rank = (t: HitTerm) => (t.matched ? 0 : GENERIC_TERMS.has(t.zh) ? 2 : 1);
  // Array.prototype.sort is stable: the API's order holds within each rank.
  const ordered = [...terms].sort((a, b) => rank(a) - rank(b));
  const matched = ordered.filter((t) => t.matched).length;
  const cut = matched + extra;
  return { shown: ordered.slice(0, cut), more: ordered.slice(cut) };
}

/** One language of a hit: its heading and its text as runs, the query's matches marked (from the API's ranges). */
export interface VersionModel {
  lang: TextLang;
  lead: boolean;
  heading: string | null;
  runs: Run[];
  /** The original, or whose English it is (ours, or official and where it was published). */
  origin: { kind: 'chinese' } | { kind: 'english'; translation: ClauseTranslationView; source: string | null };
}

/** Said in place of an English the clause does not have. */
export interface MissingVersionModel {
  lang: 'en';
  lead: false;
  missing: true;
}

export interface HitModel {
  id: string;
  /** The clause in the reader. */
  href: string;
  doc: DocSummary;
  clause: { kind: ClauseKind; pathSegments: PathSegment[] };
  /** In reading order: the language the query was read in first. */
  versions: (VersionModel | MissingVersionModel)[];
  /** Glossary terms: those the query matched and a few more shown (chipSplit), the rest behind a button. */
  chips: { shown: HitTerm[]; more: HitTerm[] };
}

export function hitModel(hit: SearchHit, queryLang: SearchResponse['lang'], query = ''): HitModel {
  const [first] = versionOrder(queryLang, hit.translation);
  const tr = hit.translation;
  const chinese: VersionModel = {
    lang: 'zh',
    lead: first === 'zh',
    heading: hit.heading,
    runs: excerptRuns(hit.text, hit.matches, hit.excerpt),
    origin: { kind: 'chinese' },
  };
  const english: VersionModel | MissingVersionModel = tr
    ? {
        lang: 'en',
        lead: first === 'en',
        heading: tr.heading,
        runs: excerptRuns(tr.text, tr.matches, tr.excerpt),
        origin: { kind: 'english', translation: tr, source: tr.provenance === 'official' ? (hit.doc.translation?.source ?? null) : null },
      }
    : { lang: 'en', lead: false, missing: true };
  return {
    id: hit.id,
    // The reader marks the query too.
    href: documentPath(hit.docId, hit.id, query),
    doc: hit.doc,
    clause: { kind: hit.kind, pathSegments: hit.pathSegments },
    versions: first === 'en' ? [english, chinese] : [chinese, english],
    chips: chipSplit(hit.terms),
  };
}

export interface FacetOptionModel {
  facet: Facet;
  value: string;
  label: Bilingual;
  /** Which of the label's languages the registry calls primary (the page shows the interface language's, see facetText). */
  display: 'locale' | 'zh';
  count: number;
  checked: boolean;
  /** Element id of the checkbox, unique on the page. */
  id: string;
}

export interface FacetGroupModel {
  facet: Facet;
  options: FacetOptionModel[];
}

/** Values in a stable, readable order: years newest first (by year, not by count); others as the API ranks them. */
function ordered(facet: Facet, values: FacetValue[]): FacetValue[] {
  if (facet === 'year') return [...values].sort((a, b) => b.value.localeCompare(a.value));
  return values;
}

/**
 * The page's facets with the answer's counts; groups with nothing to offer are left out. Generic over the
 * registry (shared/facets.ts): a facet added there shows up here. `own` holds, per facet with chosen values,
 * the counts computed without that facet's own filter, so the values not chosen stay listed and several can
 * be picked (values of one facet are ORed by the API).
 */
export function facetGroups(
  state: SearchState,
  facets: Partial<Record<string, FacetValue[]>>,
  own: Partial<Record<Facet, FacetValue[]>> = {},
): FacetGroupModel[] {
  return FACETS.flatMap((facet) => {
    const listed = ordered(facet, [...(own[facet] ?? facets[facet] ?? [])]);
    // Selected values stay listed (count 0) so they can be turned off even when nothing matches them now.
    for (const v of state.filters[facet]) if (!listed.some((x) => x.value === v)) listed.push({ value: v, label: filterLabel(facet, v, facets), count: 0 });
    if (listed.length === 0) return [];
    const { display } = facetSpec(facet);
    const options = listed.map((v, i) => ({
      facet,
      value: v.value,
      label: v.label,
      display,
      count: v.count,
      checked: state.filters[facet].includes(v.value),
      id: `facet-${facet}-${i}`,
    }));
    return [{ facet, options }];
  });
}

/** The label of a chosen value: from the answer's facets, else the registry's fixed labels, else the value as typed. */
export function filterLabel(facet: Facet, value: string, facets: Partial<Record<string, FacetValue[]>> | null): Bilingual {
  const listed = facets?.[facet]?.find((x) => x.value === value);
  return listed?.label ?? fixedLabel(facet, value) ?? { zh: value, en: value };
}

/** A filter in effect, shown as a removable chip (also when the answer is an error, e.g. `region=Atlantis`). */
export interface FilterChipModel {
  facet: Facet;
  value: string;
  label: Bilingual;
}

export function filterChips(state: SearchState, facets: Partial<Record<string, FacetValue[]>> | null): FilterChipModel[] {
  return FACETS.flatMap((facet) => state.filters[facet].map((value) => ({ facet, value, label: filterLabel(facet, value, facets) })));
}

/** A line above the results saying how the query was read, in the order they change what was searched most. */
export type Notice =
  | { kind: 'verbatim' }
  /** Glossary terms the query names that no clause contains: known terms, not typos. */
  | { kind: 'absent'; terms: Expansion[] }
  | { kind: 'relaxed' }
  | {
      kind: 'corrections';
      corrections: QueryInterpretation['corrections'];
      /** The glossary terms corrected to, by entry id (shown as 负面清单 (negative list)). */
      terms: Record<string, Expansion>;
      /** The query as typed, offered as "search instead for …" (searched with verbatim=true). */
      typed: string;
    }
  | { kind: 'expansions'; expansions: Expansion[] }
  | { kind: 'alternatives'; parts: string[] }
  | { kind: 'excluded'; words: string[] }
  | { kind: 'unmatched'; words: string[] }
  | { kind: 'ignored'; words: string[] }
  | { kind: 'dictionary'; lookups: QueryInterpretation['dictionary'] };

export function notices(res: Pick<SearchResponse, 'interpretation' | 'expansions' | 'query'>, state?: Pick<SearchState, 'verbatim'>): Notice[] {
  const { corrections, ignored, dictionary, excluded, alternatives, relaxed, unmatched, absentTerms } = res.interpretation;
  const out: Notice[] = [];
  if (state?.verbatim) out.push({ kind: 'verbatim' });
  if (absentTerms.length > 0) out.push({ kind: 'absent', terms: absentTerms });
  if (relaxed) out.push({ kind: 'relaxed' });
  if (corrections.length > 0) {
    const terms = Object.fromEntries(res.expansions.map((e) => [e.entryId, e]));
    out.push({ kind: 'corrections', corrections, terms, typed: res.query });
  }
  // A term already named by a correction ("Showing results for 负面清单 (negative list)") is not repeated.
  const corrected = new Set(corrections.map((c) => c.entryId));
  const absent = new Set(absentTerms.map((e) => e.entryId));
  const expansions = res.expansions.filter((e) => !corrected.has(e.entryId) && !absent.has(e.entryId));
  if (expansions.length > 0) out.push({ kind: 'expansions', expansions });
  if (alternatives.length > 0) out.push({ kind: 'alternatives', parts: alternatives });
  if (excluded.length > 0) out.push({ kind: 'excluded', words: excluded });
  if (unmatched.length > 0) out.push({ kind: 'unmatched', words: unmatched });
  if (ignored.length > 0) out.push({ kind: 'ignored', words: ignored });
  if (dictionary.length > 0) out.push({ kind: 'dictionary', lookups: dictionary });
  return out;
}

export type ResultsModel =
  | { kind: 'intro' }
  | {
      kind: 'empty';
      total: number;
      notices: Notice[];
      /** Glossary terms the query names that no clause contains: known terms, so no "check the spelling". */
      absentTerms: Expansion[];
    }
  | {
      kind: 'hits';
      total: number;
      /** 1-based positions of the first and last hit shown. */
      from: number;
      to: number;
      page: number;
      pages: number;
      notices: Notice[];
      /** Whether any hit shows our own English (the notice is said once for the page). */
      unofficial: boolean;
      hits: HitModel[];
      /** Index of the first hit on this page that holds most but not all of the query's words; null when none does. */
      partialFrom: number | null;
    };

/** Where, on this page, the clauses holding every word end and those holding most of them begin (the API's `allWords`). */
function partialFrom(res: SearchResponse): number | null {
  const { allWords, relaxed } = res.interpretation;
  // Relaxed: no hit holds every word, which the relaxed notice already says.
  if (allWords === null || relaxed || allWords >= res.offset + res.hits.length) return null;
  return Math.max(0, allWords - res.offset);
}

/** What the results column shows: help on a blank page, help when nothing matched, or the hits and their pages. */
export function resultsModel(state: SearchState, res: SearchResponse | null, pageSize = PAGE_SIZE): ResultsModel {
  if (!isActive(state) || res === null) return { kind: 'intro' };
  if (res.hits.length === 0) return { kind: 'empty', total: res.total, notices: notices(res, state), absentTerms: res.interpretation.absentTerms };
  return {
    kind: 'hits',
    total: res.total,
    from: res.offset + 1,
    to: res.offset + res.hits.length,
    page: state.page,
    pages: pageCount(res.total, pageSize),
    notices: notices(res, state),
    unofficial: anyUnofficial(res.hits),
    hits: res.hits.map((hit) => hitModel(hit, res.lang, res.query)),
    partialFrom: partialFrom(res),
  };
}

/**
 * Whether trying the same request again can help: the server not reached (0), a timeout (408), too many requests
 * (429) or the server or engine failing or busy (5xx, e.g. 503 unavailable). Not a request it rejected (400: the
 * same request fails the same way; the page offers to change it instead).
 */
export function retriableStatus(status: number): boolean {
  return status === 0 || status === 408 || status === 429 || status >= 500;
}
