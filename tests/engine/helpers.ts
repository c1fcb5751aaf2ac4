// Shared by the engine tests: throwaway data folders, a log sink, and a scan for leftover processes.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pino, type Logger } from 'pino';
import { afterEach } from 'vitest';
import { locateBinary } from '../../engine/binary.ts';
import getPort from 'get-port';

/** Why the Meilisearch binary cannot run here, or undefined when it can: tests that need it skip with this reason. */
export const engineMissing = ((): string | undefined => {
  try {
    const run = spawnSync(locateBinary(), ['--version'], { encoding: 'utf8' });
    return run.status === 0 ? undefined : `meilisearch --version failed: ${run.error?.message ?? run.stderr}`;
  } catch (error) {
    return (error as Error).message;
  }
})();
if (engineMissing !== undefined) console.log(`engine tests skipped: ${engineMissing}`);

export function tempDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'engine-test-'));
}

/** A maker of throwaway data folders, each removed after the test that made it. */
export function tempDataDirs(): () => string {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    const dir = tempDataDir();
    dirs.push(dir);
    return dir;
  };
}

export interface CapturedLog {
  logger: Logger;
  /** Parsed records written so far. */
  records(): Array<Record<string, unknown> & { level: number; msg: string }>;
  /** Everything written, raw, for secret scans. */
  text(): string;
}

export function captureLogger(): CapturedLog {
  const chunks: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return {
    logger: pino({ level: 'debug' }, sink),
    records: () => chunks.join('').split('\n').filter(Boolean).map((line) => JSON.parse(line)),
    text: () => chunks.join(''),
  };
}

/** True while the process exists and is not a zombie. */
export function isAlive(pid: number): boolean {
  try {
    return fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0] !== 'Z';
  } catch {
    return false;
  }
}

/** Pids of live processes whose command line mentions `needle` (the engine and its watchdog carry the data dir). */
export function processesMentioning(needle: string): number[] {
  const found: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      const state = fs.readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]?.[0];
      if (cmdline.includes(needle) && state !== 'Z') found.push(Number(entry));
    } catch {
      // Exited while we looked.
    }
  }
  return found;
}

/** Pids of the Meilisearch processes (not their watchdogs) serving `dataDir`. */
export function enginesOf(dataDir: string): number[] {
  return processesMentioning(path.join(dataDir, 'db')).filter((pid) => {
    try {
      return fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'meilisearch';
    } catch {
      return false;
    }
  });
}

export async function eventually(check: () => boolean | Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return check();
}

export interface StandaloneEngine {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** A Meilisearch started by hand, playing a server someone else runs (remote mode). */
export async function startStandalone(dataDir: string, masterKey: string): Promise<StandaloneEngine> {
  const port = await getPort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(
    locateBinary(),
    ['--db-path', path.join(dataDir, 'db'), '--http-addr', `127.0.0.1:${port}`, '--no-analytics', '--env', 'production'],
    { cwd: dataDir, env: { PATH: process.env.PATH, MEILI_MASTER_KEY: masterKey }, stdio: 'ignore' },
  );
  const up = await eventually(async () => (await fetch(`${url}/health`).catch(() => undefined))?.ok === true, 15_000);
  if (!up) throw new Error('standalone Meilisearch did not start');
  return {
    url,
    process: child,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
