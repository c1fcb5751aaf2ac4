// GET /api/openapi.json: the API contract, generated from the operation registry (server/operations/openapi.ts).
import { Router } from 'express';
import { openApiDocument } from '../operations/openapi.ts';

export function openapiRouter(): Router {
  const router = Router();
  router.get('/openapi.json', (_req, res) => {
    res.json(openApiDocument());
  });
  return router;
}
