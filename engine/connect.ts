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
import { PortTakenError, startEmbedded, type EmbeddedEngine, type EmbeddedOptions } from './embedded.ts';
import { EngineConnectError } from './errors.ts';
import { loadMasterKey } from './master-key.ts';

export type EngineMode = 'embedded-owned' | 'embedded-shared' | 'remote';
/** Of an owned engine only. `restartInMs` is absent when no restart follows; `restarts` counts since the first start. */
export type EngineDownEvent = { pid: number; code: number | null; signal: NodeJS.Signals | null; restartInMs?: number };
export type EngineUpEvent = { pid: number; url: string; restarts: number };
export type EngineEvents = { down: [EngineDownEvent]; up: [EngineUpEvent] };

export interface EngineHandle {
  readonly url: string;
  /** The master key ('' for a remote engine without one): for the indexer and key management; searches use searchKey(). */
  readonly adminKey: string;
  readonly mode: EngineMode;
  /** The engine process when it runs on this machine (undefined while an owned engine is down). */
  readonly pid?: number;
  readonly events: EventEmitter<EngineEvents>;
  /** Whether /health answers now (bounded by the request timeout). */
  healthy(): Promise<boolean>;
  /** Stops an owned engine; leaves shared and remote engines running. Idempotent. */
  stop(): Promise<void>;
}

/** Delay before a restart, doubled for each quick death or failed start in a row, up to the maximum. */
export type BackoffOptions = { initialBackoffMs: number; maxBackoffMs: number };

/**
 * `supervise`: restart an owned engine that dies (default true). `binaryPath`: instead of the packaged binary. `env`:
 * where settings are read from (default process.env; explicit options win). `startTimeoutMs`: default 30 s.
 */
export interface ConnectOptions extends Partial<EngineConfig> {
  logger?: Logger;
  supervise?: boolean;
  binaryPath?: string;
  env?: NodeJS.ProcessEnv;
  startTimeoutMs?: number;
  backoff?: Partial<BackoffOptions>;
}

const START_TIMEOUT_MS = 30_000;
// The owner refreshes its lock every LOCK_STALE_MS / 2; a SIGKILLed owner's lock is taken over after LOCK_STALE_MS.
const LOCK_STALE_MS = 10_000;
// An engine that ran this long before dying starts the backoff over.
const STABLE_AFTER_MS = 60_000;

/** `<dataDir>/engine.json`: the owned engine's address, written by the lock holder, so that other processes reuse it. */
export const stateFilePath = (dataDir: string) => path.join(dataDir, 'engine.json');
function readState(dataDir: string): { pid: number; url: string; ownerPid: number } | undefined {
  try {
    return JSON.parse(fs.readFileSync(stateFilePath(dataDir), 'utf8'));
  } catch {
    return undefined; // absent or half written: the lock tells whether to wait
  }
}

/** A handle on an engine someone else runs: its stop() leaves it alone. */
function unowned(url: string, adminKey: string, mode: EngineMode, timeoutMs: number, pid?: number): EngineHandle {
  const healthy = () => meiliClient(url, '', timeoutMs).isHealthy();
  return { url, adminKey, mode, ...(pid === undefined ? {} : { pid }), events: new EventEmitter(), healthy, stop: async () => {} };
}

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
  return unowned(url, masterKey, 'remote', timeoutMs);
}

type Settings = Omit<EmbeddedOptions, 'port'>;

