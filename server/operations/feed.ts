// GET /api/feed: any search followed as an Atom feed (the `feed` package writes the XML). The search is the one
// GET /api/search runs; its best matches are ordered newest document first, so a new policy on the topic comes
// first in a feed reader the day it is indexed (its clauses are entries with new ids).
import { Feed } from 'feed';
import { AtomFeed, FEED_MEDIA_TYPE, feedQuery, type FeedQuery } from '../../shared/contract/feed.ts';
import { FACET_NAMES } from '../../shared/facets.ts';
import { FEED_LIMITS } from '../../shared/limits.ts';
import type { SearchHit } from '../../shared/api-types.ts';
import { periodStart } from '../../indexer/validity.ts';
import { escapeHtml } from '../query/highlight.ts';
import { isHeavyPlan } from '../query/budget.ts';
import { executeSearch } from '../search/execute.ts';
import { engineWork, filtersFor, planFor, searchContext } from './context.ts';
import { INVALID_PARAMETER, UNAVAILABLE } from './errors.ts';
import { defineOperation } from './operation.ts';

/** Without a request origin (not over HTTP), links are made against this. */
const FALLBACK_ORIGIN = 'http://localhost';

/** The search's parameters as the page and this API write them (page: `/?q=…&region=…`). */
function searchParams(query: FeedQuery, withFeedOnly: boolean): URLSearchParams {
  const out = new URLSearchParams();
  if (query.q) out.set('q', query.q);
  for (const name of FACET_NAMES) for (const v of query[name] ?? []) out.append(name, v);
  if (withFeedOnly) {
    if (query.lang !== 'auto') out.set('lang', query.lang);
    if (query.limit !== FEED_LIMITS.defaultEntries) out.set('limit', String(query.limit));
  }
  return out;
}

/** A day number YYYYMMDD as a UTC date. */
function dayDate(day: number): Date {
  return new Date(Date.UTC(Math.floor(day / 10000), (Math.floor(day / 100) % 100) - 1, day % 100));
}

/** Newest document first (by issue date, undated last); the engine's ranking within a document and a date. */
export function newestFirst(hits: readonly SearchHit[]): SearchHit[] {
  const day = (h: SearchHit) => (h.doc.date ? periodStart(h.doc.date) : 0);
  return hits
    .map((h, i) => ({ h, i }))
    .sort((a, b) => day(b.h) - day(a.h) || a.i - b.i)
    .map(({ h }) => h);
}

function entryContent(hit: SearchHit): string {
  const zh = `<p lang="zh">${escapeHtml(hit.text)}</p>`;
  if (!hit.translation) return zh;
  return `<p lang="en">${escapeHtml(hit.translation.text)}</p><p><small>${hit.translation.provenance === 'official' ? 'Official translation.' : 'Unofficial translation; the Chinese text prevails.'}</small></p>${zh}`;
}

export const getFeed = defineOperation({
  id: 'getFeed',
  method: 'get',
  path: '/api/feed',
  tag: 'search',
  summary: 'Follow a search as an Atom feed',
  description:
    "The search `GET /api/search` runs for the same parameters (query and filters; no paging), as an Atom 1.0 feed for feed readers: one entry per matching clause, chosen among the best matches and ordered newest document first (by issue date). Each entry's id and link are the clause's permalink in the reader (`/documents/{docId}#{clauseId}`), its title the document's English title and the clause's path, its summary the clause's English (or Chinese where it has no translation) and its content both. Links are absolute, against the host the request came to. Errors are JSON in the error shape, as for the search.",
  query: feedQuery,
  output: AtomFeed,
  mediaType: FEED_MEDIA_TYPE,
  represent: (out) => ({ contentType: FEED_MEDIA_TYPE, body: out }),
  outputDescription: 'The Atom feed (`application/atom+xml`).',
  errors: { invalid_parameter: `${INVALID_PARAMETER.invalid_parameter} Or a filter names a value that does not exist.`, ...UNAVAILABLE },
  async run({ runtime, signal, origin = FALLBACK_ORIGIN }, { query }) {
    const ctx = searchContext(runtime);
    const filters = filtersFor(runtime, ctx, query);
    const plan = planFor(runtime, ctx, query.q ?? '', query.lang);
    const result = await engineWork(
      runtime,
      signal,
      // A feed shows no facets: the engine need not count them.
      () => executeSearch(ctx, { plan, filters, limit: FEED_LIMITS.candidates, offset: 0, facets: false }),
      isHeavyPlan(plan) ? 'heavy' : 'ordinary',
    );
    const builtAt = new Date(runtime.status().index?.builtAt ?? 0);
    const page = `${origin}/?${searchParams(query, false)}`;
    const self = `${origin}/api/feed?${searchParams(query, true)}`;
    const feed = new Feed({
      id: self,
      title: `policy-search: ${query.q || 'all clauses'}`,
      description:
        'Clauses of Chinese policy documents matching a search, newest documents first. English translations are unofficial; the Chinese text prevails.',
      link: page,
      feedLinks: { atom: self },
      language: 'en',
      updated: builtAt,
      copyright: 'Chinese texts as published by their issuers; translations unofficial.',
    });
    for (const hit of newestFirst(result.hits).slice(0, query.limit)) {
      const link = `${origin}/documents/${encodeURIComponent(hit.docId)}#${encodeURIComponent(hit.id)}`;
      const doc = ctx.catalog.byId.get(hit.docId);
      const date = hit.doc.date ? dayDate(periodStart(hit.doc.date)) : builtAt;
      feed.addItem({
        id: link,
        link,
        title: `${hit.doc.title.en}${hit.path.en ? `, ${hit.path.en}` : ''}`,
        description: hit.translation?.text ?? hit.text,
        content: entryContent(hit),
        date,
        published: date,
        author: (doc?.issuer ?? []).map((i) => ({ name: i.en })),
        category: [{ term: hit.doc.status, name: hit.doc.status }],
      });
    }
    return feed.atom1();
  },
});
