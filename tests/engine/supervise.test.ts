// A killed engine comes back by itself on the same address; unsupervised, it is reported and its folder freed.
import { once } from 'node:events';
import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { connectEngine, stateFilePath, type EngineHandle } from '../../engine/connect.ts';
import { captureLogger, engineMissing, eventually, isAlive, processesMentioning, tempDataDirs } from './helpers.ts';

const dataDir = tempDataDirs();
const handles: EngineHandle[] = [];
afterAll(async () => {
  for (const handle of handles) await handle.stop();
});

describe.skipIf(engineMissing !== undefined)('supervision', () => {
  it('restarts a SIGKILLed engine on the same url, records it, and stops it with the handle', async () => {
    const dir = dataDir();
    const log = captureLogger();
    const engine = await connectEngine({ dataDir: dir, env: {}, logger: log.logger, backoff: { initialBackoffMs: 100 } });
    handles.push(engine);
    const crashed = engine.pid!;
    const down = once(engine.events, 'down');
    const up = once(engine.events, 'up');
    process.kill(crashed, 'SIGKILL');
    expect((await down)[0]).toMatchObject({ pid: crashed, signal: 'SIGKILL', restartInMs: 100 });
    const [restarted] = await up;
    expect(restarted).toMatchObject({ url: engine.url, restarts: 1 });
    expect(restarted.pid).not.toBe(crashed);
    expect(engine.pid).toBe(restarted.pid);
    expect(await engine.healthy()).toBe(true);
    expect(JSON.parse(fs.readFileSync(stateFilePath(dir), 'utf8')).pid).toBe(restarted.pid);
    const messages = log.records().map((r) => r.msg);
    expect(messages).toEqual(expect.arrayContaining(['embedded engine exited unexpectedly', 'embedded engine restarted']));

    await engine.stop();
    expect(isAlive(restarted.pid)).toBe(false);
    expect(processesMentioning(dir)).toEqual([]);
  });

  it('stop() during a pending restart leaves no engine behind', async () => {
    const dir = dataDir();
    const engine = await connectEngine({ dataDir: dir, env: {}, logger: captureLogger().logger, backoff: { initialBackoffMs: 50 } });
    handles.push(engine);
    const down = once(engine.events, 'down');
    process.kill(engine.pid!, 'SIGKILL');
    await down;
    // Within the restart: the delay, or the start of the new engine.
    await new Promise((resolve) => setTimeout(resolve, 60));
    await engine.stop();
    expect(processesMentioning(dir)).toEqual([]);
  });

  it('unsupervised: reports the death, and frees the folder for the next starter', async () => {
    const dir = dataDir();
    const engine = await connectEngine({ dataDir: dir, env: {}, supervise: false, logger: captureLogger().logger });
    handles.push(engine);
    const down = once(engine.events, 'down');
    process.kill(engine.pid!, 'SIGKILL');
    const [event] = await down;
    expect(event.restartInMs).toBeUndefined();
    expect(await eventually(() => !fs.existsSync(stateFilePath(dir)), 2000)).toBe(true);
    expect(engine.pid).toBeUndefined();
    expect(await engine.healthy()).toBe(false);
    const next = await connectEngine({ dataDir: dir, env: {}, logger: captureLogger().logger });
    handles.push(next);
    expect(next.mode).toBe('embedded-owned');
  });
});
