// Shapes of what the indexer stores in Meilisearch and the server reads back.
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
  inferred: boolean;
  line: number;
}

/** One document's metadata (index `<prefix>_documents`). */
export interface IndexedDocument extends Omit<DocumentMeta, 'sourceFile'> {
  clauseCount: number;
  year: number | null;
  sourcePath: string;
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
}

export interface IndexNames {
  clauses: string;
  documents: string;
  meta: string;
}

export const DEFAULT_INDEX_PREFIX = 'policy';

export function indexNames(prefix = DEFAULT_INDEX_PREFIX, suffix = ''): IndexNames {
  return {
    clauses: `${prefix}_clauses${suffix}`,
    documents: `${prefix}_documents${suffix}`,
    meta: `${prefix}_meta${suffix}`,
  };
}
