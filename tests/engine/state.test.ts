import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import {
  inspectState,
  readLiveState,
  removeState,
  stateFilePath,
  writeState,
  type EngineState,
} from '../../engine/state.ts';
import { EngineConnectError } from '../../engine/errors.ts';
import { isAlive } from '../../engine/process-info.ts';
import { captureLogger, startStandalone, tempDataDirs, type StandaloneEngine } from './helpers.ts';

// Registered first, so it runs after the engines are stopped (vitest runs after-hooks in reverse order).
const dataDir = tempDataDirs();
const engines: StandaloneEngine[] = [];
afterEach(async () => {
  for (const engine of engines.splice(0)) await engine.stop();
});

function deadPid(): number {
  const { pid } = spawnSync('true');
  if (pid === undefined) throw new Error('cannot spawn');
  return pid;
}

const options = (dir: string) => ({ dataDir: dir, masterKey: 'k'.repeat(32), timeoutMs: 500, logger: captureLogger().logger });

function state(overrides: Partial<EngineState>): EngineState {
  return {
    pid: deadPid(),
    port: 1, // nothing listens there
    url: 'http://127.0.0.1:1',
    startedAt: new Date().toISOString(),
    ownerPid: deadPid(),
    ...overrides,
  };
}

describe('engine state file', () => {
  it('round-trips and refuses to write an invalid state', async () => {
    const dir = dataDir();
    const recorded = state({});
    await writeState(dir, recorded);
    expect(JSON.parse(fs.readFileSync(stateFilePath(dir), 'utf8'))).toEqual(recorded);
    await expect(writeState(dir, { ...recorded, port: 0 })).rejects.toThrow();
  });

  it('reports absence', async () => {
    expect(await inspectState(options(dataDir()))).toEqual({ kind: 'absent' });
  });

  it('clears the state left by a crash (engine and owner dead)', async () => {
    const dir = dataDir();
    await writeState(dir, state({}));
    expect(await readLiveState(options(dir))).toBeUndefined();
    expect(fs.existsSync(stateFilePath(dir))).toBe(false);
  });

  it('clears a state whose pids were reused by processes started after it', async () => {
    const dir = dataDir();
    // This process started long before the recorded start: it cannot be that owner.
    await writeState(dir, state({ ownerPid: process.pid, pid: process.pid, startedAt: '2000-01-01T00:00:00.000Z' }));
    expect(await inspectState(options(dir))).toEqual({ kind: 'stale' });
    expect(fs.existsSync(stateFilePath(dir))).toBe(false);
  });

  it('clears an unreadable state file', async () => {
    const dir = dataDir();
    fs.writeFileSync(stateFilePath(dir), '{"pid": ');
    expect(await inspectState(options(dir))).toEqual({ kind: 'stale' });
    expect(fs.existsSync(stateFilePath(dir))).toBe(false);
  });

  it('keeps the state while its owner lives but the engine is down (a restart is under way)', async () => {
    const dir = dataDir();
    const recorded = state({ ownerPid: process.pid });
    await writeState(dir, recorded);
    expect(await inspectState(options(dir))).toEqual({ kind: 'recovering', state: recorded });
    expect(await readLiveState(options(dir))).toBeUndefined();
    expect(fs.existsSync(stateFilePath(dir))).toBe(true);
  });

  it('removes only the state it was asked to remove', async () => {
    const dir = dataDir();
    const older = state({});
    const newer = state({ startedAt: new Date(Date.now() + 1000).toISOString() });
    await writeState(dir, newer);
    await removeState(dir, older);
    expect(fs.existsSync(stateFilePath(dir))).toBe(true);
    await removeState(dir, newer);
    expect(fs.existsSync(stateFilePath(dir))).toBe(false);
  });

  it('stops an engine whose owner died without it, then clears the state', async () => {
    const dir = dataDir();
    const engine = await startStandalone(dir, 'k'.repeat(32));
    engines.push(engine);
    const pid = engine.process.pid!;
    await writeState(dir, state({ pid, port: Number(new URL(engine.url).port), url: engine.url }));
    expect(await inspectState(options(dir))).toEqual({ kind: 'stale' });
    expect(isAlive(pid)).toBe(false);
    expect(fs.existsSync(stateFilePath(dir))).toBe(false);
  });

  it('refuses to touch a live engine that rejects the master key', async () => {
    const dir = dataDir();
    const engine = await startStandalone(dir, 'another-master-key-0123456789');
    engines.push(engine);
    const pid = engine.process.pid!;
    await writeState(dir, state({ pid, port: Number(new URL(engine.url).port), url: engine.url, ownerPid: process.pid }));
    await expect(inspectState(options(dir))).rejects.toThrow(EngineConnectError);
    expect(isAlive(pid)).toBe(true);
    expect(fs.existsSync(stateFilePath(dir))).toBe(true);
  });
});
