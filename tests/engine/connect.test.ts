// The embedded engine's life in one process: own, share, stop, start over stale leftovers, fail clearly without a binary.
import fs from 'node:fs';
import path from 'node:path';
import getPort from 'get-port';
import { afterAll, describe, expect, it } from 'vitest';
import { connectEngine, stateFilePath, type EngineHandle } from '../../engine/connect.ts';
import { EngineUnavailableError } from '../../engine/errors.ts';
import { masterKeyPath } from '../../engine/master-key.ts';
import { captureLogger, engineMissing, isAlive, processesMentioning, tempDataDir } from './helpers.ts';

const dirs: string[] = [];
const handles: EngineHandle[] = [];

function dir(): string {
  const made = tempDataDir();
  dirs.push(made);
  return made;
}

async function connect(dataDir: string, options: Parameters<typeof connectEngine>[0] = {}) {
  const handle = await connectEngine({ dataDir, env: {}, logger: captureLogger().logger, ...options });
  handles.push(handle);
  return handle;
}

afterAll(async () => {
  for (const handle of handles) await handle.stop();
  for (const made of dirs) fs.rmSync(made, { recursive: true, force: true });
});

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
    expect(JSON.parse(fs.readFileSync(stateFilePath(dataDir), 'utf8'))).toEqual({ pid: owner.pid, url: owner.url, ownerPid: process.pid });
    expect(fs.existsSync(path.join(dataDir, 'db'))).toBe(true);
  });

  it('requires the master key, and keeps it out of the command line and the logs', async () => {
    expect((await fetch(`${owner.url}/keys`)).status).toBe(401);
    expect((await fetch(`${owner.url}/keys`, { headers: { Authorization: 'Bearer not-the-key-at-all-0000' } })).status).toBe(403);
    expect((await fetch(`${owner.url}/keys`, { headers: { Authorization: `Bearer ${owner.adminKey}` } })).status).toBe(200);
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

  it("owner's stop() ends the engine, its watchdog, the state file and the lock", async () => {
    const pid = owner.pid!;
    await owner.stop();
    expect(isAlive(pid)).toBe(false);
    expect(processesMentioning(dataDir)).toEqual([]);
    expect(fs.existsSync(stateFilePath(dataDir))).toBe(false);
    expect(fs.existsSync(path.join(dataDir, 'engine.lock'))).toBe(false);
    expect(await owner.healthy()).toBe(false);
    await owner.stop(); // idempotent
  });

  it('starts over a state file whose engine is gone, on the same data', async () => {
    fs.writeFileSync(stateFilePath(dataDir), JSON.stringify({ pid: 1, url: `http://127.0.0.1:${await getPort()}`, ownerPid: 1 }));
    const fresh = await connect(dataDir);
    expect(fresh.mode).toBe('embedded-owned');
    expect(JSON.parse(fs.readFileSync(stateFilePath(dataDir), 'utf8')).pid).toBe(fresh.pid);
    await fresh.stop();
  });

  it('starts on a configured port', async () => {
    const port = await getPort();
    const handle = await connect(dir(), { port });
    expect(handle.url).toBe(`http://127.0.0.1:${port}`);
    expect(await handle.healthy()).toBe(true);
    await handle.stop();
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
