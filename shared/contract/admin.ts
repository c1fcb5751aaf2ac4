// POST /api/admin/reindex: rebuild the index from the corpus.
import { z } from 'zod';
import { count } from './common.ts';
import { component } from './registry.ts';

export const ReindexBody = component(
  'ReindexRequest',
  z.strictObject({ force: z.boolean().optional().meta({ description: 'Rebuild even when nothing changed (default false).' }) }),
);
export type ReindexBody = z.infer<typeof ReindexBody>;
/** What a 400 says the body should have been. */
export const REINDEX_BODY_EXPECTED = '{ "force": boolean } (optional)';

export const ReindexResponse = component(
  'ReindexResponse',
  z.object({
    status: z
      .enum(['indexed', 'unchanged', 'dry-run'])
      .meta({ description: '`unchanged` when the corpus, glossary and settings match the live index and `force` was not set.' }),
    documents: count(),
    clauses: count(),
    seconds: z.number().min(0),
  }),
);
export type ReindexResponse = z.infer<typeof ReindexResponse>;
