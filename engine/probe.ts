// Talks to an engine with a bounded timeout and says whether it answers and accepts a key.
import { Meilisearch, MeilisearchApiError } from 'meilisearch';

/** A client whose every call gives up after `timeoutMs`; an empty key means an engine without authentication. */
export function engineClient(url: string, apiKey: string, timeoutMs: number): Meilisearch {
  return new Meilisearch({ host: url, ...(apiKey === '' ? {} : { apiKey }), timeout: timeoutMs });
}

export type ProbeResult =
  | { status: 'ok' }
  | { status: 'unreachable'; reason: string }
  | { status: 'rejected'; reason: string };

/**
 * Checks that the engine at `url` answers and that `masterKey` may manage keys there (listing keys needs the
 * master key); with an empty key, that the engine serves unauthenticated requests.
 */
export async function probeEngine(url: string, masterKey: string, timeoutMs: number): Promise<ProbeResult> {
  const client = engineClient(url, masterKey, timeoutMs);
  try {
    if (masterKey === '') await client.getVersion();
    else await client.getKeys({ limit: 1 });
    return { status: 'ok' };
  } catch (error) {
    if (error instanceof MeilisearchApiError) return { status: 'rejected', reason: error.message };
    const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return { status: 'unreachable', reason: `${error instanceof Error ? error.message : String(error)}${cause}` };
  }
}
