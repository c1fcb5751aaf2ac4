// POST /api/admin/reindex, POST /api/admin/documents and DELETE /api/admin/documents/:id behind the admin token (Authorization: Bearer <ADMIN_TOKEN>); see server/operations/reindex.ts.
import { Router } from 'express';
import type { AppConfig } from '../config.ts';
import { adminGuard } from '../http/security.ts';
import { addDocument, deleteDocument } from '../operations/documents-admin.ts';
import { reindex } from '../operations/reindex.ts';
import type { Runtime } from '../runtime.ts';
import { mount } from './adapter.ts';

export type { ReindexResponse } from '../../shared/contract/admin.ts';

export function adminRouter(runtime: Runtime, config: Pick<AppConfig, 'adminToken'>): Router {
  const router = Router();
  mount(router, runtime, reindex, ...adminGuard(config));
  mount(router, runtime, addDocument, ...adminGuard(config));
  mount(router, runtime, deleteDocument, ...adminGuard(config));
  return router;
}
