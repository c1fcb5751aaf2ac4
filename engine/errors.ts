// Errors the engine layer raises; callers branch on the class, users read the message.

/** No embedded Meilisearch can run here (binary absent for this platform, or not executable). */
export class EngineUnavailableError extends Error {
  override name = 'EngineUnavailableError';
  constructor(detail: string, options?: ErrorOptions) {
    const hint = 'set MEILI_URL (and MEILI_MASTER_KEY) to use a running Meilisearch, or run `docker compose up`';
    super(`no Meilisearch binary for ${process.platform}-${process.arch}; ${hint} (${detail})`, options);
  }
}

/** The embedded engine did not come up (crash on start, timeout). */
export class EngineStartError extends Error {
  override name = 'EngineStartError';
}

/** A configured or recorded engine cannot be used (unreachable, key rejected, bad settings, folder locked). */
export class EngineConnectError extends Error {
  override name = 'EngineConnectError';
}
