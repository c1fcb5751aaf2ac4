import { request } from 'node:http';
import express from 'express';
import { pino } from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { installGracefulShutdown, type GracefulShutdown } from '../../../server/http/shutdown.ts';
import { serve, type Served } from './harness.ts';

const silent = pino({ level: 'silent' });
// The shutdown's timers (its timeout, the idle sweep) and the slow route's delay run on a fake clock: a test
// advances it and waits for events, never for wall-clock time. Sockets and setImmediate stay real.
const FAKE: Parameters<typeof vi.useFakeTimers>[0] = { toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] };
const events: string[] = [];
let onEvent: () => void = () => undefined;
const cleanups: (() => Promise<void> | void)[] = [];

function record(event: string): void {
  events.push(event);
  onEvent();
}

afterEach(async () => {
  vi.useRealTimers();
  events.length = 0;
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function slowServer(delayMs: number): Promise<Served> {
  const app = express();
  app.get('/slow', async (_req, res) => {
    record('request started');
    await new Promise((r) => setTimeout(r, delayMs));
    record('request answered');
    res.json({ done: true });
  });
  app.get('/hang', () => {
    record('hang started');
  });
  const served = await serve(app);
  cleanups.push(() => (served.server.listening ? served.close() : undefined));
  return served;
}

function install(served: Served, hooks: (() => Promise<void>)[], opts: Parameters<typeof installGracefulShutdown>[2]) {
  const exits: number[] = [];
  const handle: GracefulShutdown = installGracefulShutdown(served.server, hooks, {
    logger: silent,
    exit: (code) => {
      exits.push(code);
      record(`exit ${code}`);
    },
    ...opts,
  });
  cleanups.push(() => handle.uninstall());
  return { handle, exits };
}

// An asynchronous hook (a turn of the event loop, no timer): the next one must wait for it.
const hook = (name: string) => async () => {
  await new Promise((r) => setImmediate(r));
  record(`hook ${name}`);
};

/** Resolves once `event` has been recorded. */
async function waitFor(event: string): Promise<void> {
  while (!events.includes(event)) await new Promise<void>((resolve) => (onEvent = resolve));
}

/** Resolves to true if a new TCP connection is refused. */
function refused(base: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request(`${base}/slow`, () => resolve(false));
    req.on('error', () => resolve(true));
    req.end();
  });
}

describe('installGracefulShutdown', () => {
  it('lets an in-flight request finish, refuses new connections, then runs hooks in order and exits 0', async () => {
    vi.useFakeTimers(FAKE);
    const served = await slowServer(300);
    const { handle, exits } = install(served, [hook('a'), hook('b')], { timeoutMs: 5_000 });
    const inFlight = fetch(`${served.base}/slow`);
    await waitFor('request started');

    const done = handle.shutdown('test');
    expect(handle.shutdown('again')).toBe(done);
    expect(await refused(served.base)).toBe(true);

    // The request's 300 ms pass on the fake clock; it is answered while the shutdown waits.
    await vi.advanceTimersByTimeAsync(300);
    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ done: true });
    // One idle sweep (100 ms) closes the answered keep-alive connection: the shutdown ends then, 4.6 s before its
    // timeout would fire on this clock.
    await vi.advanceTimersByTimeAsync(100);
    await done;
    expect(events).toEqual(['request started', 'request answered', 'hook a', 'hook b', 'exit 0']);
    expect(exits).toEqual([0]);
    expect(served.server.listening).toBe(false);
  });

  it('cuts requests that outlive the timeout, still runs hooks', async () => {
    vi.useFakeTimers(FAKE);
    const served = await slowServer(0);
    const { handle, exits } = install(served, [hook('engine stop')], { timeoutMs: 200 });
    const hanging = fetch(`${served.base}/hang`).then(
      (r) => r.status,
      () => 'connection closed',
    );
    await waitFor('hang started');
    let finished = false;
    const done = handle.shutdown('test').then(() => (finished = true));
    // Not cut before the timeout...
    await vi.advanceTimersByTimeAsync(199);
    await new Promise((r) => setImmediate(r));
    expect(finished).toBe(false);
    expect(events).not.toContain('hook engine stop');
    // ...and cut at it.
    await vi.advanceTimersByTimeAsync(1);
    await done;
    expect(await hanging).toBe('connection closed');
    expect(events.slice(-2)).toEqual(['hook engine stop', 'exit 0']);
    expect(exits).toEqual([0]);
  });

  it('exits 1 when a hook fails, after running the remaining hooks', async () => {
    const served = await slowServer(0);
    const failing = async () => {
      throw new Error('stop failed');
    };
    const { handle, exits } = install(served, [failing, hook('after')], { timeoutMs: 1_000 });
    await handle.shutdown('test');
    expect(events).toEqual(['hook after', 'exit 1']);
    expect(exits).toEqual([1]);
  });

  it('listens to SIGTERM and SIGINT by default and uninstalls cleanly', async () => {
    const served = await slowServer(0);
    const before = [process.listenerCount('SIGTERM'), process.listenerCount('SIGINT')];
    const { handle } = install(served, [], {});
    expect([process.listenerCount('SIGTERM'), process.listenerCount('SIGINT')]).toEqual([before[0]! + 1, before[1]! + 1]);
    handle.uninstall();
    expect([process.listenerCount('SIGTERM'), process.listenerCount('SIGINT')]).toEqual(before);
  });

  it('starts on the configured signal', async () => {
    const served = await slowServer(0);
    const { exits } = install(served, [hook('on signal')], { signals: ['SIGUSR2'], timeoutMs: 1_000 });
    // Emitting on `process` runs the listeners without delivering a real signal to the test worker.
    process.emit('SIGUSR2', 'SIGUSR2');
    await waitFor('exit 0');
    expect(events).toEqual(['hook on signal', 'exit 0']);
    expect(exits).toEqual([0]);
    expect(served.server.listening).toBe(false);
  });
});
