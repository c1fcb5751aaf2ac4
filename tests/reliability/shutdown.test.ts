// Graceful shutdown of the real server process (`npm start`): on SIGTERM it stops accepting connections,
// finishes the request in flight, stops its embedded engine and exits 0.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../bench/spawn-server.ts';
import { stateFilePath } from '../../engine/connect.ts';
import { eventually, tempDataDir, timedFetch } from './helpers.ts';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const ADMIN_TOKEN = 'shutdown-test-admin-token-0123';

let dataDir: string;
let child: ChildProcess;
let port: number;
let output = '';
let exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

const logLines = () =>
  output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown> & { msg: string });

beforeAll(async () => {
  dataDir = tempDataDir();
  port = await freePort();
  child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: REPO,
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(port),
      MEILI_DATA_DIR: dataDir,
      ADMIN_TOKEN,
      LOG_LEVEL: 'info',
      RATE_LIMIT_PER_MINUTE: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const healthy = async () => (await timedFetch(`http://127.0.0.1:${port}/api/health`).catch(() => undefined))?.status === 200;
  expect(await eventually(healthy, 60_000), output).toBe(true);
});

afterAll(async () => {
  if (child && child.exitCode === null && child.signalCode === null) {
    child.kill('SIGKILL');
    await exited;
  }
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('SIGTERM', () => {
  it('finishes the request in flight, stops the engine and exits 0', async () => {
    const engine = JSON.parse(readFileSync(stateFilePath(dataDir), 'utf8')) as { pid: number; ownerPid: number };
    expect(engine.ownerPid).toBe(child.pid);
    expect(alive(engine.pid)).toBe(true);

    // A request whose body is still arriving is in flight for as long as we like.
    const body = JSON.stringify({ force: false });
    const socket = net.connect(port, '127.0.0.1');
    let response = '';
    socket.on('data', (chunk: Buffer) => (response += chunk.toString()));
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    socket.write(
      `POST /api/admin/reindex HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: Bearer ${ADMIN_TOKEN}\r\n` +
        `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body.slice(0, 5)}`,
    );
    await new Promise((resolve) => setTimeout(resolve, 300));

    child.kill('SIGTERM');
    expect(await eventually(() => logLines().some((l) => l.msg.startsWith('shutting down')), 30_000), output).toBe(true);
    // No new connections once shutdown has begun.
    const refused = await new Promise<boolean>((resolve) => {
      const probe = net.connect(port, '127.0.0.1');
      probe.once('connect', () => {
        probe.destroy();
        resolve(false);
      });
      probe.once('error', () => resolve(true));
    });
    expect(refused).toBe(true);

    // write, not end: a half-closed request would be abandoned by Node, shutdown or not.
    socket.write(body.slice(5));
    // Once answered, the connection is idle and the server closes it.
    await closed;
    expect(response).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(JSON.parse(response.slice(response.indexOf('\r\n\r\n') + 4))).toMatchObject({ status: 'unchanged', documents: 5 });

    expect(await exited).toEqual({ code: 0, signal: null });
    expect(await eventually(() => !alive(engine.pid), 30_000)).toBe(true);
    expect(existsSync(stateFilePath(dataDir))).toBe(false);
    const messages = logLines().map((l) => l.msg);
    expect(messages).toContain('embedded engine stopped');
    expect(logLines().find((l) => l.msg === 'shutdown complete')).toMatchObject({ code: 0 });
    // The finished request was logged with its latency.
    const logged = logLines().find((l) => (l.req as { url?: string } | undefined)?.url === '/api/admin/reindex');
    expect(logged).toMatchObject({ res: { statusCode: 200 } });
    expect(logged?.latencyMs).toBeGreaterThanOrEqual(300);
  });
});
