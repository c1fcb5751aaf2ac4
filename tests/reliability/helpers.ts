// Shared by the reliability and security suites: a server whose logs are captured, a Meilisearch that can be
// killed and started again on the same port and data folder, and small HTTP probes that measure latency.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { Logger } from 'pino';
import { locateBinary } from '../../engine/binary.ts';
import type { EngineHandle } from '../../engine/connect.ts';
import { loadConfig, type AppConfig } from '../../server/config.ts';
import type { RuntimeOptions } from '../../server/runtime.ts';
import { startServer, type RunningServer, type SocketLimits } from '../../server/server.ts';
import { eventually } from '../helpers/process.ts';

export { captureLogger, eventually, tempDataDir } from '../helpers/process.ts';

export const SEED_QUERIES = ['外商投资', 'negative list', 'tax', '江西', 'intellectual property', '准入', '"负面清单"', 'waishang touzi'];

export interface ServerOptions extends Pick<RuntimeOptions, 'corpus' | 'prefix' | 'refreshMs' | 'searchTimeoutMs' | 'engineLimits'> {
  engine: EngineHandle;
  logger: Logger;
  config?: Partial<AppConfig>;
  socketLimits?: Partial<SocketLimits>;
}

/** The real server on 127.0.0.1:0 over `engine`, logging to `logger`; resolves once it listens (the index may still be building). */
export async function startListeningServer(options: ServerOptions): Promise<RunningServer> {
  const { engine, logger, config: overrides, socketLimits, ...runtime } = options;
  // Search caches off unless asked: these suites send the same requests again and again, and each must reach the
  // engine (its outages, its gate, its cancellations are what they test).
  const config: AppConfig = { ...loadConfig({}), port: 0, host: '127.0.0.1', rateLimitPerMinute: 0, searchCacheBytes: 0, ...overrides };
  const running = await startServer(config, logger, { engine, ...runtime }, socketLimits);
  return { ...running, url: running.url.replace('localhost', '127.0.0.1') };
}

/** As startListeningServer, resolving once the start-up build is done and the index is ready. */
export async function startLoggedServer(options: ServerOptions): Promise<RunningServer> {
  const running = await startListeningServer(options);
  await running.runtime.ready;
  return running;
}

export interface Timed {
  status: number;
  ms: number;
  body: unknown;
  /** The raw text, for secret scans. */
  text: string;
  headers: Headers;
}

/**
 * A cap on every probe, so a hanging server fails the test (TimeoutError) instead of stalling it. Well inside the
 * 60 s test timeout, and far above any answer of a working server even on a loaded two-core machine: how fast an
 * answer comes is asserted where it matters (OUTAGE_ANSWER_MS) or measured by the benchmark (bench/), not here.
 */
export const PROBE_CAP_MS = 30_000;

/** GET (or `init`) capped at PROBE_CAP_MS; `ms` is how long the answer took. */
export async function timedFetch(url: string, init: RequestInit = {}): Promise<Timed> {
  const started = performance.now();
  const res = await fetch(url, { ...init, signal: AbortSignal.timeout(PROBE_CAP_MS) });
  const text = await res.text();
  const ms = performance.now() - started;
  let body: unknown = null;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON (the web page); callers that need a body check it.
  }
  return { status: res.status, ms, body, text, headers: res.headers };
}

export function isErrorShape(body: unknown): body is { error: { code: string; message: string } } {
  const error = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  return typeof error?.code === 'string' && typeof error.message === 'string' && error.message !== '';
}

export interface SearchBody {
  total: number;
  hits: { id: string; highlight: string }[];
}

export function searchUrl(base: string, q: string): string {
  return `${base}/api/search?q=${encodeURIComponent(q)}`;
}

/** Hit ids and total of each query, to compare the service before and after a disruption. */
export async function snapshotResults(base: string, queries: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const q of queries) {
    const res = await timedFetch(searchUrl(base, q));
    if (res.status !== 200) throw new Error(`search ${q} answered ${res.status}: ${res.text.slice(0, 200)}`);
    const body = res.body as SearchBody;
    out.set(q, `${body.total}:${body.hits.map((h) => h.id).join(',')}`);
  }
  return out;
}

export interface Standalone {
  url: string;
  /** SIGKILL, as a crash or an OOM kill would. */
  kill(): Promise<void>;
  /** Starts Meilisearch again on the same port and data folder; resolves once it answers. */
  restart(): Promise<void>;
  /** SIGSTOP / SIGCONT: an engine that accepts connections but never answers. */
  freeze(): void;
  thaw(): void;
  stop(): Promise<void>;
}

const exitedAlready = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

/** A Meilisearch run by hand at a fixed port, playing a server someone else operates (MEILI_URL). */
export async function startStandaloneAt(dataDir: string, masterKey: string, port: number): Promise<Standalone> {
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess;
  const launch = async () => {
    child = spawn(
      locateBinary(),
      ['--db-path', path.join(dataDir, 'db'), '--http-addr', `127.0.0.1:${port}`, '--no-analytics', '--env', 'production', '--max-indexing-memory', '1GiB'],
      { cwd: dataDir, env: { PATH: process.env.PATH, MEILI_MASTER_KEY: masterKey }, stdio: 'ignore' },
    );
    const up = await eventually(async () => (await fetch(`${url}/health`).catch(() => undefined))?.ok === true, 15_000);
    if (!up) throw new Error(`standalone Meilisearch did not start at ${url}`);
  };
  const signal = async (sig: NodeJS.Signals) => {
    if (exitedAlready(child)) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(sig);
    await exited;
  };
  await launch();
  return {
    url,
    kill: () => signal('SIGKILL'),
    restart: launch,
    freeze: () => child.kill('SIGSTOP'),
    thaw: () => child.kill('SIGCONT'),
    stop: async () => {
      child.kill('SIGCONT');
      await signal('SIGTERM');
    },
  };
}
