// GET /api/documents, /api/documents/{id}, /api/clauses/{id}: documents and clauses.
import { z } from 'zod';
import { REQUEST_BUDGET } from '../limits.ts';
import {
  Bilingual,
  ClauseKind,
  ClauseTranslationView,
  count,
  DocumentTranslationView,
  IssueDate,
  Level,
  DocStatus,
  MatchRange,
  Status,
  pathSegments,
} from './common.ts';
import { noQuery, pathParam, scalar } from './params.ts';
import { component } from './registry.ts';

const d = (description: string) => ({ description });

const period = (what: string) =>
  IssueDate.meta(d(`${what} of the period the text states it applies to (inclusive), at the precision it gives; null when it states none.`));

export const Validity = component(
  'Validity',
  z.object({
    editorial: Status.meta(d('`final` or `draft`, as published.')),
    from: period('First day'),
    until: period('Last day'),
    supersededBy: z.string().nullable().meta(d('The document replacing this one: a document id of this corpus, or its number or title.')),
    supersedes: z.array(z.string()).meta(d('Documents this one replaces (ids, numbers or titles).')),
    note: z.string().nullable().meta(d('Where the period comes from in the text.')),
  }),
  'What `status` is derived from.',
);
export type Validity = z.infer<typeof Validity>;

const docSummaryShape = {
  id: z.string(),
  title: Bilingual,
  region: Bilingual,
  level: Level,
  date: IssueDate,
  docNumber: z.string().nullable().meta(d('Document number (文号), e.g. `发改外资〔2022〕1586号`.')),
  status: DocStatus,
  validity: Validity,
  translation: DocumentTranslationView.nullable(),
};

export const DocSummary = component('DocSummary', z.object(docSummaryShape), 'A document, as shown beside each hit.');
export type DocSummary = z.infer<typeof DocSummary>;

export const DocumentView = component(
  'Document',
  z.object({
    ...docSummaryShape,
    issuer: z.array(Bilingual).min(1).meta(d('Issuing authorities.')),
    source: z.string().nullable().meta(d('Where the text was published (a URL).')),
    clauseCount: count(),
  }),
  "A document's metadata.",
);
export type DocumentView = z.infer<typeof DocumentView>;

export const ClauseView = component(
  'ClauseView',
  z.object({
    id: z.string(),
    docId: z.string(),
    ordinal: count().meta(d('0-based position in the document.')),
    kind: ClauseKind,
    depth: count().meta(d('Depth in the clause tree, 0 for top-level clauses.')),
    parentId: z.string().nullable().meta(d('The enclosing clause.')),
    path: Bilingual,
    pathSegments: pathSegments(),
    heading: z.string().nullable(),
    text: z.string().meta(d('Full original Chinese text.')),
    inferred: z.boolean().meta(d("True when the clause's number is missing in the source and was inferred from its neighbours.")),
    terms: z
      .array(
        z.object({
          entryId: z.string(),
          zh: z.string(),
          en: z.string(),
          start: count().meta(d('Offset into `text` in UTF-16 code units (JavaScript string indices), inclusive.')),
          end: count().meta(d('Exclusive end offset.')),
        }),
      )
      .meta(d('Every glossary term occurrence in `text`, overlapping ones included (`外资准入负面清单` also holds `负面清单`).')),
    matches: z
      .array(MatchRange)
      .meta(
        d(
          'Every run of `text` the query matched, in text order (the Chinese marks of a search hit, over the whole text): set by `GET /api/documents/{id}?q=`, [] elsewhere. The English runs are in `translation.matches`.',
        ),
      ),
    translation: ClauseTranslationView.nullable(),
    cites: z.array(z.string()).meta(d('Ids of the corpus documents this clause cites by document number (`1586号` in full).')),
  }),
  'A clause in full.',
);
export type ClauseView = z.infer<typeof ClauseView>;

export const DocumentListResponse = component('DocumentListResponse', z.object({ documents: z.array(DocumentView) }));
export type DocumentListResponse = z.infer<typeof DocumentListResponse>;

export const CitingClause = component(
  'CitingClause',
  z.object({ clauseId: z.string(), docId: z.string(), path: Bilingual, region: Bilingual, title: Bilingual }),
  'A clause of another document that cites this one by its document number.',
);

export const DocumentResponse = component(
  'DocumentResponse',
  z.object({
    document: DocumentView,
    clauses: z.array(ClauseView),
    citedBy: z.array(CitingClause).meta(d('Clauses of other documents citing this one, newest documents first (at most 1000).')),
    query: z.string().nullable().meta(d('The `q` whose matches `clauses[].matches` and `clauses[].translation.matches` hold (trimmed); null without one.')),
  }),
);
export type DocumentResponse = z.infer<typeof DocumentResponse>;

export const ClauseResponse = component('ClauseResponse', z.object({ clause: ClauseView, document: DocumentView }));
export type ClauseResponse = z.infer<typeof ClauseResponse>;

export const documentListQuery = noQuery;
export const documentQuery = z.object({
  q: scalar('q', {
    maxLength: REQUEST_BUDGET.queryChars,
    description:
      "A search query (as `GET /api/search` takes it, at most 200 characters) whose matches to mark: it is planned as the search plans it, and each clause's `matches` and `translation.matches` say where it matched (the Chinese forms of the concepts searched and the query's tokens and phrases in the Chinese; the query's words by stem and the concepts' renderings in the English). Absent or blank: no matches. The clauses are the same either way.",
  }).optional(),
});
export const documentPath = z.object({
  id: pathParam('Document id, a lower-case slug. Anything that is not 1–200 characters of `A–Z a–z 0–9 _ -` cannot exist and is answered with 404.'),
});
export const clausePath = z.object({
  id: pathParam(
    "Clause id: the document id and the clause's path key joined by `--` (`…--p1-i2` is Part I, Item 2). Stable across re-indexing. Anything that is not 1–200 characters of `A–Z a–z 0–9 _ -` is answered with 404.",
  ),
});
