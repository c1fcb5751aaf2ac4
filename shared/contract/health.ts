// GET /api/health: the index served, the last build and the engine gate's load.
import { z } from 'zod';
import { count } from './common.ts';
import { component } from './registry.ts';

const d = (description: string) => ({ description });
const dateTime = () => z.iso.datetime();

export const BuildReport = z.object({
  status: z.enum(['indexed', 'unchanged', 'failed']),
  at: dateTime().meta(d('When it ended.')),
  skipped: count().meta(d('Documents left out for errors.')),
  errors: count().meta(d('Error-level problems; the server log names each file.')),
  error: z.string().optional().meta(d('Why a failed build failed (first line).')),
});
export type BuildReport = z.infer<typeof BuildReport>;

export const GateStats = z
  .object({
    running: count().meta(d('Requests doing engine work now, both lanes.')),
    queued: count().meta(d('Requests waiting for a slot now, both lanes.')),
    rejected: count().meta(d('Requests answered 503 `overloaded` since start.')),
    heavy: z.object({ running: count(), queued: count() }).meta(d("The expensive requests' lane alone.")),
  })
  .meta(d('The gate in front of the engine: ordinary requests and, in a lane of their own, expensive ones (more than 6 federated queries, concordances).'));
export type GateStats = z.infer<typeof GateStats>;

export const RuntimeStatus = z.object({
  index: z
    .object({
      contentHash: z.string().meta(d('First 12 hex digits of the content hash (corpus, glossary, settings).')),
      documents: count(),
      clauses: count(),
      builtAt: dateTime(),
      skipped: count().meta(d('Documents of the corpus left out of this index for errors.')),
    })
    .nullable()
    .meta(d('The index served (null cannot occur in a 200).')),
  build: z.object({
    running: z.boolean(),
    last: BuildReport.nullable().meta(d('The last build of this server process (start-up, retry or admin); null before the first ends.')),
    nextRetryAt: dateTime().nullable().meta(d('When a failed start-up build is tried again (backoff from 5 s to 5 min).')),
  }),
  engine: GateStats,
});
export type RuntimeStatus = z.infer<typeof RuntimeStatus>;

export const HealthResponse = component('HealthResponse', z.object({ status: z.literal('ok'), details: RuntimeStatus }));
export type HealthResponse = z.infer<typeof HealthResponse>;
