// GET /api/clauses/{id}: one clause with its document.
import { ClauseResponse, clausePath } from '../../shared/contract/documents.ts';
import { noQuery } from '../../shared/contract/params.ts';
import { ApiError } from '../http/errors.ts';
import { clauseById, clauseView } from '../search/clauses.ts';
import { engineWork, searchContext } from './context.ts';
import { INVALID_PARAMETER, UNAVAILABLE } from './errors.ts';
import { ID } from './ids.ts';
import { defineOperation } from './operation.ts';
import { documentView } from './views.ts';

export const getClause = defineOperation({
  id: 'getClause',
  method: 'get',
  path: '/api/clauses/{id}',
  tag: 'documents',
  summary: 'One clause with its document',
  params: clausePath,
  query: noQuery,
  output: ClauseResponse,
  outputDescription: 'The clause, with every glossary term occurrence and its offsets, and its document.',
  errors: { ...INVALID_PARAMETER, not_found: 'No clause has this id.', ...UNAVAILABLE },
  async run({ runtime, signal }, { params }) {
    const ctx = searchContext(runtime);
    const clause = ID.test(params.id) ? await engineWork(runtime, signal, () => clauseById(ctx, params.id)) : null;
    const doc = clause ? ctx.catalog.byId.get(clause.docId) : undefined;
    if (!clause || !doc) throw ApiError.notFound('clause');
    return { clause: clauseView(clause, runtime.enricher.glossary), document: documentView(doc) };
  },
});
