import { request } from 'node:http';
import express from 'express';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { installGracefulShutdown, type GracefulShutdown } from '../../../server/http/shutdown.ts';
import { serve, type Served } from './harness.ts';

const silent = pino({ level: 'silent' });
const events: string[] = [];
const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  events.length = 0;
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function slowServer(delayMs: number): Promise<Served> {
  const app = express();
  app.get('/slow', async (_req, res) => {
    events.push('request started');
    await new Promise((r) => setTimeout(r, delayMs));
    events.push('request answered');
    res.json({ done: true });
  });
  app.get('/hang', () => {
    events.push('hang started');
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
      events.push(`exit ${code}`);
    },
    ...opts,
  });
  cleanups.push(() => handle.uninstall());
  return { handle, exits };
}

const hook = (name: string) => async () => {
  await new Promise((r) => setTimeout(r, 5));
  events.push(`hook ${name}`);
};

async function waitFor(event: string): Promise<void> {
  while (!events.includes(event)) await new Promise((r) => setTimeout(r, 5));
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
    const served = await slowServer(300);
    const { handle, exits } = install(served, [hook('a'), hook('b')], { timeoutMs: 5_000 });
    const inFlight = fetch(`${served.base}/slow`);
    await waitFor('request started');

    const started = Date.now();
    const done = handle.shutdown('test');
    expect(handle.shutdown('again')).toBe(done);
    expect(await refused(served.base)).toBe(true);

    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ done: true });
    await done;
    // Closed as soon as the request finished, not at the timeout.
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(events).toEqual(['request started', 'request answered', 'hook a', 'hook b', 'exit 0']);
    expect(exits).toEqual([0]);
    expect(served.server.listening).toBe(false);
  });

  it('cuts requests that outlive the timeout, still runs hooks', async () => {
    const served = await slowServer(0);
    const { handle, exits } = install(served, [hook('engine stop')], { timeoutMs: 200 });
    const hanging = fetch(`${served.base}/hang`).then(
      (r) => r.status,
      () => 'connection closed',
    );
    await waitFor('hang started');
    const started = Date.now();
    await handle.shutdown('test');
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
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
