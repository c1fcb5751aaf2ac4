// Shapes of what the indexer stores in Meilisearch and the server reads back.
import type { RelatedLink } from './related.ts';
import type { ClauseKind, DocumentMeta, Level, Status } from './types.ts';

/** A glossary occurrence stored with the clause (offsets into `text`), for concordance and highlighting. */
export interface StoredTermSpan {
  entryId: string;
  start: number;
  end: number;
}

/** One clause as a Meilisearch document (index `<prefix>_clauses`). */
export interface IndexedClause {
  id: string;
  docId: string;
  ordinal: number;
  kind: ClauseKind;
  depth: number;
  parentId: string | null;
  path_zh: string;
  path_en: string;
  heading: string | null;
  /** Original clause text, for display. */
  text: string;
  /** Heading segmented by jieba with the glossary dictionary: tokens and their sub-words, space-separated. */
  heading_seg: string;
  /** Text segmented the same way: what Chinese queries match. */
  text_seg: string;
  /** Preferred English renderings and English variants of the glossary terms the clause contains. */
  terms_en: string[];
  /** English heading and text of the clause's translation (null without one), for display and highlighting. */
  heading_en: string | null;
  text_en: string | null;
  /** Where that English comes from; null when the clause has no translation. */
  translation: 'curated' | 'official' | null;
  /** Stemmed search keys (glossary/english.ts `searchStems`) of the English heading, text and glossary terms. */
  heading_en_stem: string;
  text_en_stem: string;
  terms_en_stem: string;
  /** Stemmed CC-CEDICT glosses of the clause's words, only for clauses without translation. */
  gloss_en_stem: string;
  /** Glossary entry ids (filterable, facet `term`). */
  termIds: string[];
  /** Glossary categories of those entries (filterable, facet `category`). */
  categories: string[];
  termSpans: StoredTermSpan[];
  /** Document numbers the clause carries or cites, in canonical and short form (`发改外资〔2022〕1586号`, `1586号`). */
  refs: string[];
  region_zh: string;
  region_en: string;
  level: Level;
  year: number | null;
  status: Status;
  /** The document's validity period as day numbers (YYYYMMDD, inclusive) and supersession (indexer/validity.ts). */
  validFrom: number | null;
  validUntil: number | null;
  superseded: boolean;
  /** The combination of those facts (validityKey), counted as a facet and turned into status counts for today. */
  validity: string;
  inferred: boolean;
  line: number;
  /** Clauses of other documents stating the same measure, best first (indexer/related.ts); set once the whole corpus is read. */
  related?: RelatedLink[];
  /** Corpus documents this clause cites by number (filterable: a document lists the clauses citing it). */
  citesDocs?: string[];
}

/** One document's metadata (index `<prefix>_documents`). */
export interface IndexedDocument extends Omit<DocumentMeta, 'sourceFile'> {
  clauseCount: number;
  /** The English version's title and one-paragraph summary, and where it comes from (null without translation). */
  translation: { title: string; summary: string; provenance: 'curated' | 'official'; source: string | null } | null;
  year: number | null;
  sourcePath: string;
  /** What the document was indexed from (indexer/incremental.ts documentHash); absent in indexes built before it. */
  hash?: string;
}

/**
 * One word of the corpus (index `<prefix>_lexicon`), for English queries: a Chinese word with its dictionary glosses
 * (`kind: 'zh'`), or an English word of the translations and glosses (`kind: 'en'`, `zh` empty, `en` the word), which
 * a mistyped query word is corrected to.
 */
export interface LexiconEntry {
  id: string;
  kind: 'zh' | 'en';
  zh: string;
  en: string[];
  /** Clauses containing the word: more common words are likelier to be what a query means. */
  clauses: number;
}

/** The single record of index `<prefix>_meta`: what the live indexes were built from. */
export interface IndexState {
  id: 'state';
  contentHash: string;
  builtAt: string;
  documents: number;
  clauses: number;
  /** Documents of the corpus left out for errors (absent in states written before this field). */
  skipped?: number;
  /** English search stems in at least COMMON_STEM_SHARE of the clauses, with their share (0–1). */
  commonStems?: Record<string, number>;
  /** Glossary entries tagged on at least COMMON_STEM_SHARE of the clauses, with their share. */
  commonTerms?: Record<string, number>;
  /** Fingerprint of all but the corpus (pipeline version, glossary, settings): an incremental update needs it unchanged. */
  envHash?: string;
  /** Whether related clauses across documents were computed (then any document change is a full rebuild). */
  related?: boolean;
}

export interface IndexNames {
  clauses: string;
  documents: string;
  lexicon: string;
  meta: string;
}

export const DEFAULT_INDEX_PREFIX = 'policy';

export function indexNames(prefix = DEFAULT_INDEX_PREFIX, suffix = ''): IndexNames {
  return {
    clauses: `${prefix}_clauses${suffix}`,
    documents: `${prefix}_documents${suffix}`,
    lexicon: `${prefix}_lexicon${suffix}`,
    meta: `${prefix}_meta${suffix}`,
  };
}
