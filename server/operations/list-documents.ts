// GET /api/documents: every document of the live index.
import { DocumentListResponse, documentListQuery } from '../../shared/contract/documents.ts';
import { searchContext } from './context.ts';
import { INVALID_PARAMETER, NOT_READY } from './errors.ts';
import { defineOperation } from './operation.ts';
import { documentView } from './views.ts';

export const listDocuments = defineOperation({
  id: 'listDocuments',
  method: 'get',
  path: '/api/documents',
  tag: 'documents',
  summary: 'List the indexed documents',
  description: 'Every document in the live index, ordered by id. Not paged.',
  query: documentListQuery,
  output: DocumentListResponse,
  outputDescription: 'The documents.',
  errors: { ...INVALID_PARAMETER, ...NOT_READY },
  async run({ runtime }) {
    const { catalog } = searchContext(runtime);
    return { documents: catalog.documents.map(documentView) };
  },
});
