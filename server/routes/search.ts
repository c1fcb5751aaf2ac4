// GET /api/search and /api/feed (server/operations/search.ts, feed.ts).
import { Router } from 'express';
import { getFeed } from '../operations/feed.ts';
import { search } from '../operations/search.ts';
import type { Runtime } from '../runtime.ts';
import { mount } from './adapter.ts';

export function searchRouter(runtime: Runtime): Router {
  const router = Router();
  mount(router, runtime, search);
  mount(router, runtime, getFeed);
  return router;
}
