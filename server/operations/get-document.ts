// GET /api/documents/{id}: a document with all its clauses.
import { DocumentResponse, documentPath } from '../../shared/contract/documents.ts';
import { noQuery } from '../../shared/contract/params.ts';
import { ApiError } from '../http/errors.ts';
import { citingClauses, clauseView, documentClauses } from '../search/clauses.ts';
import { engineWork, searchContext } from './context.ts';
import { INVALID_PARAMETER, UNAVAILABLE } from './errors.ts';
import { ID } from './ids.ts';
import { defineOperation } from './operation.ts';
import { documentView } from './views.ts';

export const getDocument = defineOperation({
  id: 'getDocument',
  method: 'get',
  path: '/api/documents/{id}',
  tag: 'documents',
  summary: 'A document with all its clauses',
  params: documentPath,
  query: noQuery,
  output: DocumentResponse,
  outputDescription: 'The document and its clauses in document order.',
  errors: { ...INVALID_PARAMETER, not_found: 'No document has this id.', ...UNAVAILABLE },
  async run({ runtime, signal }, { params }) {
    const ctx = searchContext(runtime);
    const doc = ID.test(params.id) ? ctx.catalog.byId.get(params.id) : undefined;
    if (!doc) throw ApiError.notFound('document');
    const [clauses, citedBy] = await engineWork(runtime, signal, () => Promise.all([documentClauses(ctx, doc.id), citingClauses(ctx, doc.id)]));
    return { document: documentView(doc), clauses: clauses.map((c) => clauseView(c, runtime.enricher.glossary)), citedBy };
  },
});
