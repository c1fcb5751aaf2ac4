// The operation registry: every operation of the API, in the order the OpenAPI document lists them.
import { compareClauses } from './compare.ts';
import { addDocument, deleteDocument } from './documents-admin.ts';
import { getFeed } from './feed.ts';
import { exportGlossary } from './export-glossary.ts';
import { listCandidates } from './list-candidates.ts';
import { getConcordance } from './get-concordance.ts';
import { getEntryConcordance } from './get-entry-concordance.ts';
import { getClause } from './get-clause.ts';
import { getDocument } from './get-document.ts';
import { getGlossaryEntry } from './get-glossary-entry.ts';
import { getHealth } from './get-health.ts';
import { getImplementation } from './get-implementation.ts';
import { getRelated } from './get-related.ts';
import { listDocuments } from './list-documents.ts';
import { listGlossary } from './list-glossary.ts';
import type { Operation } from './operation.ts';
import { reindex } from './reindex.ts';
import { search } from './search.ts';

export {
  addDocument,
  compareClauses,
  deleteDocument,
  exportGlossary,
  listCandidates,
  getConcordance,
  getEntryConcordance,
  getClause,
  getFeed,
  getDocument,
  getGlossaryEntry,
  getHealth,
  getImplementation,
  getRelated,
  listDocuments,
  listGlossary,
  reindex,
  search,
};

export const OPERATIONS: readonly Operation[] = [
  getHealth,
  search,
  getFeed,
  listDocuments,
  getDocument,
  getImplementation,
  getClause,
  getRelated,
  compareClauses,
  listGlossary,
  exportGlossary,
  listCandidates,
  getGlossaryEntry,
  getEntryConcordance,
  getConcordance,
  reindex,
  addDocument,
  deleteDocument,
];
