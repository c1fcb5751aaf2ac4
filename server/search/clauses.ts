// Reading clauses back from the index: a whole document in order, one clause, a term's occurrences.
import type { Glossary } from '../../glossary/types.ts';
import type { IndexedClause } from '../../indexer/search-documents.ts';
import { CLAUSE_DISPLAYED } from '../../indexer/settings.ts';
import type { ClauseView, ConcordanceLineView } from '../../shared/api-types.ts';
import { REQUEST_BUDGET } from '../../shared/limits.ts';
import { matchRanges } from '../query/highlight.ts';
import type { QueryPlan } from '../query/plan.ts';
import { namedEntries, translationView, type SearchContext } from './execute.ts';
import { quote } from './filters.ts';
import { pathSegments } from './path-segments.ts';

/**
 * What `plan` marks in a clause's Chinese, as a search hit marks it: the terms searched, and the glossary terms of
 * the clause an English query names.
 */
function chineseMatches(c: IndexedClause, glossary: Glossary, plan: QueryPlan): ClauseView['matches'] {
  const marks = [...plan.highlightTerms, ...namedEntries(c, plan, glossary).flatMap((e) => [e.zh, ...e.variants.zh])];
  return matchRanges(c.text, marks).map((r) => ({ start: r.start, length: r.end - r.start }));
}

/** A clause in full; with a `plan`, where that query matched its Chinese (`matches`) and its English (`translation.matches`). */
export function clauseView(c: IndexedClause, glossary: Glossary, plan: QueryPlan | null = null): ClauseView {
  return {
    id: c.id,
    docId: c.docId,
    ordinal: c.ordinal,
    kind: c.kind,
    depth: c.depth,
    parentId: c.parentId,
    path: { zh: c.path_zh, en: c.path_en },
    pathSegments: pathSegments({ zh: c.path_zh, en: c.path_en }),
    heading: c.heading,
    text: c.text,
    inferred: c.inferred,
    terms: c.termSpans.flatMap((s) => {
      const e = glossary.byId.get(s.entryId);
      return e ? [{ entryId: e.id, zh: e.zh, en: e.en, start: s.start, end: s.end }] : [];
    }),
    matches: plan ? chineseMatches(c, glossary, plan) : [],
    translation: translationView(c, plan),
    cites: c.citesDocs ?? [],
  };
}

/** Clauses of other documents citing `docId` by its number (at most one engine page). */
export async function citingClauses(
  ctx: SearchContext,
  docId: string,
): Promise<
  Array<{ clauseId: string; docId: string; path: { zh: string; en: string }; region: { zh: string; en: string }; title: { zh: string; en: string } }>
> {
  const res = await ctx.client.index<IndexedClause>(ctx.names.clauses).search('', {
    filter: `citesDocs = ${quote(docId)}`,
    sort: ['year:desc'],
    limit: 1000,
    attributesToRetrieve: ['id', 'docId', 'path_zh', 'path_en'],
  });
  return res.hits.flatMap((c) => {
    const doc = ctx.catalog.byId.get(c.docId);
    return doc ? [{ clauseId: c.id, docId: c.docId, path: { zh: c.path_zh, en: c.path_en }, region: doc.region, title: doc.title }] : [];
  });
}

// A reader's page needs no related-clause links (up to 8 per clause: ~1.5 MB more for the Civil Code's 1,260
// articles); the operations that show them ask for them.
const WITHOUT_RELATED = CLAUSE_DISPLAYED.filter((f) => f !== 'related');

async function allMatching(
  ctx: SearchContext,
  filter: string,
  sort: string[],
  attributes: readonly string[] = WITHOUT_RELATED,
  max: number = REQUEST_BUDGET.documentClauses,
): Promise<IndexedClause[]> {
  const out: IndexedClause[] = [];
  const pageSize = Math.min(1000, max);
  for (let offset = 0; offset < max; offset += pageSize) {
    const page = await ctx.client.index<IndexedClause>(ctx.names.clauses).search('', {
      filter,
      sort,
      limit: pageSize,
      offset,
      attributesToRetrieve: [...attributes],
    });
    out.push(...page.hits);
    if (page.hits.length < pageSize) break;
  }
  return out;
}

/** A document's clauses in order; `withRelated` adds their related-clause links. */
export function documentClauses(ctx: SearchContext, docId: string, opts: { withRelated?: boolean } = {}): Promise<IndexedClause[]> {
  return allMatching(ctx, `docId = ${quote(docId)}`, ['ordinal:asc'], opts.withRelated ? CLAUSE_DISPLAYED : WITHOUT_RELATED);
}

export async function clauseById(ctx: SearchContext, id: string): Promise<IndexedClause | null> {
  const res = await ctx.client.index<IndexedClause>(ctx.names.clauses).search('', {
    filter: `id = ${quote(id)}`,
    limit: 1,
    attributesToRetrieve: [...CLAUSE_DISPLAYED],
  });
  return res.hits[0] ?? null;
}

/**
 * Keyword-in-context lines of one glossary entry, from the positions stored at index time: the first `maxClauses`
 * clauses carrying it (newest documents first), one engine page; a common term in a large corpus has tens of
 * thousands.
 */
export async function concordance(
  ctx: SearchContext,
  entryId: string,
  width = 20,
  maxClauses: number = REQUEST_BUDGET.concordanceClauses,
): Promise<ConcordanceLineView[]> {
  const hits = await allMatching(ctx, `termIds = ${quote(entryId)}`, ['year:desc', 'ordinal:asc'], WITHOUT_RELATED, maxClauses);
  return hits.flatMap((c) =>
    c.termSpans
      .filter((s) => s.entryId === entryId)
      .map((s) => ({
        clauseId: c.id,
        docId: c.docId,
        path: { zh: c.path_zh, en: c.path_en },
        pathSegments: pathSegments({ zh: c.path_zh, en: c.path_en }),
        left: c.text.slice(Math.max(0, s.start - width), s.start),
        match: c.text.slice(s.start, s.end),
        right: c.text.slice(s.end, s.end + width),
      })),
  );
}

/** How many clauses carry each glossary entry, across the whole index: one count query per entry, sent together. */
export async function termOccurrences(ctx: SearchContext, entryIds: string[]): Promise<Map<string, number>> {
  const res = await ctx.client.multiSearch({
    queries: entryIds.map((id) => ({ indexUid: ctx.names.clauses, q: '', limit: 0, filter: `termIds = ${quote(id)}` })),
  });
  return new Map(res.results.map((r, i) => [entryIds[i]!, r.estimatedTotalHits ?? 0]));
}

/** Clauses by id, in the order asked (unknown ids left out); one engine query. */
export async function clausesByIds(ctx: SearchContext, ids: string[]): Promise<IndexedClause[]> {
  if (ids.length === 0) return [];
  const res = await ctx.client.index<IndexedClause>(ctx.names.clauses).search('', {
    filter: `id IN [${ids.map(quote).join(', ')}]`,
    limit: ids.length,
    attributesToRetrieve: [...CLAUSE_DISPLAYED],
  });
  const byId = new Map(res.hits.map((c) => [c.id, c]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}
