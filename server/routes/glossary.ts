// GET /api/glossary and /api/glossary/:id (server/operations/).
import { Router } from 'express';
import { getGlossaryEntry } from '../operations/get-glossary-entry.ts';
import { listGlossary } from '../operations/list-glossary.ts';
import type { Runtime } from '../runtime.ts';
import { mount } from './adapter.ts';

export function glossaryRouter(runtime: Runtime): Router {
  const router = Router();
  for (const op of [listGlossary, getGlossaryEntry]) mount(router, runtime, op);
  return router;
}
