import { Meilisearch } from 'meilisearch';

/** A client whose every request times out, so an unreachable engine fails fast instead of hanging. */
export function meiliClient(host: string, apiKey: string, timeoutMs = 5000): Meilisearch {
  return new Meilisearch({ host, apiKey, timeout: timeoutMs, defaultWaitOptions: { timeout: 600_000, interval: 100 } });
}
