// GET /api/documents, /api/documents/:id and /api/clauses/:id (server/operations/).
import { Router } from 'express';
import { getClause } from '../operations/get-clause.ts';
import { getDocument } from '../operations/get-document.ts';
import { listDocuments } from '../operations/list-documents.ts';
import type { Runtime } from '../runtime.ts';
import { mount } from './adapter.ts';

export function documentsRouter(runtime: Runtime): Router {
  const router = Router();
  for (const op of [listDocuments, getDocument, getClause]) mount(router, runtime, op);
  return router;
}
