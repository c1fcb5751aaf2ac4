// GET /api/clauses/{id}/related: the clauses of other documents that restate or implement the same measure.
import { clausePath } from '../../shared/contract/documents.ts';
import { RelatedResponse } from '../../shared/contract/compare.ts';
import { noQuery } from '../../shared/contract/params.ts';
import { ApiError } from '../http/errors.ts';
import { docSummary } from '../search/catalog.ts';
import { clauseById, clausesByIds, clauseView } from '../search/clauses.ts';
import { engineWork, searchContext } from './context.ts';
import { INVALID_PARAMETER, UNAVAILABLE } from './errors.ts';
import { ID } from './ids.ts';
import { defineOperation } from './operation.ts';

export const getRelated = defineOperation({
  id: 'getRelated',
  method: 'get',
  path: '/api/clauses/{id}/related',
  tag: 'documents',
  summary: 'Clauses of other documents stating the same measure',
  description:
    "Computed when the index is built: for each clause, the clauses of the other documents most alike in jieba words, English stems and glossary concepts, each other document's best match first. `same` marks a restatement (Jiangxi 二、（十二） of national 二、（十）), `related` a clause on the same subject. Measured against a gold set read from the documents (eval/related.yaml; docs/benchmarks.md).",
  params: clausePath,
  query: noQuery,
  output: RelatedResponse,
  outputDescription: 'The clause and its related clauses, best first.',
  errors: { ...INVALID_PARAMETER, not_found: 'No clause has this id.', ...UNAVAILABLE },
  async run({ runtime, signal }, { params }) {
    const ctx = searchContext(runtime);
    const glossary = runtime.enricher.glossary;
    return engineWork(runtime, signal, async () => {
      const clause = ID.test(params.id) ? await clauseById(ctx, params.id) : null;
      const doc = clause ? ctx.catalog.byId.get(clause.docId) : undefined;
      if (!clause || !doc) throw ApiError.notFound('clause');
      const links = clause.related ?? [];
      const others = new Map(
        (
          await clausesByIds(
            ctx,
            links.map((l) => l.id),
          )
        ).map((c) => [c.id, c]),
      );
      const related = links.flatMap((l) => {
        const other = others.get(l.id);
        const otherDoc = other ? ctx.catalog.byId.get(other.docId) : undefined;
        if (!other || !otherDoc) return [];
        const sharedTerms = l.sharedTerms.flatMap((id) => {
          const e = glossary.byId.get(id);
          return e ? [{ entryId: e.id, zh: e.zh, en: e.en }] : [];
        });
        return [{ clause: clauseView(other, glossary), document: docSummary(otherDoc), score: l.score, relation: l.relation, sharedTerms }];
      });
      return { clause: clauseView(clause, glossary), document: docSummary(doc), related };
    });
  },
});
