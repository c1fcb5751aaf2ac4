// POST /api/admin/reindex: rebuilds the live index from the corpus (Authorization: Bearer <ADMIN_TOKEN>).
// Answers when the new index has been swapped in; searches keep being served from the old one meanwhile.
import { Router } from 'express';
import { z } from 'zod';
import type { AppConfig } from '../config.ts';
import { ApiError } from '../http/errors.ts';
import { adminGuard } from '../http/security.ts';
import { ReindexBusyError, type Runtime } from '../runtime.ts';
import { engineCall } from './context.ts';

const reindexBody = z.strictObject({ force: z.boolean().optional() });
const EXPECTED_BODY = '{ "force": boolean } (optional)';

export interface ReindexResponse {
  status: 'indexed' | 'unchanged' | 'dry-run';
  documents: number;
  clauses: number;
  seconds: number;
}

export function adminRouter(runtime: Runtime, config: Pick<AppConfig, 'adminToken'>): Router {
  const router = Router();
  router.post('/admin/reindex', ...adminGuard(config), async (req, res) => {
    // An empty body means defaults; a non-JSON one is never parsed, so it cannot silently mean defaults.
    if (req.is('application/json') === false) throw new ApiError('unsupported_media_type', 'errors.unsupported_media_type');
    const parsed = reindexBody.safeParse(req.body ?? {});
    if (!parsed.success) throw new ApiError('bad_request', 'errors.invalid_body', { expected: EXPECTED_BODY });
    try {
      const summary = await engineCall(() => runtime.reindex(parsed.data.force ?? false));
      const body: ReindexResponse = {
        status: summary.status,
        documents: summary.documents,
        clauses: summary.clauses,
        seconds: Number(summary.seconds.toFixed(2)),
      };
      res.set('Cache-Control', 'no-store').json(body);
    } catch (error) {
      if (error instanceof ReindexBusyError) throw new ApiError('conflict', 'errors.conflict.reindex_running');
      throw error;
    }
  });
  return router;
}
