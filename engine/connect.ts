// The one entry point to the search engine for the indexer and the server: remote, shared or owned embedded.
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import getPort from 'get-port';
import pRetry, { AbortError } from 'p-retry';
import lockfile from 'proper-lockfile';
import { logger as defaultLogger, type Logger } from '../shared/logger.ts';
import { locateBinary } from './binary.ts';
import { meiliClient, probeEngine } from './client.ts';
import { loadEngineConfig, type EngineConfig } from './config.ts';
import { PortTakenError, startEmbedded, type EmbeddedEngine } from './embedded.ts';
import { EngineConnectError } from './errors.ts';
import { loadMasterKey } from './master-key.ts';

export type EngineMode = 'embedded-owned' | 'embedded-shared' | 'remote';

export interface EngineDownEvent {
  pid: number;
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Absent when no restart will follow. */
  restartInMs?: number;
}
export interface EngineUpEvent {
  pid: number;
  url: string;
  /** Restarts since the engine was first started. */
  restarts: number;
}
export type EngineEvents = { down: [EngineDownEvent]; up: [EngineUpEvent] };

export interface EngineHandle {
  readonly url: string;
  /**
   * The master key ('' for a remote engine running without one). For the indexer and key management only:
   * never send it to clients or log it; searches use searchKey().
   */
  readonly adminKey: string;
  readonly mode: EngineMode;
  /** The engine process, when it runs on this machine (undefined while an owned engine is down). */
  readonly pid?: number;
  /** 'down' and 'up' of an owned engine; shared and remote engines emit nothing. */
  readonly events: EventEmitter<EngineEvents>;
  /** Whether /health answers now (bounded by the request timeout). */
  healthy(): Promise<boolean>;
  /** Stops an owned engine; leaves shared and remote engines running. Idempotent. */
  stop(): Promise<void>;
}

export interface BackoffOptions {
  /** Delay before the first restart, doubled for each quick death or failed start in a row. */
  initialBackoffMs: number;
  maxBackoffMs: number;
}

export interface ConnectOptions extends Partial<EngineConfig> {
  logger?: Logger;
  /** Restart an owned engine that dies (default true). */
  supervise?: boolean;
  /** Meilisearch binary to run instead of the packaged one. */
  binaryPath?: string;
  /** Where settings are read from (default process.env); explicit options win. */
  env?: NodeJS.ProcessEnv;
  /** How long a starting engine may take to answer (default 30 s). */
  startTimeoutMs?: number;
  backoff?: Partial<BackoffOptions>;
}

const START_TIMEOUT_MS = 30_000;
// The owner's lock is refreshed every LOCK_STALE_MS / 2; a SIGKILLed owner's lock is taken over after LOCK_STALE_MS.
const LOCK_STALE_MS = 10_000;
// An engine that ran this long before dying starts the backoff over.
const STABLE_AFTER_MS = 60_000;

/** `<dataDir>/engine.json`: the owned engine's address, so that other processes reuse it. Written by the lock holder. */
export const stateFilePath = (dataDir: string) => path.join(dataDir, 'engine.json');
interface EngineState {
  pid: number;
  url: string;
  ownerPid: number;
}

function readState(dataDir: string): EngineState | undefined {
  try {
    return JSON.parse(fs.readFileSync(stateFilePath(dataDir), 'utf8')) as EngineState;
  } catch {
    return undefined; // absent or half written: the lock tells whether to wait
  }
}

const healthCheck = (url: string, timeoutMs: number) => () => meiliClient(url, '', timeoutMs).isHealthy();

async function connectRemote(url: string, masterKey: string, timeoutMs: number, logger: Logger): Promise<EngineHandle> {
  const probe = await probeEngine(url, masterKey, timeoutMs);
  if (probe.status === 'unreachable') throw new EngineConnectError(`Meilisearch at ${url} (MEILI_URL) does not answer: ${probe.reason}`);
  if (probe.status === 'rejected') {
    throw new EngineConnectError(
      masterKey === ''
        ? `Meilisearch at ${url} requires a key: set MEILI_MASTER_KEY to its master key`
        : `Meilisearch at ${url} rejected MEILI_MASTER_KEY (${probe.reason}); it must be that server's master key`,
    );
  }
  if (masterKey === '') logger.warn({ url }, 'remote engine runs without a master key: anyone reaching it can write');
  logger.info({ url }, 'using remote engine');
  return { url, adminKey: masterKey, mode: 'remote', events: new EventEmitter(), healthy: healthCheck(url, timeoutMs), stop: async () => {} };
}

