// Runs the API server (server/main.ts) as a child process for load tests, so the load generator in the
// calling process never shares the server's event loop. Resolves once GET /api/health answers 200.
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface SpawnedServer {
  /** Base URL such as http://127.0.0.1:41234 (no trailing slash). */
  url: string;
  pid: number;
  /** Milliseconds from spawning the process to the first 200 of /api/health (to within the poll interval). */
  readyMs: number;
  /** SIGTERM, then SIGKILL if the server has not exited after 15 s. Idempotent. */
  stop(): Promise<void>;
}

export interface SpawnOptions {
  /** How long the server may take to answer /api/health with 200 (it may build its index first); default 10 min. */
  readyTimeoutMs?: number;
  /** Extra node flags, e.g. ['--cpu-prof', '--cpu-prof-dir=/tmp/prof']. */
  nodeArgs?: string[];
  /** How often /api/health is asked while the server starts (default 200 ms); smaller = finer readyMs. */
  pollMs?: number;
}

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const KILL_AFTER_MS = 15_000;
const POLL_MS = 200;
const OUTPUT_TAIL_CHARS = 4000;

function canBind(port: number): Promise<number | null> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(null));
    probe.listen(port, '127.0.0.1', () => {
      const address = probe.address();
      const bound = typeof address === 'object' && address ? address.port : null;
      probe.close(() => resolve(bound));
    });
  });
}

async function ephemeralRangeStart(): Promise<number> {
  const text = await readFile('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').catch(() => '');
  const low = Number(text.trim().split(/\s+/)[0]);
  return Number.isInteger(low) && low > 20_000 ? low : 32_768;
}

/**
 * A port that was free a moment ago on 127.0.0.1, the server is told to bind it. Taken below the kernel's
 * ephemeral range, so that no test server binding port 0 in the meantime can get it and answer our health
 * checks in our server's place.
 */
export async function freePort(): Promise<number> {
  const low = 10_000;
  const high = (await ephemeralRangeStart()) - 1;
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = await canBind(low + Math.floor(Math.random() * (high - low)));
    if (port !== null) return port;
  }
  const any = await canBind(0);
  if (any === null) throw new Error('no free port on 127.0.0.1');
  return any;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function healthy(url: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2000) });
    await res.arrayBuffer();
    return res.status === 200;
  } catch {
    return false;
  }
}

/**
 * Starts `node --import tsx server/main.ts` with `env` layered over process.env. Defaults that a load test
 * needs: HOST=127.0.0.1, a free PORT, RATE_LIMIT_PER_MINUTE=0, LOG_LEVEL=warn (all overridable by `env`).
 */
export async function spawnServer(env: Record<string, string>, options: SpawnOptions = {}): Promise<SpawnedServer> {
  const port = env.PORT ?? String(await freePort());
  const host = env.HOST ?? '127.0.0.1';
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), '--import', 'tsx', 'server/main.ts'], {
    cwd: REPO_ROOT,
    env: { ...process.env, RATE_LIMIT_PER_MINUTE: '0', LOG_LEVEL: 'warn', ...env, HOST: host, PORT: port },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Keep only the tail of the output, to explain a failed start without buffering a long run's logs.
  let tail = '';
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString('utf8')).slice(-OUTPUT_TAIL_CHARS);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let exitCode: number | null | undefined;
  void exited.then((code) => {
    exitCode = code;
  });

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      if (exitCode !== undefined) return;
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), KILL_AFTER_MS);
      await exited;
      clearTimeout(killer);
    })();
    return stopping;
  };

  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const deadline = Date.now() + (options.readyTimeoutMs ?? 600_000);
  while (!(await healthy(url))) {
    if (exitCode !== undefined) {
      throw new Error(`server exited with code ${String(exitCode)} before it was ready:\n${tail}`);
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`server at ${url} was not healthy within ${options.readyTimeoutMs ?? 600_000} ms:\n${tail}`);
    }
    await sleep(options.pollMs ?? POLL_MS);
  }
  const readyMs = performance.now() - spawnedAt;
  // A health answer from a server that is not ours (our child failed to bind) must not count as ready.
  if (exitCode !== undefined || child.pid === undefined) {
    throw new Error(`server exited with code ${String(exitCode)} although ${url} answered:\n${tail}`);
  }
  return { url, pid: child.pid, readyMs, stop };
}
