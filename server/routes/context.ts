import { isEngineError, meiliErrorCode } from '../../indexer/meili-client.ts';
import { ApiError } from '../http/errors.ts';
import type { Runtime } from '../runtime.ts';
import type { SearchContext } from '../search/execute.ts';

/** The live index's search context, or a 503 index_not_ready while it is being built. */
export function searchContext(runtime: Runtime): SearchContext {
  const ctx = runtime.search();
  if (!ctx) throw ApiError.unavailable('index_not_ready');
  return ctx;
}

/**
 * Runs an engine call; an engine that is down, slow or failing becomes a 503, never a hang (requests
 * time out in the client). Our own bugs stay 500s.
 */
export async function engineCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof ApiError) throw error;
    if (meiliErrorCode(error) === 'index_not_found') throw ApiError.unavailable('index_not_ready', error);
    if (isEngineError(error)) throw ApiError.unavailable('engine_unavailable', error);
    throw error;
  }
}
