// One embedded Meilisearch process: spawned on 127.0.0.1, watched for its owner's death, stopped on request.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { once } from 'node:events';
import type { Logger } from '../shared/logger.ts';
import { relayEngineOutput } from './engine-log.ts';
import { EngineStartError } from './errors.ts';
import { terminateSync } from './process-info.ts';
import { probeEngine } from './probe.ts';

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface EmbeddedOptions {
  binary: string;
  dataDir: string;
  masterKey: string;
  /** Fixed port; when absent a free one is picked (and re-picked if another process grabs it first). */
  port?: number;
  logger: Logger;
  requestTimeoutMs: number;
  /** `--max-indexing-memory`, e.g. 1GiB. */
  maxIndexingMemory?: string;
  startTimeoutMs?: number;
  stopGraceMs?: number;
}

export interface EmbeddedEngine {
  readonly pid: number;
  readonly port: number;
  readonly url: string;
  /** Settles when the process has exited, however that happened. */
  readonly exited: Promise<ExitInfo>;
  readonly hasExited: boolean;
  /** SIGTERM, SIGKILL after the grace period; resolves once it is gone. */
  stop(): Promise<ExitInfo>;
  /** Blocking stop for 'exit' handlers. */
  stopSync(): void;
}

/**
 * The engine runs under `sh`, which first forks a watchdog that blocks reading our stdin pipe, then execs
 * Meilisearch in its own place (same pid, so signals and exit codes are Meilisearch's own). The kernel closes
 * the pipe whenever the owner dies, even by SIGKILL: the watchdog then reads EOF and terminates the engine. After
 * a normal exit the owner writes a line instead, and the watchdog leaves quietly.
 */
const WATCHDOG = [
  'exec 3<&0 </dev/null',
  '(read -r _ <&3 || kill -TERM "$$") >/dev/null 2>&1 &',
  'exec "$0" "$@" 3<&-',
].join('\n');

const START_TIMEOUT_MS = 30_000;
const STOP_GRACE_MS = 5000;
const PORT_ATTEMPTS = 3;
const PORT_TAKEN = /address already in use|os error 98/i;

/** A port nobody listens on right now (the OS picks it); the engine may still lose it to a faster process. */
export async function findFreePort(): Promise<number> {
  const server = net.createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as net.AddressInfo;
  server.close();
  await once(server, 'close');
  return port;
}

// Our MEILI_* settings describe a remote engine; Meilisearch would read them (or a config file) as its own.
function engineEnv(masterKey: string): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('MEILI_')));
  // Passed by environment rather than argv, which every local user can read in `ps`.
  return { ...env, MEILI_MASTER_KEY: masterKey };
}

