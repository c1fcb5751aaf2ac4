// The API operations offered as MCP tools: the same operations, parameters, validation, errors and results as
// the HTTP API (server/operations), under tool names an assistant can pick from.
import type { Operation } from '../server/operations/operation.ts';
import { compareClauses, getClause, getDocument, getGlossaryEntry, getImplementation, getRelated, listGlossary, search } from '../server/operations/index.ts';

export interface Tool {
  name: string;
  title: string;
  /** What the assistant reads to choose the tool; the operation's own description follows it. */
  description: string;
  operation: Operation;
}

export const TOOLS: readonly Tool[] = [
  {
    name: 'search',
    title: 'Search policy clauses',
    description:
      'Search the clauses of Chinese government policy documents on foreign investment, in English, pinyin or Chinese (e.g. "negative list" or 负面清单). Each hit has its clause id (for get_clause), document, bilingual path, Chinese text and English translation where there is one.',
    operation: search,
  },
  {
    name: 'get_clause',
    title: 'Get a clause',
    description: 'One clause by its id (as in search hits), with its glossary terms, translation and document.',
    operation: getClause,
  },
  {
    name: 'get_document',
    title: 'Get a document',
    description: 'One document by its id (as in search hits, `docId`), with all its clauses in order.',
    operation: getDocument,
  },
  {
    name: 'get_related_clauses',
    title: 'Related clauses in other documents',
    description:
      'For a clause id, the clauses of other documents that restate (`same`) or touch (`related`) the same measure, best first, with the glossary concepts they share.',
    operation: getRelated,
  },
  {
    name: 'compare_clauses',
    title: 'Compare two clauses',
    description:
      'Two clauses (ids `a` and `b`) side by side, in Chinese and English, with a word-level diff of the Chinese: what `b` adds to or drops from `a`.',
    operation: compareClauses,
  },
  {
    name: 'get_implementation',
    title: 'How a document implements another',
    description:
      'For document `id` and reference document `of` (e.g. the national measures), each measure of the reference with the clauses of `id` taking it up (empty: not taken up), and the measures of `id` new to the reference.',
    operation: getImplementation,
  },
  {
    name: 'lookup_glossary',
    title: 'Look up the glossary',
    description: 'Look up terms of the bilingual policy glossary by Chinese, English (typo-tolerant), pinyin or id; without `q`, the whole glossary, paged.',
    operation: listGlossary,
  },
  {
    name: 'get_glossary_entry',
    title: 'Get a glossary entry',
    description: 'One glossary entry by id, with every occurrence in the documents (keyword in context) and counts per document.',
    operation: getGlossaryEntry,
  },
];
