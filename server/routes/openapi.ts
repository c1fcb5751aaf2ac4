// GET /api/openapi.json: the API contract, maintained by hand beside the routes.
import { readFileSync } from 'node:fs';
import { Router } from 'express';

const spec: unknown = JSON.parse(readFileSync(new URL('../openapi.json', import.meta.url), 'utf8'));

export function openapiRouter(): Router {
  const router = Router();
  router.get('/openapi.json', (_req, res) => {
    res.json(spec);
  });
  return router;
}
