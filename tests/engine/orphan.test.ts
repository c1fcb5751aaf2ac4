// However its owner ends (signal, process.exit, even SIGKILL, which runs no clean-up code), the engine goes too.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { connectEngine } from '../../engine/connect.ts';
import { isAlive } from '../../engine/process-info.ts';
import { stateFilePath } from '../../engine/state.ts';
import { captureLogger, eventually, processesMentioning, tempDataDir } from './helpers.ts';

const fixture = fileURLToPath(new URL('./fixtures/owner.ts', import.meta.url));
const dirs: string[] = [];
const owners: ChildProcess[] = [];
const cleanup: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const owner of owners) if (owner.exitCode === null && owner.signalCode === null) owner.kill('SIGKILL');
  for (const step of cleanup) await step();
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

interface Owned {
  owner: ChildProcess;
  dataDir: string;
  engine: { pid: number; url: string };
}

async function startOwner(mode?: 'exit'): Promise<Owned> {
  const dataDir = tempDataDir();
  dirs.push(dataDir);
  // One node process (no tsx wrapper), so signals hit the owner itself.
  const owner = spawn(process.execPath, ['--import', 'tsx', fixture, dataDir, ...(mode ? [mode] : [])], {
    cwd: path.resolve(path.dirname(fixture), '../../..'),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  owners.push(owner);
  const [line] = (await once(readline.createInterface({ input: owner.stdout! }), 'line')) as [string];
  return { owner, dataDir, engine: JSON.parse(line) as Owned['engine'] };
}

async function engineGone({ dataDir, engine }: Owned): Promise<void> {
  expect(await eventually(() => !isAlive(engine.pid), 5000)).toBe(true);
  expect(await eventually(() => processesMentioning(dataDir).length === 0, 2000)).toBe(true);
}

describe('owner exit', () => {
  it('SIGTERM: the owner stops the engine, clears its state and dies of the signal', async () => {
    const owned = await startOwner();
    expect((await fetch(`${owned.engine.url}/health`)).ok).toBe(true);
    const exited = once(owned.owner, 'exit');
    owned.owner.kill('SIGTERM');
    expect(await exited).toEqual([null, 'SIGTERM']);
    await engineGone(owned);
    expect(fs.existsSync(stateFilePath(owned.dataDir))).toBe(false);
  });

  it('process.exit(): the engine is stopped synchronously on the way out', async () => {
    const owned = await startOwner('exit');
    expect(await once(owned.owner, 'exit')).toEqual([0, null]);
    expect(isAlive(owned.engine.pid)).toBe(false);
    await engineGone(owned);
    expect(fs.existsSync(stateFilePath(owned.dataDir))).toBe(false);
  });

  it('SIGKILL: the watchdog ends the engine, and the next start sees through the dead state', async () => {
    const owned = await startOwner();
    expect(isAlive(owned.engine.pid)).toBe(true);
    owned.owner.kill('SIGKILL');
    await engineGone(owned);
    expect(fs.existsSync(stateFilePath(owned.dataDir))).toBe(true);

    const next = await connectEngine({ dataDir: owned.dataDir, env: {}, logger: captureLogger().logger });
    cleanup.push(() => next.stop());
    expect(next.mode).toBe('embedded-owned');
    expect(next.pid).not.toBe(owned.engine.pid);
    expect(await next.healthy()).toBe(true);
  });
});
