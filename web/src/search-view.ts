// What the search page shows, worked out from its state and the API's answer (pure: no DOM, no interface
// language): hit cards, facet groups, the lines saying how the query was read, the result range and pages.
// search-parts.ts renders these models; search-page.ts wires them to the form, the URL and the API.
import type {
  ClauseTranslationView,
  DocSummary,
  Expansion,
  HitTerm,
  QueryInterpretation,
  SearchFacets,
  SearchHit,
  SearchResponse,
} from '../../shared/api-types.ts';
import { facetSpec } from '../../shared/facets.ts';
import type { PathSegment } from '../../shared/structure.ts';
import type { Bilingual, ClauseKind } from '../../shared/types.ts';
import { anyUnofficial, versionOrder, type TextLang } from './bilingual.ts';
import { pageCount } from './pagination.ts';
import { documentPath } from './routes.ts';
import { excerptRuns, type Run } from './segments.ts';
import { FACETS, PAGE_SIZE, isActive, type Facet, type SearchState } from './search-state.ts';

/** Glossary chips shown on a card before the "more" button. */
export const MAX_CHIPS = 6;

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
  /** Glossary terms, searched-for ones first: the first MAX_CHIPS shown, the rest behind a button. */
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
  const ordered = [...hit.terms].sort((a, b) => Number(b.matched) - Number(a.matched));
  return {
    id: hit.id,
    // The reader marks the query too.
    href: documentPath(hit.docId, hit.id, query),
    doc: hit.doc,
    clause: { kind: hit.kind, pathSegments: hit.pathSegments },
    versions: first === 'en' ? [english, chinese] : [chinese, english],
    chips: { shown: ordered.slice(0, MAX_CHIPS), more: ordered.slice(MAX_CHIPS) },
  };
}

export interface FacetOptionModel {
  facet: Facet;
  value: string;
  label: Bilingual;
  /** Which of the label's languages to show (document titles are shown in Chinese). */
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

/** The page's facets with the answer's counts; groups with nothing to offer are left out. */
export function facetGroups(state: SearchState, facets: SearchFacets): FacetGroupModel[] {
  return FACETS.flatMap((facet) => {
    const listed = [...facets[facet]];
    // Selected values stay listed (count 0) so they can be turned off even when nothing matches them now.
    for (const v of state.filters[facet]) if (!listed.some((x) => x.value === v)) listed.push({ value: v, label: { zh: v, en: v }, count: 0 });
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

/** A line above the results saying how the query was read, in the order they change what was searched most. */
export type Notice =
  | { kind: 'corrections'; corrections: QueryInterpretation['corrections'] }
  | { kind: 'expansions'; expansions: Expansion[] }
  | { kind: 'ignored'; words: string[] }
  | { kind: 'dictionary'; lookups: QueryInterpretation['dictionary'] };

export function notices(res: Pick<SearchResponse, 'interpretation' | 'expansions'>): Notice[] {
  const { corrections, ignored, dictionary } = res.interpretation;
  const out: Notice[] = [];
  if (corrections.length > 0) out.push({ kind: 'corrections', corrections });
  if (res.expansions.length > 0) out.push({ kind: 'expansions', expansions: res.expansions });
  if (ignored.length > 0) out.push({ kind: 'ignored', words: ignored });
  if (dictionary.length > 0) out.push({ kind: 'dictionary', lookups: dictionary });
  return out;
}

export type ResultsModel =
  | { kind: 'intro' }
  | { kind: 'empty'; total: number; notices: Notice[] }
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
    };

/** What the results column shows: help on a blank page, help when nothing matched, or the hits and their pages. */
export function resultsModel(state: SearchState, res: SearchResponse | null, pageSize = PAGE_SIZE): ResultsModel {
  if (!isActive(state) || res === null) return { kind: 'intro' };
  if (res.hits.length === 0) return { kind: 'empty', total: res.total, notices: notices(res) };
  return {
    kind: 'hits',
    total: res.total,
    from: res.offset + 1,
    to: res.offset + res.hits.length,
    page: state.page,
    pages: pageCount(res.total, pageSize),
    notices: notices(res),
    unofficial: anyUnofficial(res.hits),
    hits: res.hits.map((hit) => hitModel(hit, res.lang, res.query)),
  };
}
