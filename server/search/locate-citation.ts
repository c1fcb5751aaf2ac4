// A query citing a clause (`Jiangxi Part II item 12`, `1586号 第十二条`): the cited clause, or "no such clause" and the
// nearest one. The citation is read by server/query/citation.ts and resolved by server/query/locate.ts; this adds the
// one engine query it costs: the outline (ids and paths) of the document named, only when a citation names one.
import type { IndexedClause } from '../../indexer/search-documents.ts';
import { HIT_FIELDS } from '../../indexer/settings.ts';
import { citedPath, parseCitation } from '../query/citation.ts';
import { locateClause, locateDocument } from '../query/locate.ts';
import type { SearchContext } from './execute.ts';
import { quote } from './filters.ts';
import { REQUEST_BUDGET } from '../../shared/limits.ts';

export interface CitationResult {
  docId: string;
  /** What the query cited, written as paths are (`二、（四十）` / `Part II, Item 40`). */
  cited: { zh: string; en: string };
  /** The cited clause, when the document has it. */
  clause: IndexedClause | null;
  /** Otherwise the nearest clause of the same kind (null when the document has none). */
  nearest: { id: string; path_zh: string; path_en: string } | null;
}

export async function locateCitation(ctx: SearchContext, q: string): Promise<CitationResult | null> {
  const citation = parseCitation(q);
  if (!citation) return null;
  const doc = locateDocument(citation.rest, ctx.catalog.documents);
  if (!doc) return null;
  const outline = await ctx.client.index<Pick<IndexedClause, 'id' | 'path_zh' | 'path_en'>>(ctx.names.clauses).search('', {
    filter: `docId = ${quote(doc.id)}`,
    sort: ['ordinal:asc'],
    limit: REQUEST_BUDGET.documentClauses,
    attributesToRetrieve: ['id', 'path_zh', 'path_en'],
  });
  const clauses = outline.hits.map((c) => ({ id: c.id, path: { zh: c.path_zh }, path_en: c.path_en }));
  const { clauseId, exact } = locateClause(citation.steps, clauses);
  const found = clauseId ? outline.hits.find((c) => c.id === clauseId)! : null;
  const cited = citedPath(citation.steps);
  if (!exact || !found) return { docId: doc.id, cited, clause: null, nearest: found };
  const full = await ctx.client
    .index<IndexedClause>(ctx.names.clauses)
    .search('', { filter: `id = ${quote(found.id)}`, limit: 1, attributesToRetrieve: [...HIT_FIELDS] });
  return { docId: doc.id, cited, clause: full.hits[0] ?? null, nearest: null };
}
