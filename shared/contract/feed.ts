// GET /api/feed: a search followed as an Atom feed.
import { z } from 'zod';
import { FEED_LIMITS } from '../limits.ts';
import { int } from './params.ts';
import { component } from './registry.ts';
import { searchQuery } from './search.ts';

export const FEED_MEDIA_TYPE = 'application/atom+xml';

export const AtomFeed = component(
  'AtomFeed',
  z.string(),
  'An Atom 1.0 document (RFC 4287): one entry per matching clause, newest documents first; each entry links to the clause in the reader (its id), carries the English (unofficial, the Chinese text prevails) and the Chinese text.',
);

/** The search's parameters, without paging: a feed is always its newest entries. */
export const feedQuery = searchQuery.omit({ offset: true, limit: true }).extend({
  limit: int('limit', {
    min: 1,
    max: FEED_LIMITS.maxEntries,
    description: `Entries, as a plain decimal integer (default ${FEED_LIMITS.defaultEntries}). They are chosen among the ${FEED_LIMITS.candidates} best matches, then ordered newest document first.`,
  }).default(FEED_LIMITS.defaultEntries),
});
export type FeedQuery = z.infer<typeof feedQuery>;
