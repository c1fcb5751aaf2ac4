// One embedded Meilisearch process on 127.0.0.1: spawned under a parent-death watchdog, its output relayed to our
// log, ready once it accepts its master key.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs/promises';
import path from 'node:path';
import readline from 'node:readline';
import type { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../shared/logger.ts';
import { probeEngine } from './client.ts';
import { EngineStartError } from './errors.ts';

/**
 * A SIGKILLed owner runs no code, so the engine's end must not need any. `sh` forks a watchdog that blocks reading
 * our stdin pipe, then execs Meilisearch in its own place (same pid: signals and exit codes are Meilisearch's). The
 * kernel closes the pipe however the owner dies; the watchdog reads EOF and sends SIGTERM. Once the engine has
 * exited by itself the owner writes a line instead, and the watchdog leaves without signalling a pid that may have
 * been reused. Simpler than polling the parent pid, and Node offers no prctl(PR_SET_PDEATHSIG).
 */
const WATCHDOG = ['exec 3<&0 </dev/null', '(read -r _ <&3 || kill -TERM "$$") >/dev/null 2>&1 &', 'exec "$0" "$@" 3<&-'].join('\n');

export type ExitInfo = { code: number | null; signal: NodeJS.Signals | null };
export type EmbeddedOptions = {
  binary: string;
  dataDir: string;
  masterKey: string;
  port: number;
  logger: Logger;
  maxIndexingMemory: string;
  startTimeoutMs: number;
};

export interface EmbeddedEngine {
  readonly pid: number;
  readonly url: string;
  /** Settles when the process has exited, however that happened. */
  readonly exited: Promise<ExitInfo>;
  /** SIGTERM, SIGKILL after `graceMs`; resolves once it is gone. */
  stop(graceMs?: number): Promise<void>;
}

/** Meilisearch lost its port to another process between our pick and its bind: worth another port. */
export class PortTakenError extends EngineStartError {}

// Our MEILI_* settings describe a remote engine; Meilisearch would read them as its own. The key goes by environment
// rather than argv, which every local user can read in `ps`.
const engineEnv = (masterKey: string) => ({
  ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('MEILI_'))),
  MEILI_MASTER_KEY: masterKey,
});

// `--experimental-logs-mode json` prints one object per line; banners and panics stay plain text.
const ALARMING = /\b(error|panic(ked)?|fatal|warn(ing)?)\b/i;
// The engine warns about each 4xx it answers; the caller gets that error and reports it itself.
const CLIENT_ERROR = /ResponseError \{ code: 4\d\d\b/;

/** Logs each line at warn when it is alarming, else at debug; keeps the last 20 for start-up failure reports. */
function relay(stream: Readable, logger: Logger, tail: string[]): void {
  readline.createInterface({ input: stream, crlfDelay: Infinity }).on('line', (raw) => {
    let msg = raw.trim();
    let warn = ALARMING.test(msg);
    if (msg === '') return;
    try {
      const line = JSON.parse(msg) as { level?: string; fields?: { message?: string } };
      msg = line.fields?.message ?? msg;
      warn = /^(warn|error)$/i.test(line.level ?? '') && !CLIENT_ERROR.test(msg);
    } catch {
      // Plain text: classified by its words.
    }
    tail.push(msg);
    if (tail.length > 20) tail.shift();
    logger[warn ? 'warn' : 'debug'](msg);
  });
}

/** Starts Meilisearch with its database, dumps and snapshots under `dataDir`; resolves once it accepts its key. */
export async function startEmbedded(options: EmbeddedOptions): Promise<EmbeddedEngine> {
  const { binary, dataDir, masterKey, port, logger } = options;
  await fs.mkdir(dataDir, { recursive: true });
  const url = `http://127.0.0.1:${port}`;
  const flags = {
    'db-path': path.join(dataDir, 'db'),
    'dump-dir': path.join(dataDir, 'dumps'),
    'snapshot-dir': path.join(dataDir, 'snapshots'),
    'http-addr': `127.0.0.1:${port}`,
    'max-indexing-memory': options.maxIndexingMemory,
    env: 'production',
    // Per-request INFO lines are only worth parsing when someone reads debug logs.
    'experimental-logs-mode': 'json',
    'log-level': logger.isLevelEnabled('debug') ? 'INFO' : 'WARN',
  };
  const args = [...Object.entries(flags).flatMap(([name, value]) => [`--${name}`, value]), '--no-analytics'];
  // detached: a terminal's Ctrl-C reaches the owner only, which then stops the engine itself.
  const child = spawn('/bin/sh', ['-c', WATCHDOG, binary, ...args], { cwd: dataDir, env: engineEnv(masterKey), detached: true });
  const exited = new Promise<ExitInfo>((resolve) => child.once('close', (code, signal) => resolve({ code, signal })));
  let gone = false;
  void exited.then(() => {
    gone = true;
    child.stdin.end('exit\n');
  });
  child.stdin.on('error', () => {}); // the watchdog may already be gone
  const failure = await once(child, 'spawn').then(
    () => undefined,
    (error: Error) => error,
  );
  const pid = child.pid;
  if (pid === undefined) throw new EngineStartError(`cannot spawn Meilisearch: ${failure?.message}`, { cause: failure });
  const log = logger.child({ engine: pid });
  const tail: string[] = [];
  relay(child.stdout, log, tail);
  relay(child.stderr, log, tail);
  log.info({ port, dataDir }, 'embedded engine starting');

  const engine: EmbeddedEngine = {
    pid,
    url,
    exited,
    async stop(graceMs = 5000) {
      if (gone) return;
      child.kill('SIGTERM');
      if ((await Promise.race([exited, sleep(graceMs, 'timeout' as const, { ref: false })])) === 'timeout') {
        log.warn({ graceMs }, 'engine ignored SIGTERM; sending SIGKILL');
        child.kill('SIGKILL');
      }
      log.info(await exited, 'embedded engine stopped');
    },
  };

  // Listing keys proves both that the engine answers and that it is ours (it accepts our master key).
  const deadline = Date.now() + options.startTimeoutMs;
  for (;;) {
    if (gone) {
      const { code, signal } = await exited;
      const message = `Meilisearch exited during start-up (code ${code}, signal ${signal}); last output:\n${tail.join('\n')}`;
      throw /address already in use|os error 98/i.test(message) ? new PortTakenError(message) : new EngineStartError(message);
    }
    const probe = await probeEngine(url, masterKey, 1000);
    if (probe.status === 'ok' && !gone) break;
    if (Date.now() >= deadline) {
      await engine.stop();
      throw new EngineStartError(`Meilisearch did not become healthy at ${url} within ${options.startTimeoutMs} ms; last output:\n${tail.join('\n')}`);
    }
    await sleep(100);
  }
  log.info({ url }, 'embedded engine healthy');
  return engine;
}
