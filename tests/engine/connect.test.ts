// The embedded engine's life in one process: own, share, stop, restart after a crash, start over stale leftovers,
// fail clearly without a binary.
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import getPort from 'get-port';
import { afterAll, describe, expect, it } from 'vitest';
import { connectEngine, stateFilePath, type ConnectOptions, type EngineHandle } from '../../engine/connect.ts';
import { EngineUnavailableError } from '../../engine/errors.ts';
import { masterKeyPath } from '../../engine/master-key.ts';
import { engineMissing, enginesOf, isAlive, processesMentioning } from './helpers.ts';
import { captureLogger, eventually, tempDataDir } from '../helpers/process.ts';

const dirs: string[] = [];
const handles: EngineHandle[] = [];
afterAll(async () => {
  for (const handle of handles) await handle.stop();
  for (const made of dirs) fs.rmSync(made, { recursive: true, force: true });
});

function dir(): string {
  dirs.push(tempDataDir());
  return dirs.at(-1)!;
}
async function connect(dataDir: string, options: ConnectOptions = {}) {
  handles.push(await connectEngine({ dataDir, env: {}, logger: captureLogger().logger, ...options }));
  return handles.at(-1)!;
}
const state = (dataDir: string) => JSON.parse(fs.readFileSync(stateFilePath(dataDir), 'utf8'));

describe.skipIf(engineMissing !== undefined)('connectEngine (embedded)', () => {
  const dataDir = dir();
  const ownerLog = captureLogger();
  let owner: EngineHandle;

  it('starts an engine it owns: healthy, private master key, address recorded for others', async () => {
    owner = await connect(dataDir, { logger: ownerLog.logger });
    expect(owner.mode).toBe('embedded-owned');
    expect(owner.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await owner.healthy()).toBe(true);
    expect(fs.statSync(masterKeyPath(dataDir)).mode & 0o777).toBe(0o600);
    expect(owner.adminKey).toBe(fs.readFileSync(masterKeyPath(dataDir), 'utf8').trim());
    expect(state(dataDir)).toEqual({ pid: owner.pid, url: owner.url, ownerPid: process.pid });
  });

  it('requires the master key, and keeps it out of the command line and the logs', async () => {
    const keys = (key?: string) => fetch(`${owner.url}/keys`, key ? { headers: { Authorization: `Bearer ${key}` } } : {});
    expect([(await keys()).status, (await keys('not-the-key-at-all-0000')).status, (await keys(owner.adminKey)).status]).toEqual([401, 403, 200]);
    const cmdline = fs.readFileSync(`/proc/${owner.pid}/cmdline`, 'utf8');
    expect(cmdline).toContain(dataDir);
    expect(cmdline).not.toContain(owner.adminKey);
    expect(ownerLog.text()).not.toContain(owner.adminKey);
  });

  it('shares the running engine with a second connection, whose stop() leaves it running', async () => {
    const shared = await connect(dataDir);
    expect(shared).toMatchObject({ mode: 'embedded-shared', pid: owner.pid, url: owner.url, adminKey: owner.adminKey });
    await shared.stop();
    expect(await owner.healthy()).toBe(true);
  });

  it('restarts a SIGKILLed engine on the same url and records it', async () => {
    const crashed = owner.pid!;
    const [down, up] = [once(owner.events, 'down'), once(owner.events, 'up')];
    process.kill(crashed, 'SIGKILL');
    expect((await down)[0]).toMatchObject({ pid: crashed, signal: 'SIGKILL', restartInMs: 250 });
    const [restarted] = await up;
    expect(restarted).toMatchObject({ url: owner.url, restarts: 1, pid: owner.pid });
    expect(restarted.pid).not.toBe(crashed);
    expect(await owner.healthy()).toBe(true);
    expect(state(dataDir).pid).toBe(restarted.pid);
    const messages = ownerLog.records().map((r) => r.msg);
    expect(messages).toEqual(expect.arrayContaining(['embedded engine exited unexpectedly', 'embedded engine restarted']));
  });

  it("owner's stop() ends the engine, its watchdog, the state file and the lock", async () => {
    const pid = owner.pid!;
    await owner.stop();
    expect(isAlive(pid)).toBe(false);
    expect(processesMentioning(dataDir)).toEqual([]);
    expect(fs.readdirSync(dataDir).filter((name) => name.startsWith('engine.'))).toEqual([]);
    expect(await owner.healthy()).toBe(false);
    await owner.stop(); // idempotent
  });

  it('starts over a state file whose engine is gone, on a configured port', async () => {
    fs.writeFileSync(stateFilePath(dataDir), JSON.stringify({ pid: 1, url: `http://127.0.0.1:${await getPort()}`, ownerPid: 1 }));
    const port = await getPort();
    const fresh = await connect(dataDir, { port });
    expect(fresh).toMatchObject({ mode: 'embedded-owned', url: `http://127.0.0.1:${port}` });
    expect(state(dataDir).pid).toBe(fresh.pid);
    await fresh.stop();
  });

  it('two starters at once: one owns the engine, the other waits for it and shares it', async () => {
    const folder = dir();
    const pair = await Promise.all([connect(folder), connect(folder)]);
    expect(pair.map((handle) => handle.mode).sort()).toEqual(['embedded-owned', 'embedded-shared']);
    expect(enginesOf(folder)).toEqual([pair[0].pid]);
    for (const handle of pair) await handle.stop();
  });

  it.each([
    ['its delay', 60_000],
    ["the new engine's start", 0],
  ])('stop() during a pending restart (%s) leaves no engine behind', async (_, initialBackoffMs) => {
    const folder = dir();
    const engine = await connect(folder, { backoff: { initialBackoffMs } });
    const crashed = engine.pid!;
    const down = once(engine.events, 'down');
    process.kill(crashed, 'SIGKILL');
    await down;
    // Without delay, stop once the next engine process exists: it is then starting, or just up.
    if (initialBackoffMs === 0) expect(await eventually(() => enginesOf(folder).some((pid) => pid !== crashed), 10_000)).toBe(true);
    await engine.stop();
    expect(processesMentioning(folder)).toEqual([]);
  });

  it('unsupervised: reports the death, and frees the folder for the next starter', async () => {
    const folder = dir();
    const engine = await connect(folder, { supervise: false });
    const down = once(engine.events, 'down');
    process.kill(engine.pid!, 'SIGKILL');
    expect((await down)[0].restartInMs).toBeUndefined();
    expect(await eventually(() => !fs.existsSync(stateFilePath(folder)), 2000)).toBe(true);
    expect(engine.pid).toBeUndefined();
    expect(await engine.healthy()).toBe(false);
    expect((await connect(folder)).mode).toBe('embedded-owned');
  });
});

describe('connectEngine without a binary', () => {
  it('fails with a hint to MEILI_URL and docker compose, leaving nothing behind', async () => {
    const dataDir = dir();
    const attempt = connectEngine({ dataDir, env: {}, binaryPath: path.join(dataDir, 'absent'), logger: captureLogger().logger });
    await expect(attempt).rejects.toThrow(EngineUnavailableError);
    await expect(attempt).rejects.toThrow(/set MEILI_URL \(and MEILI_MASTER_KEY\).*docker compose up/);
    expect(fs.readdirSync(dataDir)).toEqual([]);
  });
});
