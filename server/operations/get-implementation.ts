// GET /api/documents/{id}/implementation?of=<docId>: how a document takes up another's measures, clause by clause.
import type { IndexedClause } from '../../indexer/search-documents.ts';
import { ImplementationResponse, implementationPath, implementationQuery } from '../../shared/contract/compare.ts';
import { implementation } from '../compare/implementation.ts';
import { ApiError } from '../http/errors.ts';
import { clauseView, documentClauses } from '../search/clauses.ts';
import { engineWork, searchContext } from './context.ts';
import { INVALID_PARAMETER, UNAVAILABLE } from './errors.ts';
import { ID } from './ids.ts';
import { defineOperation } from './operation.ts';
import { documentView } from './views.ts';

// Titles, notices and attachments frame a document; a clause with sub-clauses states its measures through them.
const FRAMING = new Set(['title', 'note', 'notice', 'attachment', 'preamble', 'closing']);
const measures = (clauses: IndexedClause[]): IndexedClause[] => {
  const parents = new Set(clauses.map((c) => c.parentId));
  return clauses.filter((c) => !FRAMING.has(c.kind) && !parents.has(c.id));
};

export const getImplementation = defineOperation({
  id: 'getImplementation',
  method: 'get',
  path: '/api/documents/{id}/implementation',
  tag: 'documents',
  summary: 'How a document implements another, measure by measure',
  description:
    'For each measure of the reference document `of` (its clauses without sub-clauses, framing left out), the clauses of document `{id}` that take it up, from the related-clause links of the index; an empty list means not taken up. `newClauses` are the measures of `{id}` that correspond to nothing in the reference. Judged against eval/related.yaml: "not taken up" right in 54 of 60 national-item × local-document judgements.',
  params: implementationPath,
  query: implementationQuery,
  output: ImplementationResponse,
  outputDescription: 'One row per measure of the reference, and the new measures of the document.',
  errors: { ...INVALID_PARAMETER, not_found: 'Either document does not exist.', ...UNAVAILABLE },
  async run({ runtime, signal }, { params, query }) {
    const ctx = searchContext(runtime);
    const doc = ID.test(params.id) ? ctx.catalog.byId.get(params.id) : undefined;
    const reference = ID.test(query.of) ? ctx.catalog.byId.get(query.of) : undefined;
    if (!doc || !reference) throw ApiError.notFound('document');
    const [own, theirs] = await engineWork(runtime, signal, () =>
      Promise.all([documentClauses(ctx, doc.id, { withRelated: true }), documentClauses(ctx, reference.id, { withRelated: true })]),
    );
    const ownMeasures = measures(own);
    const refMeasures = measures(theirs);
    const byId = new Map([...own, ...theirs].map((c) => [c.id, c]));
    const table = implementation(
      refMeasures.map((c) => c.id),
      ownMeasures.map((c) => c.id),
      (id) => byId.get(id)?.related ?? [],
    );
    const glossary = runtime.enricher.glossary;
    const view = (id: string) => clauseView(byId.get(id)!, glossary);
    return {
      document: documentView(doc),
      reference: documentView(reference),
      rows: table.rows.map((r) => ({
        clause: view(r.clauseId),
        implementedBy: r.implementedBy.map((l) => ({ clause: view(l.id), score: l.score, relation: l.relation })),
      })),
      newClauses: table.newClauses.map(view),
    };
  },
});