function engineArgs(dataDir: string, port: number, logger: Logger, maxIndexingMemory = '1GiB'): string[] {
  return [
    '--max-indexing-memory', maxIndexingMemory,
    '--db-path', path.join(dataDir, 'db'),
    '--dump-dir', path.join(dataDir, 'dumps'),
    '--snapshot-dir', path.join(dataDir, 'snapshots'),
    '--http-addr', `127.0.0.1:${port}`,
    '--env', 'production',
    '--no-analytics',
    '--experimental-logs-mode', 'json',
    // Per-request INFO lines are only worth parsing when someone reads debug logs.
    '--log-level', logger.isLevelEnabled('debug') ? 'INFO' : 'WARN',
  ];
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function exitInfo(child: ChildProcess): ExitInfo {
  return { code: child.exitCode, signal: child.signalCode };
}

class PortTakenError extends EngineStartError {}

async function launch(options: EmbeddedOptions, port: number): Promise<EmbeddedEngine> {
  const { binary, dataDir, masterKey, logger, requestTimeoutMs } = options;
  const stopGraceMs = options.stopGraceMs ?? STOP_GRACE_MS;
  await fs.mkdir(dataDir, { recursive: true });
  const url = `http://127.0.0.1:${port}`;
  // detached: a terminal's Ctrl-C reaches the owner, which stops the engine in order, not the engine directly.
  const child = spawn('/bin/sh', ['-c', WATCHDOG, binary, ...engineArgs(dataDir, port, logger, options.maxIndexingMemory)], {
    cwd: dataDir,
    env: engineEnv(masterKey),
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: true,
  });
  const spawnFailed = once(child, 'spawn').then(() => undefined, (error: Error) => error);
  const exited = new Promise<ExitInfo>((resolve) => {
    child.once('exit', () => resolve(exitInfo(child)));
    child.once('error', () => resolve(exitInfo(child)));
  });
  const failure = await spawnFailed;
  if (failure !== undefined || child.pid === undefined) {
    throw new EngineStartError(`cannot spawn Meilisearch: ${failure?.message ?? 'no pid'}`, { cause: failure });
  }
  const pid = child.pid;
  const log = logger.child({ engine: pid });
  const tail: string[] = [];
  relayEngineOutput(child.stdout!, log, tail);
  relayEngineOutput(child.stderr!, log, tail);
  child.stdin!.on('error', () => {}); // the watchdog may already be gone
  void exited.then(() => child.stdin!.end('exit\n'));
  log.info({ port, dataDir }, 'embedded engine starting');

  const engine: EmbeddedEngine = {
    pid,
    port,
    url,
    exited,
    get hasExited() {
      return child.exitCode !== null || child.signalCode !== null;
    },
    async stop() {
      if (engine.hasExited) return exited;
      child.kill('SIGTERM');
      const grace = sleep(stopGraceMs).then(() => 'timeout' as const);
      if ((await Promise.race([exited, grace])) === 'timeout') {
        log.warn({ graceMs: stopGraceMs }, 'engine ignored SIGTERM; sending SIGKILL');
        child.kill('SIGKILL');
      }
      const info = await exited;
      log.info(info, 'embedded engine stopped');
      return info;
    },
    stopSync() {
      if (!engine.hasExited) terminateSync(pid, stopGraceMs);
    },
  };

  // Listing keys proves both that the engine answers and that it is ours (it accepts our master key).
  const deadline = Date.now() + (options.startTimeoutMs ?? START_TIMEOUT_MS);
  for (;;) {
    if (engine.hasExited) {
      // Let the last output lines arrive before quoting them.
      await Promise.race([once(child, 'close'), sleep(500)]);
      const info = exitInfo(child);
      const output = tail.join('\n');
      const message = `Meilisearch exited during start-up (code ${info.code}, signal ${info.signal}); last output:\n${output}`;
      throw PORT_TAKEN.test(output) ? new PortTakenError(message) : new EngineStartError(message);
    }
    const probe = await probeEngine(url, masterKey, Math.min(requestTimeoutMs, 1000));
    if (probe.status === 'ok' && !engine.hasExited) break;
    if (Date.now() >= deadline) {
      await engine.stop();
      throw new EngineStartError(
        `Meilisearch did not become healthy at ${url} within ${options.startTimeoutMs ?? START_TIMEOUT_MS} ms ` +
          `(${probe.status === 'ok' ? 'exited' : probe.reason}); last output:\n${tail.join('\n')}`,
      );
    }
    await sleep(100);
  }
  log.info({ url }, 'embedded engine healthy');
  return engine;
}

/** Starts Meilisearch on 127.0.0.1 with its database, dumps and snapshots under `dataDir`; resolves once healthy. */
export async function startEmbedded(options: EmbeddedOptions): Promise<EmbeddedEngine> {
  if (options.port !== undefined) return launch(options, options.port);
  for (let attempt = 1; ; attempt++) {
    try {
      return await launch(options, await findFreePort());
    } catch (error) {
      if (!(error instanceof PortTakenError) || attempt >= PORT_ATTEMPTS) throw error;
      options.logger.warn({ attempt }, 'engine port taken meanwhile; retrying on another port');
    }
  }
}
