// Starts the real service for a test: a private embedded Meilisearch (temp data dir, free port),
// the seed corpus indexed through the real pipeline, and the Express server on 127.0.0.1:0.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type AppConfig } from '../../server/config.ts';
import { connectEngine, type EngineHandle } from '../../server/engine/connect.ts';
import { logger as defaultLogger, type Logger } from '../../server/logger.ts';
import type { GateLimits } from '../../server/search/engine-gate.ts';
import { startServer, type RunningServer } from '../../server/server.ts';

export interface TestServer extends RunningServer {
  engine: EngineHandle;
  dataDir: string;
}

export interface TestServerOptions {
  config?: Partial<AppConfig>;
  corpus?: string;
  glossaryDir?: string;
  /** Share an engine started by the caller instead of a private one. */
  engine?: EngineHandle;
  prefix?: string;
  refreshMs?: number;
  /** Where the server logs (default: the silent test logger). */
  logger?: Logger;
  /** Engine gate limits (default ENGINE_LIMITS). */
  engineLimits?: GateLimits;
}

export async function startTestEngine(): Promise<{ engine: EngineHandle; dataDir: string; cleanup(): Promise<void> }> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'policy-search-test-'));
  const engine = await connectEngine({ dataDir, supervise: false, logger: defaultLogger });
  return {
    engine,
    dataDir,
    cleanup: async () => {
      await engine.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const own = options.engine ? null : await startTestEngine();
  const engine = options.engine ?? own!.engine;
  const config: AppConfig = { ...loadConfig({}), port: 0, host: '127.0.0.1', rateLimitPerMinute: 0, ...options.config };
  const running = await startServer(config, options.logger ?? defaultLogger, {
    engine,
    corpus: options.corpus,
    glossaryDir: options.glossaryDir,
    prefix: options.prefix,
    refreshMs: options.refreshMs,
    engineLimits: options.engineLimits,
  });
  await running.runtime.ready;
  return {
    ...running,
    url: running.url.replace('localhost', '127.0.0.1'),
    engine,
    dataDir: own?.dataDir ?? '',
    close: async () => {
      await running.close();
      await own?.cleanup();
    },
  };
}

/** GET a JSON resource of a test server: status and parsed body. */
export async function getJson(baseUrl: string, path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: any }> {
  const res = await fetch(new URL(path, baseUrl), { headers });
  return { status: res.status, body: await res.json() };
}