/** Starts the engine of a data folder whose lock we hold, and keeps it running until stop(). */
async function startOwned(settings: Settings, config: EngineConfig, options: ConnectOptions, unlock: () => Promise<void>): Promise<EngineHandle> {
  const { dataDir, logger } = settings;
  const { initialBackoffMs = 250, maxBackoffMs = 10_000 } = options.backoff ?? {};
  // Another process may bind a picked port before Meilisearch does: pick again, twice at most.
  const first = await pRetry(async () => startEmbedded({ ...settings, port: config.port ?? (await getPort({ host: '127.0.0.1' })) }), {
    retries: config.port === undefined ? 2 : 0,
    shouldRetry: ({ error }) => error instanceof PortTakenError,
  });
  // Restarts reuse the port, so every holder of the url keeps working.
  const { url } = first;
  const port = Number(new URL(url).port);
  let current: EmbeddedEngine | undefined = first;
  const writeState = (pid: number) => fs.writeFileSync(stateFilePath(dataDir), JSON.stringify({ pid, url, ownerPid: process.pid }));
  // On exit and uncaught errors. Signals and SIGKILL leave a stale file, which nobody trusts without an answering
  // engine; proper-lockfile releases the lock on exit and signals, the watchdog ends the engine (embedded.ts).
  const clearState = () => fs.rmSync(stateFilePath(dataDir), { force: true });
  writeState(first.pid);
  process.on('exit', clearState);
  // Once only: after an unsupervised death, the state file may soon be another owner's.
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
  // stop() waits for a start in flight, whose engine must not outlive the handle.
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
        writeState(next.pid);
        watch(next);
        logger.warn({ engine: next.pid, restarts: ++restarts }, 'embedded engine restarted');
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
    adminKey: settings.masterKey,
    mode: 'embedded-owned',
    get pid() {
      return current?.pid;
    },
    events,
    healthy: async () => current !== undefined && (await meiliClient(url, '', config.requestTimeoutMs).isHealthy()),
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
 * The data folder's engine, shared when it answers to our master key; otherwise started and owned by whoever takes
 * the folder's lock (held for the owner's lifetime), while the others wait for its engine to answer.
 */
async function connectEmbedded(config: EngineConfig, options: ConnectOptions, logger: Logger): Promise<EngineHandle> {
  const { dataDir, requestTimeoutMs } = config;
  if (config.masterKey !== undefined) {
    logger.warn('MEILI_MASTER_KEY is ignored without MEILI_URL: the embedded engine keeps its own key in its data folder');
  }
  const binary = locateBinary(options.binaryPath === undefined ? {} : { binaryPath: options.binaryPath });
  const masterKey = await loadMasterKey(dataDir);
  const deadline = Date.now() + (options.startTimeoutMs ?? START_TIMEOUT_MS) + LOCK_STALE_MS * 2;
  for (let round = 0; ; round++) {
    const state = readState(dataDir);
    if (state !== undefined && (await probeEngine(state.url, masterKey, requestTimeoutMs)).status === 'ok') {
      logger.info({ url: state.url, engine: state.pid, ownerPid: state.ownerPid }, 'reusing the running embedded engine');
      return unowned(state.url, masterKey, 'embedded-shared', requestTimeoutMs, state.pid);
    }
    const unlock = await lockfile
      .lock(dataDir, {
        lockfilePath: path.join(dataDir, 'engine.lock'),
        realpath: false,
        stale: LOCK_STALE_MS,
        // The default throws from a timer; an owner whose event loop stalled that long keeps serving, and says so.
        onCompromised: (err) => logger.error({ err }, 'engine lock lost: another process may start a second engine'),
      })
      .catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ELOCKED') return undefined;
        throw error;
      });
    if (unlock !== undefined) {
      const settings = {
        binary,
        dataDir,
        masterKey,
        logger,
        maxIndexingMemory: config.maxIndexingMemory,
        startTimeoutMs: options.startTimeoutMs ?? START_TIMEOUT_MS,
      };
      return startOwned(settings, config, options, unlock).catch(async (error: unknown) => {
        await unlock();
        throw error;
      });
    }
    if (Date.now() >= deadline) {
      throw new EngineConnectError(`another process (pid ${state?.ownerPid ?? '?'}) holds ${dataDir}/engine.lock, and its engine does not answer`);
    }
    if (round === 0) logger.info({ dataDir }, 'another process holds the engine lock of this data folder: waiting for its engine, or for the lock to go stale');
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
