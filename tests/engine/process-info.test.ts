import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { isAlive, isSameProcess, processStartTime, terminate } from '../../engine/process-info.ts';

describe('process-info', () => {
  it('knows this process is alive and an exited one is not', () => {
    expect(isAlive(process.pid)).toBe(true);
    const { pid } = spawnSync('true');
    expect(isAlive(pid!)).toBe(false);
  });

  it('dates a process start close to when it was spawned', async () => {
    const before = Date.now();
    const child = spawn('sleep', ['5']);
    await once(child, 'spawn');
    const started = processStartTime(child.pid!)!.getTime();
    child.kill('SIGKILL');
    // /proc rebuilds start times from the boot time, which has a one-second resolution.
    expect(Math.abs(started - before)).toBeLessThan(2000);
  });

  it('rejects a recorded pid that now names a process started later (pid reuse)', async () => {
    const child = spawn('sleep', ['5']);
    await once(child, 'spawn');
    expect(isSameProcess(child.pid!, new Date())).toBe(true);
    expect(isSameProcess(child.pid!, new Date(Date.now() - 60_000))).toBe(false);
    child.kill('SIGKILL');
  });

  it('terminates with SIGKILL a process that ignores SIGTERM', async () => {
    const child = spawn('sh', ['-c', 'trap "" TERM; while :; do sleep 0.1; done']);
    await once(child, 'spawn');
    await new Promise((resolve) => setTimeout(resolve, 100)); // let the trap be installed
    const started = Date.now();
    await terminate(child.pid!, 300);
    expect(isAlive(child.pid!)).toBe(false);
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
  });
});
