// GET /api/documents, /api/documents/:id(/implementation), /api/clauses/:id(/related) and /api/compare (server/operations/).
import { Router } from 'express';
import { compareClauses } from '../operations/compare.ts';
import { getClause } from '../operations/get-clause.ts';
import { getDocument } from '../operations/get-document.ts';
import { getImplementation } from '../operations/get-implementation.ts';
import { getRelated } from '../operations/get-related.ts';
import { listDocuments } from '../operations/list-documents.ts';
import type { Runtime } from '../runtime.ts';
import { mount } from './adapter.ts';

export function documentsRouter(runtime: Runtime): Router {
  const router = Router();
  for (const op of [listDocuments, getDocument, getImplementation, getClause, getRelated, compareClauses]) mount(router, runtime, op);
  return router;
}
