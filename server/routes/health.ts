// GET /api/health (server/operations/get-health.ts).
import { Router } from 'express';
import { getHealth } from '../operations/get-health.ts';
import type { Runtime } from '../runtime.ts';
import { mount } from './adapter.ts';

export function healthRouter(runtime: Runtime): Router {
  const router = Router();
  mount(router, runtime, getHealth);
  return router;
}
