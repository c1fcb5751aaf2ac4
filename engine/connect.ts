// The one entry point to the search engine for the indexer and the server: remote, shared or owned embedded.
import { EventEmitter } from 'node:events';
import path from 'node:path';
import { logger as defaultLogger, type Logger } from '../shared/logger.ts';
import { locateBinary } from './binary.ts';
import { loadEngineConfig, type EngineConfig } from './config.ts';
import { startEmbedded } from './embedded.ts';
import { EngineConnectError } from './errors.ts';
import { guardOwnerExit } from './exit-guard.ts';
import { withStartLock } from './lock.ts';
import { loadMasterKey } from './master-key.ts';
import { engineClient, probeEngine } from './probe.ts';
import { inspectState, removeState, removeStateSync, writeState, type EngineState } from './state.ts';
import { EngineSupervisor, type BackoffOptions, type EngineEvents } from './supervisor.ts';

export type { EngineEvents, EngineDownEvent, EngineUpEvent } from './supervisor.ts';

export type EngineMode = 'embedded-owned' | 'embedded-shared' | 'remote';

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
  /** 'down' and 'up' of an owned engine under supervision; shared and remote engines emit nothing. */
  readonly events: EventEmitter<EngineEvents>;
  /** Whether /health answers now (bounded by the request timeout). */
  healthy(): Promise<boolean>;
  /** Stops an owned engine and clears its state file; leaves shared and remote engines running. Idempotent. */
  stop(): Promise<void>;
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
// Beyond the start timeout, how long to wait for another starter's lock or a restarting owner.
const WAIT_SLACK_MS = 15_000;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function healthCheck(url: string, timeoutMs: number): () => Promise<boolean> {
  return () => engineClient(url, '', timeoutMs).isHealthy();
}

async function connectRemote(url: string, masterKey: string, timeoutMs: number, logger: Logger): Promise<EngineHandle> {
  const probe = await probeEngine(url, masterKey, timeoutMs);
  if (probe.status === 'unreachable') {
    throw new EngineConnectError(`Meilisearch at ${url} (MEILI_URL) does not answer: ${probe.reason}`);
  }
  if (probe.status === 'rejected') {
    throw new EngineConnectError(
      masterKey === ''
        ? `Meilisearch at ${url} requires a key: set MEILI_MASTER_KEY to its master key`
        : `Meilisearch at ${url} rejected MEILI_MASTER_KEY (${probe.reason}); it must be that server's master key`,
    );
  }
  if (masterKey === '') logger.warn({ url }, 'remote engine runs without a master key: anyone reaching it can write');
  logger.info({ url }, 'using remote engine');
  return {
    url,
    adminKey: masterKey,
    mode: 'remote',
    events: new EventEmitter<EngineEvents>(),
    healthy: healthCheck(url, timeoutMs),
    stop: async () => {},
  };
}

function sharedHandle(state: EngineState, masterKey: string, timeoutMs: number, logger: Logger): EngineHandle {
  logger.info({ url: state.url, engine: state.pid, ownerPid: state.ownerPid }, 'reusing the running embedded engine');
  return {
    url: state.url,
    adminKey: masterKey,
    mode: 'embedded-shared',
    pid: state.pid,
    events: new EventEmitter<EngineEvents>(),
    healthy: healthCheck(state.url, timeoutMs),
    stop: async () => {},
  };
}

interface OwnedSettings {
  config: EngineConfig;
  options: ConnectOptions;
  masterKey: string;
  logger: Logger;
}

