// Errors the engine layer raises; callers branch on the class, users read the message.

const HINT = 'set MEILI_URL (and MEILI_MASTER_KEY) to use a running Meilisearch, or run `docker compose up`';

/** No embedded Meilisearch can run here (binary absent for this platform, or not executable). */
export class EngineUnavailableError extends Error {
  override name = 'EngineUnavailableError';
  constructor(detail: string, options?: ErrorOptions) {
    super(`no Meilisearch binary for ${process.platform}-${process.arch}; ${HINT} (${detail})`, options);
  }
}

/** The embedded engine did not come up (crash on start, timeout, lock held too long). */
export class EngineStartError extends Error {
  override name = 'EngineStartError';
}

/** A configured or recorded engine cannot be used (unreachable, key rejected, bad settings). */
export class EngineConnectError extends Error {
  override name = 'EngineConnectError';
}
