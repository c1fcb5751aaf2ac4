import { once } from 'node:events';
import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { connectEngine, type EngineHandle } from '../../engine/connect.ts';
import type { EmbeddedEngine, ExitInfo } from '../../engine/embedded.ts';
import { isAlive } from '../../engine/process-info.ts';
import { stateFilePath } from '../../engine/state.ts';
import {
  backoffDelay,
  DEFAULT_BACKOFF,
  EngineSupervisor,
  type EngineDownEvent,
  type EngineUpEvent,
} from '../../engine/supervisor.ts';
import { captureLogger, eventually, tempDataDir } from './helpers.ts';

/** An engine stand-in whose death the test decides. */
function fakeEngine(pid: number): EmbeddedEngine & { crash(info?: ExitInfo): void } {
  let exit!: (info: ExitInfo) => void;
  let exited = false;
  const done = new Promise<ExitInfo>((resolve) => (exit = resolve));
  const finish = (info: ExitInfo) => {
    exited = true;
    exit(info);
  };
  return {
    pid,
    port: 7700,
    url: 'http://127.0.0.1:7700',
    exited: done,
    get hasExited() {
      return exited;
    },
    stop: async () => {
      finish({ code: null, signal: 'SIGTERM' });
      return done;
    },
    stopSync: () => finish({ code: null, signal: 'SIGTERM' }),
    crash: (info = { code: 1, signal: null }) => finish(info),
  };
}

describe('backoffDelay', () => {
  it('doubles from the initial delay up to the cap', () => {
    const delays = Array.from({ length: 8 }, (_, failures) => backoffDelay(failures, DEFAULT_BACKOFF));
    expect(delays).toEqual([250, 500, 1000, 2000, 4000, 8000, 10_000, 10_000]);
  });
});

describe('EngineSupervisor', () => {
  const backoff = { initialBackoffMs: 20, maxBackoffMs: 80, stableAfterMs: 60_000 };

  it('restarts a crashed engine with growing delays while restarts keep failing', async () => {
    const log = captureLogger();
    const first = fakeEngine(100);
    let attempts = 0;
    const attemptTimes: number[] = [];
    const second = fakeEngine(101);
    const supervisor = new EngineSupervisor(first, {
      ...backoff,
      logger: log.logger,
      start: async () => {
        attemptTimes.push(Date.now());
        attempts += 1;
        if (attempts < 4) throw new Error(`start failure ${attempts}`);
        return second;
      },
    });
    const downs: EngineDownEvent[] = [];
    const ups: EngineUpEvent[] = [];
    supervisor.on('down', (event) => downs.push(event));
    supervisor.on('up', (event) => ups.push(event));
    const crashedAt = Date.now();
    first.crash({ code: 137, signal: null });
    expect(await eventually(() => ups.length === 1, 2000)).toBe(true);
    expect(downs).toEqual([{ pid: 100, code: 137, signal: null, restartInMs: 20 }]);
    expect(ups).toEqual([{ pid: 101, url: second.url, restarts: 1 }]);
    expect(supervisor.current).toBe(second);
    // Waits of 20, 40, 80 and 80 (capped) ms before the four attempts.
    const gaps = [attemptTimes[0]! - crashedAt, ...attemptTimes.slice(1).map((time, i) => time - attemptTimes[i]!)];
    expect(gaps.map((gap, i) => gap >= [20, 40, 80, 80][i]! - 5)).toEqual([true, true, true, true]);
    const errors = log.records().filter((record) => record.level === 50);
    expect(errors[0]).toMatchObject({ msg: 'embedded engine exited unexpectedly', engine: 100, code: 137 });
    expect(errors.filter((record) => record.msg === 'embedded engine restart failed')).toHaveLength(3);
    await supervisor.stop();
    expect(second.hasExited).toBe(true);
  });

  it('stops restarting once stopped, even with a restart pending', async () => {
    const first = fakeEngine(200);
    let attempts = 0;
    const supervisor = new EngineSupervisor(first, {
      ...backoff,
      initialBackoffMs: 100,
      maxBackoffMs: 1000,
      logger: captureLogger().logger,
      start: async () => {
        attempts += 1;
        return fakeEngine(201);
      },
    });
    const down = once(supervisor, 'down');
    first.crash();
    expect(await down).toEqual([{ pid: 200, code: 1, signal: null, restartInMs: 100 }]);
    await supervisor.stop();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(attempts).toBe(0);
    expect(supervisor.current).toBeUndefined();
  });

  it('does not treat its own stop as a crash', async () => {
    const first = fakeEngine(300);
    const supervisor = new EngineSupervisor(first, { ...backoff, logger: captureLogger().logger, start: async () => fakeEngine(301) });
    const downs: EngineDownEvent[] = [];
    supervisor.on('down', (event) => downs.push(event));
    await supervisor.stop();
    expect(first.hasExited).toBe(true);
    expect(downs).toEqual([]);
  });

  it('only reports the crash when restarts are off', async () => {
    const first = fakeEngine(400);
    let attempts = 0;
    const supervisor = new EngineSupervisor(first, {
      ...backoff,
      autoRestart: false,
      logger: captureLogger().logger,
      start: async () => {
        attempts += 1;
        return fakeEngine(401);
      },
    });
    const downs: EngineDownEvent[] = [];
    supervisor.on('down', (event) => downs.push(event));
    first.crash();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(downs).toEqual([{ pid: 400, code: 1, signal: null }]);
    expect(attempts).toBe(0);
  });
});

describe('supervised embedded engine', () => {
  const dataDir = tempDataDir();
  let handle: EngineHandle | undefined;
  afterAll(async () => {
    await handle?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('comes back on the same url with a new pid after being SIGKILLed, and logs the crash', async () => {
    const log = captureLogger();
    handle = await connectEngine({ dataDir, env: {}, logger: log.logger });
    const firstPid = handle.pid!;
    const downs: EngineDownEvent[] = [];
    const ups: EngineUpEvent[] = [];
    handle.events.on('down', (event) => downs.push(event));
    handle.events.on('up', (event) => ups.push(event));

    process.kill(firstPid, 'SIGKILL');
    expect(await eventually(() => ups.length === 1, 10_000)).toBe(true);
    expect(downs).toEqual([{ pid: firstPid, code: null, signal: 'SIGKILL', restartInMs: 250 }]);
    expect(handle.pid).toBe(ups[0]!.pid);
    expect(handle.pid).not.toBe(firstPid);
    expect(isAlive(handle.pid!)).toBe(true);
    expect(await handle.healthy()).toBe(true);
    expect(await eventually(() => JSON.parse(fs.readFileSync(stateFilePath(dataDir), 'utf8')).pid === handle!.pid, 2000)).toBe(true);
    const crash = log.records().find((record) => record.msg === 'embedded engine exited unexpectedly');
    expect(crash).toMatchObject({ level: 50, engine: firstPid, signal: 'SIGKILL' });
    expect(log.text()).not.toContain(handle.adminKey);
  });

  it('lets a concurrent process wait for the restart instead of starting a second engine', async () => {
    const pid = handle!.pid!;
    const restarted = new Promise<EngineUpEvent>((resolve) => handle!.events.once('up', resolve));
    process.kill(pid, 'SIGKILL');
    await eventually(() => !isAlive(pid), 2000);
    const other = await connectEngine({ dataDir, env: {}, logger: captureLogger().logger });
    expect(other.mode).toBe('embedded-shared');
    expect(other.pid).toBe((await restarted).pid);
  });
});
