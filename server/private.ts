// A private, throw-away service: an embedded Meilisearch on a temp data dir and free port, the seed corpus indexed
// through the real pipeline, and the Express server on 127.0.0.1:0. For the evaluation run and the tests.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type AppConfig } from './config.ts';
import { connectEngine, type EngineHandle } from '../engine/connect.ts';
import { logger as defaultLogger, type Logger } from '../shared/logger.ts';
import type { GateLimits } from './search/engine-gate.ts';
import { startServer, type RunningServer } from './server.ts';

export interface PrivateServer extends RunningServer {
  engine: EngineHandle;
  dataDir: string;
}

export interface PrivateServerOptions {
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
  /** Engine search timeout (default 1500 ms); tests about correctness rather than latency may allow more. */
  searchTimeoutMs?: number;
}

export async function startPrivateEngine(): Promise<{ engine: EngineHandle; dataDir: string; cleanup(): Promise<void> }> {
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

export async function startPrivateServer(options: PrivateServerOptions = {}): Promise<PrivateServer> {
  const own = options.engine ? null : await startPrivateEngine();
  const engine = options.engine ?? own!.engine;
  const config: AppConfig = { ...loadConfig({}), port: 0, host: '127.0.0.1', rateLimitPerMinute: 0, ...options.config };
  const running = await startServer(config, options.logger ?? defaultLogger, {
    engine,
    corpus: options.corpus,
    glossaryDir: options.glossaryDir,
    prefix: options.prefix,
    refreshMs: options.refreshMs,
    engineLimits: options.engineLimits,
    searchTimeoutMs: options.searchTimeoutMs,
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
