// GET /api/health: 200 when the engine answers and an index is served, 503 in the error shape otherwise. The 200
// carries details: the index served, the last build (a failed rebuild or skipped documents show here while the
// last good index goes on serving) and the engine gate's load.
import { HealthResponse } from '../../shared/contract/health.ts';
import { ApiError } from '../http/errors.ts';
import { defineOperation } from './operation.ts';

export const getHealth = defineOperation({
  id: 'getHealth',
  method: 'get',
  path: '/api/health',
  tag: 'service',
  summary: 'Service health',
  description:
    '200 when the search engine answers and an index is served, with details: the index served, how the last build of this server went (a failed rebuild or documents skipped for errors show here while the last good index goes on serving) and the load on the engine gate. 503 otherwise (`engine_unavailable` is checked first). The health check itself does not queue behind searches. Takes no parameters of its own and ignores unknown ones.',
  output: HealthResponse,
  outputDescription: 'Ready.',
  errors: { engine_unavailable: 'The search engine does not answer.', index_not_ready: 'No index is served yet.' },
  noStore: true,
  async run({ runtime }) {
    if (!(await runtime.engineHealthy())) throw ApiError.unavailable('engine_unavailable');
    if (!runtime.search()) throw ApiError.unavailable('index_not_ready');
    return { status: 'ok' as const, details: runtime.status() };
  },
});
