// GET /api/documents/{id}: a document with all its clauses.
import { DocumentResponse, documentPath, documentQuery } from '../../shared/contract/documents.ts';
import { ApiError } from '../http/errors.ts';
import { citingClauses, clauseView, documentClauses } from '../search/clauses.ts';
import { engineWork, planFor, searchContext } from './context.ts';
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
  description:
    "The document's metadata and every clause in document order, with the clauses of other documents citing it. With `q` (what a reader opened from a search passes on), each clause also says where that query matched its Chinese and its English, planned and marked exactly as `GET /api/search` marks a hit, over the whole text.",
  params: documentPath,
  query: documentQuery,
  output: DocumentResponse,
  outputDescription: 'The document and its clauses in document order.',
  errors: { ...INVALID_PARAMETER, not_found: 'No document has this id.', ...UNAVAILABLE },
  async run({ runtime, signal }, { params, query }) {
    const ctx = searchContext(runtime);
    const doc = ID.test(params.id) ? ctx.catalog.byId.get(params.id) : undefined;
    if (!doc) throw ApiError.notFound('document');
    const q = query.q?.trim() ?? '';
    // Planned as the search plans it (no engine query: the plan only says what to mark).
    const plan = q ? planFor(runtime, ctx, q, 'auto') : null;
    const [clauses, citedBy] = await engineWork(runtime, signal, () => Promise.all([documentClauses(ctx, doc.id), citingClauses(ctx, doc.id)]));
    const glossary = runtime.enricher.glossary;
    return { document: documentView(doc), clauses: clauses.map((c) => clauseView(c, glossary, plan)), citedBy, query: plan ? q : null };
  },
});
