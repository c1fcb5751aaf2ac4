// GET /api/search (server/operations/search.ts).
import { Router } from 'express';
import { search } from '../operations/search.ts';
import type { Runtime } from '../runtime.ts';
import { mount } from './adapter.ts';

export function searchRouter(runtime: Runtime): Router {
  const router = Router();
  mount(router, runtime, search);
  return router;
}
