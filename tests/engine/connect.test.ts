// The embedded engine's life: own, share, stop, recover from a crash's leftovers, fail clearly without a binary.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { connectEngine, type EngineHandle } from '../../engine/connect.ts';
import { findFreePort } from '../../engine/embedded.ts';
import { EngineUnavailableError } from '../../engine/errors.ts';
import { masterKeyPath } from '../../engine/master-key.ts';
import { isAlive } from '../../engine/process-info.ts';
import { stateFilePath, writeState } from '../../engine/state.ts';
import { captureLogger, processesMentioning, tempDataDir } from './helpers.ts';

const dirs: string[] = [];
const handles: EngineHandle[] = [];

async function connect(dataDir: string, log = captureLogger()) {
  const handle = await connectEngine({ dataDir, env: {}, logger: log.logger });
  handles.push(handle);
  return handle;
}

afterAll(async () => {
  for (const handle of handles) await handle.stop();
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe('connectEngine (embedded)', () => {
  const dataDir = tempDataDir();
  dirs.push(dataDir);
  const ownerLog = captureLogger();
  let owner: EngineHandle;
  let shared: EngineHandle;

  it('starts an engine it owns: healthy, private master key, state recorded', async () => {
    owner = await connect(dataDir, ownerLog);
    expect(owner.mode).toBe('embedded-owned');
    expect(owner.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await owner.healthy()).toBe(true);
    expect((await fetch(`${owner.url}/health`)).ok).toBe(true);
    expect(fs.statSync(masterKeyPath(dataDir)).mode & 0o777).toBe(0o600);
    expect(owner.adminKey).toBe(fs.readFileSync(masterKeyPath(dataDir), 'utf8').trim());
    const state = JSON.parse(fs.readFileSync(stateFilePath(dataDir), 'utf8'));
    expect(state).toMatchObject({ pid: owner.pid, url: owner.url, ownerPid: process.pid });
    expect(fs.existsSync(path.join(dataDir, 'db'))).toBe(true);
  });

  it('requires the master key: the engine refuses anonymous and wrong-key requests', async () => {
    expect((await fetch(`${owner.url}/keys`)).status).toBe(401);
    const wrong = await fetch(`${owner.url}/keys`, { headers: { Authorization: 'Bearer not-the-key-at-all-0000' } });
    expect(wrong.status).toBe(403);
    const right = await fetch(`${owner.url}/keys`, { headers: { Authorization: `Bearer ${owner.adminKey}` } });
    expect(right.status).toBe(200);
  });

  it('keeps the master key out of the command line and the logs', () => {
    const cmdline = fs.readFileSync(`/proc/${owner.pid}/cmdline`, 'utf8');
    expect(cmdline).toContain(dataDir);
    expect(cmdline).not.toContain(owner.adminKey);
    expect(ownerLog.text()).not.toContain(owner.adminKey);
  });

  it('lets a second process share the running engine, whose stop() leaves it running', async () => {
    shared = await connect(dataDir);
    expect(shared.mode).toBe('embedded-shared');
    expect(shared.pid).toBe(owner.pid);
    expect(shared.url).toBe(owner.url);
    await shared.stop();
    expect(isAlive(owner.pid!)).toBe(true);
    expect(await owner.healthy()).toBe(true);
  });

  it("owner's stop() ends the engine, its watchdog and the state file", async () => {
    const pid = owner.pid!;
    await owner.stop();
    expect(isAlive(pid)).toBe(false);
    expect(fs.existsSync(stateFilePath(dataDir))).toBe(false);
    expect(processesMentioning(dataDir)).toEqual([]);
    expect(await owner.healthy()).toBe(false);
    await owner.stop(); // idempotent
  });

  it('clears the state of a crashed owner and starts a new engine on the same data', async () => {
    const { pid: dead } = spawnSync('true');
    await writeState(dataDir, {
      pid: dead!,
      port: 1,
      url: 'http://127.0.0.1:1',
      startedAt: new Date().toISOString(),
      ownerPid: dead!,
    });
    const log = captureLogger();
    const fresh = await connect(dataDir, log);
    expect(fresh.mode).toBe('embedded-owned');
    expect(fresh.pid).not.toBe(dead);
    expect(await fresh.healthy()).toBe(true);
    expect(JSON.parse(fs.readFileSync(stateFilePath(dataDir), 'utf8')).pid).toBe(fresh.pid);
    expect(log.records().map((record) => record.msg)).toContain('stale engine state cleared');
    await fresh.stop();
  });

  it('starts on a configured port', async () => {
    const dir = tempDataDir();
    dirs.push(dir);
    const port = await findFreePort();
    const handle = await connectEngine({ dataDir: dir, port, env: {}, logger: captureLogger().logger });
    handles.push(handle);
    expect(handle.url).toBe(`http://127.0.0.1:${port}`);
    await handle.stop();
  });

  it('fails with a hint to MEILI_URL and docker compose when the binary is missing', async () => {
    const dir = tempDataDir();
    dirs.push(dir);
    const attempt = connectEngine({ dataDir: dir, env: {}, binaryPath: path.join(dir, 'absent'), logger: captureLogger().logger });
    await expect(attempt).rejects.toThrow(EngineUnavailableError);
    await expect(attempt).rejects.toThrow(/set MEILI_URL \(and MEILI_MASTER_KEY\).*docker compose up/);
    expect(fs.existsSync(stateFilePath(dir))).toBe(false);
  });
});
