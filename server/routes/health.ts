// GET /api/health: 200 when the engine answers and an index is served, 503 in the error shape otherwise. The 200
// carries details: the index served, the last build (a failed rebuild or skipped documents show here while the
// last good index goes on serving) and the engine gate's load.
import { Router } from 'express';
import { ApiError } from '../http/errors.ts';
import type { Runtime } from '../runtime.ts';

export function healthRouter(runtime: Runtime): Router {
  const router = Router();
  router.get('/health', async (_req, res) => {
    if (!(await runtime.engineHealthy())) throw ApiError.unavailable('engine_unavailable');
    if (!runtime.search()) throw ApiError.unavailable('index_not_ready');
    res.set('Cache-Control', 'no-store').json({ status: 'ok', details: runtime.status() });
  });
  return router;
}
