// The API operations offered as MCP tools: the same operations, parameters, validation, errors and results as
// the HTTP API (server/operations), under tool names an assistant can pick from.
import type { Operation } from '../server/operations/operation.ts';
import { getClause, getDocument, getGlossaryEntry, listGlossary, search } from '../server/operations/index.ts';

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