/** Takes the data folder's lock, or undefined while a live process holds it. */
async function tryLock(dataDir: string, logger: Logger): Promise<(() => Promise<void>) | undefined> {
  try {
    return await lockfile.lock(dataDir, {
      lockfilePath: path.join(dataDir, 'engine.lock'),
      realpath: false,
      stale: LOCK_STALE_MS,
      // The default throws from a timer; an owner whose loop stalled that long keeps serving, and says so.
      onCompromised: (err) => logger.error({ err }, 'engine lock lost: another process may start a second engine'),
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOCKED') return undefined;
    throw error;
  }
}

interface Owned {
  config: EngineConfig;
  options: ConnectOptions;
  binary: string;
  masterKey: string;
  logger: Logger;
  unlock: () => Promise<void>;
}

async function startOwned({ config, options, binary, masterKey, logger, unlock }: Owned): Promise<EngineHandle> {
  const { dataDir } = config;
  const settings = { binary, dataDir, masterKey, logger, maxIndexingMemory: config.maxIndexingMemory, startTimeoutMs: options.startTimeoutMs ?? START_TIMEOUT_MS };
  const { initialBackoffMs = 250, maxBackoffMs = 10_000 } = options.backoff ?? {};
  // A picked port may be taken by another process before Meilisearch binds it: pick again, twice at most.
  const first = await pRetry(async () => startEmbedded({ ...settings, port: config.port ?? (await getPort({ host: '127.0.0.1' })) }), {
    retries: config.port === undefined ? 2 : 0,
    minTimeout: 0,
    shouldRetry: ({ error }) => error instanceof PortTakenError,
  });
  // Restarts reuse the port, so every holder of the url keeps working.
  const { url } = first;
  const port = Number(new URL(url).port);
  let current: EmbeddedEngine | undefined = first;
  const writeState = (pid: number) => fs.writeFileSync(stateFilePath(dataDir), JSON.stringify({ pid, url, ownerPid: process.pid }));
  // Normal exits and uncaught errors; the lock is released by proper-lockfile's own exit hook, the engine by its watchdog.
  const clearState = () => fs.rmSync(stateFilePath(dataDir), { force: true });
  writeState(first.pid);
  process.on('exit', clearState);
  let released: Promise<void> | undefined;
  const release = () =>
    (released ??= (async () => {
      process.off('exit', clearState);
      clearState();
      await unlock().catch((err: unknown) => logger.warn({ err }, 'cannot release the engine lock'));
    })());

  const events = new EventEmitter<EngineEvents>();
  const stopping = new AbortController();
  let starting: Promise<unknown> = Promise.resolve();
  let restarts = 0;
  let quickDeaths = 0;
  const attempt = () => {
    const next = startEmbedded({ ...settings, port }).then(async (engine) => {
      if (!stopping.signal.aborted) return engine;
      await engine.stop();
      throw new AbortError('stopped');
    });
    starting = next.catch(() => undefined);
    return next;
  };
  const watch = (engine: EmbeddedEngine) => {
    const upSince = Date.now();
    void engine.exited.then(async ({ code, signal }) => {
      if (stopping.signal.aborted) return;
      current = undefined;
      quickDeaths = Date.now() - upSince >= STABLE_AFTER_MS ? 0 : quickDeaths + 1;
      const restartInMs = options.supervise === false ? undefined : Math.min(maxBackoffMs, initialBackoffMs * 2 ** (quickDeaths - 1));
      logger.error({ engine: engine.pid, code, signal, restartInMs }, 'embedded engine exited unexpectedly');
      events.emit('down', { pid: engine.pid, code, signal, ...(restartInMs === undefined ? {} : { restartInMs }) });
      // Unsupervised: nobody will bring it back, so other processes must not wait for it.
      if (restartInMs === undefined) return release();
      try {
        await sleep(restartInMs, undefined, { signal: stopping.signal });
        const next = await pRetry(attempt, {
          retries: Infinity,
          minTimeout: initialBackoffMs,
          maxTimeout: maxBackoffMs,
          signal: stopping.signal,
          onFailedAttempt: ({ error, attemptNumber }) => logger.error({ err: error, attemptNumber }, 'embedded engine restart failed'),
        });
        current = next;
        restarts += 1;
        writeState(next.pid);
        watch(next);
        logger.warn({ engine: next.pid, restarts }, 'embedded engine restarted');
        events.emit('up', { pid: next.pid, url, restarts });
      } catch {
        // Stopped meanwhile.
      }
    });
  };
  watch(first);

  let stopped: Promise<void> | undefined;
  return {
    url,
    adminKey: masterKey,
    mode: 'embedded-owned',
    get pid() {
      return current?.pid;
    },
    events,
    healthy: async () => current !== undefined && (await healthCheck(url, config.requestTimeoutMs)()),
    stop: () =>
      (stopped ??= (async () => {
        stopping.abort();
        await starting;
        await current?.stop();
        current = undefined;
        await release();
      })()),
  };
}

/**
 * The engine of the data folder, shared when it answers with our master key; otherwise started and owned by
 * whoever takes the folder's lock, while the others wait for its engine to answer.
 */
async function connectEmbedded(config: EngineConfig, options: ConnectOptions, logger: Logger): Promise<EngineHandle> {
  const { dataDir, requestTimeoutMs } = config;
  if (config.masterKey !== undefined) {
    logger.warn('MEILI_MASTER_KEY is ignored without MEILI_URL: the embedded engine keeps its own key in its data folder');
  }
  const binary = locateBinary(options.binaryPath === undefined ? {} : { binaryPath: options.binaryPath });
  const masterKey = await loadMasterKey(dataDir, logger);
  const deadline = Date.now() + (options.startTimeoutMs ?? START_TIMEOUT_MS) + LOCK_STALE_MS * 2;
  for (let waited = false; ; waited = true) {
    const state = readState(dataDir);
    if (state !== undefined && (await probeEngine(state.url, masterKey, requestTimeoutMs)).status === 'ok') {
      logger.info({ url: state.url, engine: state.pid, ownerPid: state.ownerPid }, 'reusing the running embedded engine');
      const healthy = healthCheck(state.url, requestTimeoutMs);
      return { url: state.url, adminKey: masterKey, mode: 'embedded-shared', pid: state.pid, events: new EventEmitter(), healthy, stop: async () => {} };
    }
    const unlock = await tryLock(dataDir, logger);
    if (unlock !== undefined) {
      try {
        return await startOwned({ config, options, binary, masterKey, logger, unlock });
      } catch (error) {
        await unlock();
        throw error;
      }
    }
    if (Date.now() >= deadline) {
      throw new EngineConnectError(`another process (pid ${state?.ownerPid ?? '?'}) holds ${dataDir}/engine.lock, and its engine does not answer`);
    }
    if (!waited) logger.info({ dataDir }, 'another process is starting the engine of this data folder; waiting');
    await sleep(250);
  }
}

/**
 * MEILI_URL set: that server (remote). Otherwise the embedded engine of the data folder: reused when another
 * process already runs it (embedded-shared), else started, supervised and owned by this process (embedded-owned).
 */
export async function connectEngine(options: ConnectOptions = {}): Promise<EngineHandle> {
  const { logger: given, supervise, binaryPath, env, startTimeoutMs, backoff, ...overrides } = options;
  const logger = (given ?? defaultLogger).child({ component: 'engine' });
  const explicit = Object.fromEntries(Object.entries(overrides).filter(([, value]) => value !== undefined));
  const merged: EngineConfig = { ...loadEngineConfig(env), ...explicit };
  const config = { ...merged, dataDir: path.resolve(merged.dataDir) };
  if (config.url !== undefined) return connectRemote(config.url, config.masterKey ?? '', config.requestTimeoutMs, logger);
  return connectEmbedded(config, { supervise, binaryPath, startTimeoutMs, backoff }, logger);
}
