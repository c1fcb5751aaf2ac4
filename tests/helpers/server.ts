// Starts the real service for a test (see server/private.ts) and reads its JSON. Integration tests share the run's
// one engine (tests/helpers/engine.ts): each server works under an index prefix of its own unless given one.
import type { EngineHandle } from '../../engine/connect.ts';
import { startPrivateServer, type PrivateServer, type PrivateServerOptions } from '../../server/private.ts';
import { dropFilePrefixes, dropPrefix, seedPrefix, seedReady, sharedEngine, testPrefix } from './engine.ts';

export type TestServer = PrivateServer;
export type TestServerOptions = PrivateServerOptions;

/**
 * The shared engine for this test file: index only under `testPrefix()` prefixes. dataDir is '' (the engine's folder
 * is not the file's); cleanup drops this file's indexes and leaves the engine running.
 */
export async function startTestEngine(): Promise<{ engine: EngineHandle; dataDir: string; cleanup(): Promise<void> }> {
  return { engine: await sharedEngine(), dataDir: '', cleanup: dropFilePrefixes };
}

/**
 * The real server on 127.0.0.1:0 over the shared engine (or `options.engine`), the seed corpus (or `options.corpus`)
 * indexed under a fresh prefix of this file unless `options.prefix` names one; close() drops a fresh prefix.
 * With `prefix: seedPrefix()` the run's read-only seed index is served as is (no build).
 */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const prefix = options.prefix ?? testPrefix();
  // Over the seed index the server's start-up check finds it current and writes nothing.
  if (prefix === seedPrefix()) await seedReady();
  const running = await startPrivateServer({
    ...options,
    engine: options.engine ?? (await sharedEngine(options.logger)),
    prefix,
  });
  return {
    ...running,
    close: async () => {
      await running.close();
      if (options.prefix === undefined) await dropPrefix(prefix);
    },
  };
}

/** GET a JSON resource of a test server: status and parsed body. */
export async function getJson(baseUrl: string, path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: any }> {
  const res = await fetch(new URL(path, baseUrl), { headers });
  return { status: res.status, body: await res.json() };
}
