// Shapes of the HTTP API's responses (documented in server/openapi.json).
import type { Bilingual, Category, ClauseKind, Level, Status } from './types.ts';
import type { MatchRange, PathSegment, TextExcerpt } from './structure.ts';

export type { MatchRange, PathSegment, TextExcerpt };

export type QueryLang = 'en' | 'zh';

/** A glossary entry the query was expanded to: shown to the user as "Searched for: 负面清单 (negative list)". */
export interface Expansion {
  entryId: string;
  zh: string;
  en: string;
}

/** What an English query was read as: shown to the user ("Showing results for …", "Ignored: what, do"). */
export interface QueryInterpretation {
  /** The query's words searched in the English text (as typed). */
  words: string[];
  /** Function and question words left out. */
  ignored: string[];
  /** Typos corrected: to a glossary term ("negativ list" → "negative list", with its entry) or to a word of the corpus. */
  corrections: { from: string; to: string; entryId: string | null }[];
  /** Query words no glossary entry covers, searched by their Chinese in the dictionary (CC-CEDICT). */
  dictionary: { en: string; zh: string[] }[];
}

/** A clause's English: ours (unofficial), an official version, or none (null in the API). */
export interface ClauseTranslationView {
  heading: string | null;
  text: string;
  /** `text` HTML-escaped with the English words the query matched in `<mark>`; equal to the escaped text otherwise. */
  highlight: string;
  /** Every run of `text` the query's English words matched (UTF-16 offsets); [] when nothing was searched. */
  matches: MatchRange[];
  /** The part of `text` that `highlight` shows. */
  excerpt: TextExcerpt;
  provenance: 'curated' | 'official';
}

export interface DocumentTranslationView {
  title: string;
  summary: string;
  provenance: 'curated' | 'official';
  /** Where an official translation was published. */
  source: string | null;
}

export interface HitTerm {
  entryId: string;
  zh: string;
  en: string;
  /** True when the query searched for this term. */
  matched: boolean;
}

export interface DocSummary {
  id: string;
  title: Bilingual;
  region: Bilingual;
  level: Level;
  date: string | null;
  docNumber: string | null;
  status: Status;
  translation: DocumentTranslationView | null;
}

export interface SearchHit {
  id: string;
  docId: string;
  doc: DocSummary;
  kind: ClauseKind;
  path: Bilingual;
  /** `path` read into its levels: what citations are built from. */
  pathSegments: PathSegment[];
  heading: string | null;
  /** Full original Chinese text. */
  text: string;
  /** `text` HTML-escaped, cropped around the best match when long, matches in `<mark>`. */
  highlight: string;
  /** Every run of `text` the query matched (UTF-16 offsets): the highlight marks those inside `excerpt`. */
  matches: MatchRange[];
  /** The part of `text` that `highlight` shows. */
  excerpt: TextExcerpt;
  terms: HitTerm[];
  translation: ClauseTranslationView | null;
}

export interface FacetValue {
  value: string;
  label: Bilingual;
  count: number;
}

export interface SearchFacets {
  region: FacetValue[];
  level: FacetValue[];
  year: FacetValue[];
  doc: FacetValue[];
  category: FacetValue[];
  term: FacetValue[];
}

export interface SearchResponse {
  query: string;
  lang: QueryLang;
  expansions: Expansion[];
  interpretation: QueryInterpretation;
  total: number;
  limit: number;
  offset: number;
  processingTimeMs: number;
  hits: SearchHit[];
  facets: SearchFacets;
}

export interface ClauseView {
  id: string;
  docId: string;
  ordinal: number;
  kind: ClauseKind;
  depth: number;
  parentId: string | null;
  path: Bilingual;
  /** `path` read into its levels: what citations are built from. */
  pathSegments: PathSegment[];
  heading: string | null;
  text: string;
  inferred: boolean;
  terms: { entryId: string; zh: string; en: string; start: number; end: number }[];
  translation: ClauseTranslationView | null;
}

export interface GlossaryEntryView {
  id: string;
  zh: string;
  en: string;
  variants: { zh: string[]; en: string[] };
  pinyin: string;
  pinyinTones: string;
  category: Category;
  note: string | null;
  source: string | null;
  occurrences: number;
}

export interface ConcordanceLineView {
  clauseId: string;
  docId: string;
  path: Bilingual;
  /** `path` read into its levels. */
  pathSegments: PathSegment[];
  left: string;
  match: string;
  right: string;
}
