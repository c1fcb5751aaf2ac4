// Comparing documents: a clause's related clauses in other documents, two clauses side by side with a word diff,
// and how one document implements another (GET /api/clauses/{id}/related, /api/compare, /api/documents/{id}/implementation).
import { z } from 'zod';
import { DocSummary, ClauseView, DocumentView } from './documents.ts';
import { pathParam, scalar } from './params.ts';
import { component } from './registry.ts';

const d = (description: string) => ({ description });

export const Relation = z.enum(['same', 'related']).meta(d('`same`: the clauses state the same measure; `related`: they touch the same subject.'));

export const RelatedClause = component(
  'RelatedClause',
  z.object({
    clause: ClauseView,
    document: DocSummary,
    score: z.number().min(0).meta(d('Similarity of the two clauses (0–1): jieba words, English stems and glossary concepts.')),
    relation: Relation,
    sharedTerms: z.array(z.object({ entryId: z.string(), zh: z.string(), en: z.string() })).meta(d('Glossary entries both clauses carry, rarest first.')),
  }),
  'A clause of another document that restates or implements the same measure.',
);
export type RelatedClause = z.infer<typeof RelatedClause>;

export const RelatedResponse = component(
  'RelatedResponse',
  z.object({ clause: ClauseView, document: DocSummary, related: z.array(RelatedClause).meta(d('Best first; computed when the index was built.')) }),
);
export type RelatedResponse = z.infer<typeof RelatedResponse>;

export const DiffPart = component(
  'DiffPart',
  z.object({
    op: z.enum(['same', 'added', 'removed']).meta(d('`removed`: only in `a`; `added`: only in `b`.')),
    text: z.string().min(1),
  }),
  "A run of jieba words. The `same` and `removed` parts joined give `a`'s text; `same` and `added` give `b`'s.",
);
export type DiffPart = z.infer<typeof DiffPart>;

const Side = z.object({ clause: ClauseView, document: DocSummary });

export const CompareResponse = component(
  'CompareResponse',
  z.object({
    a: Side,
    b: Side,
    diff: z.array(DiffPart).meta(d('Word-level diff of the Chinese texts, from `a` to `b`.')),
    sameShare: z.number().min(0).max(1).meta(d('Share of the two texts they have in common (1: identical).')),
  }),
);
export type CompareResponse = z.infer<typeof CompareResponse>;

export const compareQuery = z.object({
  a: scalar('a', { minLength: 1, description: 'Clause id of the left side.' }),
  b: scalar('b', { minLength: 1, description: 'Clause id of the right side.' }),
});

export const ImplementationRow = component(
  'ImplementationRow',
  z.object({
    clause: ClauseView.meta(d('A clause of the reference document.')),
    implementedBy: z
      .array(z.object({ clause: ClauseView, score: z.number().min(0), relation: Relation }))
      .meta(d('Clauses of the document that take it up, best first; empty: not taken up.')),
  }),
);

export const ImplementationResponse = component(
  'ImplementationResponse',
  z.object({
    document: DocumentView.meta(d('The implementing document (`{id}`).')),
    reference: DocumentView.meta(d('The document implemented (`of`).')),
    rows: z.array(ImplementationRow).meta(d('One per clause of the reference document that states a measure, in document order.')),
    newClauses: z.array(ClauseView).meta(d('Clauses of the document that take up nothing of the reference (new measures), in document order.')),
  }),
);
export type ImplementationResponse = z.infer<typeof ImplementationResponse>;

export const implementationPath = z.object({ id: pathParam('Id of the implementing document.') });
export const implementationQuery = z.object({ of: scalar('of', { minLength: 1, description: 'Id of the reference document (e.g. the national measures).' }) });
