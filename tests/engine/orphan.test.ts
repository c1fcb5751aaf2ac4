// However its owner process ends (signal, process.exit, uncaught error, even SIGKILL, which runs no code of ours),
// the engine goes too; while the owner runs, another process reuses its engine instead of starting a second one.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { connectEngine, type EngineHandle } from '../../engine/connect.ts';
import { engineMissing, enginesOf, isAlive, processesMentioning } from './helpers.ts';
import { captureLogger, eventually, tempDataDir } from '../helpers/process.ts';

const fixture = fileURLToPath(new URL('./fixtures/owner.ts', import.meta.url));
const cleanup: Array<() => unknown> = [];
afterAll(async () => {
  for (const step of cleanup.reverse()) await step();
});
const connect = async (dataDir: string): Promise<EngineHandle> => {
  const handle = await connectEngine({ dataDir, env: {}, logger: captureLogger().logger });
  cleanup.push(() => handle.stop());
  return handle;
};

async function startOwner(mode?: 'exit' | 'throw') {
  const dataDir = tempDataDir();
  cleanup.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  // One node process (no tsx wrapper), so signals hit the owner itself.
  const owner = spawn(process.execPath, ['--import', 'tsx', fixture, dataDir, ...(mode ? [mode] : [])], { stdio: ['ignore', 'pipe', 'pipe'] });
  cleanup.push(() => owner.exitCode === null && owner.signalCode === null && owner.kill('SIGKILL'));
  const exited = once(owner, 'exit');
  const [line] = (await once(readline.createInterface({ input: owner.stdout }), 'line')) as [string];
  return { owner, exited, dataDir, engine: JSON.parse(line) as { pid: number; url: string } };
}

async function expectEngineGone(dataDir: string, pid: number): Promise<void> {
  expect(await eventually(() => !isAlive(pid), 10_000)).toBe(true);
  expect(await eventually(() => processesMentioning(dataDir).length === 0, 5000)).toBe(true);
}

describe.skipIf(engineMissing !== undefined)('owner exit', () => {
  it.each([
    ['SIGTERM', undefined, [null, 'SIGTERM']],
    ['SIGINT', undefined, [null, 'SIGINT']],
    ['process.exit()', 'exit', [0, null]],
    ['an uncaught error', 'throw', [1, null]],
  ] as const)('%s: the engine goes with its owner', async (how, mode, exit) => {
    const owned = await startOwner(mode);
    if (mode === undefined) owned.owner.kill(how as NodeJS.Signals);
    expect(await owned.exited).toEqual(exit);
    await expectEngineGone(owned.dataDir, owned.engine.pid);
  });

  it('SIGKILL: the watchdog ends the engine, and the next start takes over the dead lock', async () => {
    const owned = await startOwner();
    owned.owner.kill('SIGKILL');
    await owned.exited;
    await expectEngineGone(owned.dataDir, owned.engine.pid);
    const next = await connect(owned.dataDir);
    expect(next.mode).toBe('embedded-owned');
    expect(await next.healthy()).toBe(true);
  });
});

describe.skipIf(engineMissing !== undefined)('a second process beside the owner', () => {
  it('reuses the running engine of the same data folder, and waits for it while it restarts', async () => {
    const owned = await startOwner();
    expect(await connect(owned.dataDir)).toMatchObject({ mode: 'embedded-shared', pid: owned.engine.pid, url: owned.engine.url });
    expect(enginesOf(owned.dataDir)).toEqual([owned.engine.pid]);
    // Killed, the owner's engine is restarted; a connection made meanwhile waits for it rather than starting another.
    process.kill(owned.engine.pid, 'SIGKILL');
    const third = await connect(owned.dataDir);
    expect(third).toMatchObject({ mode: 'embedded-shared', url: owned.engine.url });
    expect(await third.healthy()).toBe(true);
    const engines = enginesOf(owned.dataDir);
    expect(engines).toHaveLength(1);
    expect(engines).not.toContain(owned.engine.pid);
    owned.owner.kill('SIGTERM');
    await owned.exited;
    await expectEngineGone(owned.dataDir, engines[0]!);
  });
});