async function startOwned({ config, options, masterKey, logger }: OwnedSettings): Promise<EngineHandle> {
  const { dataDir, requestTimeoutMs } = config;
  const binary = locateBinary(options.binaryPath === undefined ? {} : { binaryPath: options.binaryPath });
  const launch = (port: number | undefined) =>
    startEmbedded({
      binary,
      dataDir,
      masterKey,
      logger,
      requestTimeoutMs,
      maxIndexingMemory: config.maxIndexingMemory,
      startTimeoutMs: options.startTimeoutMs ?? START_TIMEOUT_MS,
      ...(port === undefined ? {} : { port }),
    });
  const first = await launch(config.port);
  let state: EngineState = {
    pid: first.pid,
    port: first.port,
    url: first.url,
    startedAt: new Date().toISOString(),
    ownerPid: process.pid,
  };
  try {
    await writeState(dataDir, state);
  } catch (error) {
    await first.stop();
    throw error;
  }

  // Restarts reuse the port, so every holder of the url keeps working.
  const supervisor = new EngineSupervisor(first, {
    start: () => launch(first.port),
    logger,
    autoRestart: options.supervise ?? true,
    ...options.backoff,
  });
  const events = new EventEmitter<EngineEvents>();
  let stateWrites = Promise.resolve();
  supervisor.on('up', (event) => {
    state = { ...state, pid: event.pid, startedAt: new Date().toISOString() };
    const next = state;
    stateWrites = stateWrites
      .then(() => writeState(dataDir, next))
      .catch((err: unknown) => logger.error({ err }, 'cannot record the restarted engine'));
    events.emit('up', event);
  });
  supervisor.on('down', (event) => {
    // Unsupervised: nobody will bring it back, so other processes must not wait for it.
    if (event.restartInMs === undefined) {
      stateWrites = stateWrites
        .then(() => removeState(dataDir, state))
        .catch((err: unknown) => logger.error({ err }, 'cannot clear the state of the dead engine'));
    }
    events.emit('down', event);
  });

  let stopping: Promise<void> | undefined;
  const unguard = guardOwnerExit({
    stop: () => handle.stop(),
    stopSync: () => {
      supervisor.current?.stopSync();
      removeStateSync(dataDir, state);
    },
  });
  const handle: EngineHandle = {
    url: first.url,
    adminKey: masterKey,
    mode: 'embedded-owned',
    get pid() {
      return supervisor.current?.pid;
    },
    events,
    healthy: async () => supervisor.current !== undefined && (await healthCheck(first.url, requestTimeoutMs)()),
    stop: () =>
      (stopping ??= (async () => {
        await supervisor.stop();
        await stateWrites;
        await removeState(dataDir, state);
        unguard();
      })()),
  };
  return handle;
}

type StartOutcome = { kind: 'ready'; handle: EngineHandle } | { kind: 'wait'; state: EngineState };

async function connectEmbedded(config: EngineConfig, options: ConnectOptions, logger: Logger): Promise<EngineHandle> {
  const { dataDir, requestTimeoutMs } = config;
  if (config.masterKey !== undefined) {
    logger.warn('MEILI_MASTER_KEY is ignored without MEILI_URL: the embedded engine keeps its own key in its data folder');
  }
  const masterKey = await loadMasterKey(dataDir, logger);
  const waitMs = (options.startTimeoutMs ?? START_TIMEOUT_MS) + WAIT_SLACK_MS;
  const deadline = Date.now() + waitMs;
  for (;;) {
    const outcome = await withStartLock(dataDir, waitMs, async (): Promise<StartOutcome> => {
      const status = await inspectState({ dataDir, masterKey, timeoutMs: requestTimeoutMs, logger });
      if (status.kind === 'live') return { kind: 'ready', handle: sharedHandle(status.state, masterKey, requestTimeoutMs, logger) };
      if (status.kind === 'recovering') return { kind: 'wait', state: status.state };
      return { kind: 'ready', handle: await startOwned({ config, options, masterKey, logger }) };
    });
    if (outcome.kind === 'ready') return outcome.handle;
    if (Date.now() >= deadline) {
      throw new EngineConnectError(
        `the engine of ${dataDir} (pid ${outcome.state.pid}, owned by pid ${outcome.state.ownerPid}) does not answer; ` +
          'stop its owner or wait until it has restarted the engine',
      );
    }
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
