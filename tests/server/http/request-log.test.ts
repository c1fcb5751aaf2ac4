import { Writable } from 'node:stream';
import express from 'express';
import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { errorHandler, notFoundHandler } from '../../../server/http/errors.ts';
import { loggableUrl, requestLogger } from '../../../server/http/request-log.ts';
import { serve, type Served } from './harness.ts';

interface LogLine {
  level: number;
  msg: string;
  latencyMs?: number;
  req?: { id: string; method: string; url: string };
  res?: { statusCode: number };
  err?: { message: string };
}

let lines: string[] = [];
// Woken at every write, so a test waits for its log line, not for a fixed time.
let wake: () => void = () => undefined;
const sink = new Writable({
  write(chunk: Buffer, _enc, done) {
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    wake();
    done();
  },
});
const logger = pino({ level: 'info' }, sink);

let served: Served;

beforeAll(async () => {
  const app = express();
  app.use(requestLogger(logger));
  app.get('/api/ok', (_req, res) => {
    res.json({ ok: true });
  });
  app.get('/api/fail', () => {
    throw new Error('boom');
  });
  app.use('/api', notFoundHandler());
  app.use(errorHandler());
  served = await serve(app);
});

afterAll(() => served.close());
beforeEach(() => {
  lines = [];
});

/**
 * The request-completed line for `path` (pino-http logs once the response has finished, possibly just after the
 * client has the response): waits for the sink's writes; a line that never comes fails by the test timeout.
 */
async function logFor(path: string): Promise<LogLine> {
  for (;;) {
    const written = new Promise<void>((resolve) => (wake = resolve));
    const found = lines.map((l) => JSON.parse(l) as LogLine).find((l) => l.req?.url.startsWith(path) && l.res);
    if (found) return found;
    await written;
  }
}

describe('requestLogger', () => {
  it('logs method, path, status and latency without secrets', async () => {
    const res = await fetch(`${served.base}/api/ok?q=foreign&api_key=SEKRET1&token=SEKRET2`, {
      headers: { Authorization: 'Bearer SEKRET3', Cookie: 'sid=SEKRET4' },
    });
    expect(res.status).toBe(200);
    const line = await logFor('/api/ok');
    expect(line.level).toBe(30);
    expect(line.req?.method).toBe('GET');
    expect(line.req?.url).toBe('/api/ok?q=foreign&api_key=[redacted]&token=[redacted]');
    expect(line.res?.statusCode).toBe(200);
    expect(typeof line.latencyMs).toBe('number');
    expect(line.latencyMs).toBeGreaterThanOrEqual(0);
    expect(lines.join('\n')).not.toMatch(/SEKRET/);
  });

  it('logs 4xx at warn and 5xx at error', async () => {
    await fetch(`${served.base}/api/missing`);
    expect((await logFor('/api/missing')).level).toBe(40);
    const res = await fetch(`${served.base}/api/fail`);
    expect(await res.text()).not.toContain('boom');
    const line = await logFor('/api/fail');
    expect(line.level).toBe(50);
    // The real error reaches the log (once, on the request line), not a generic placeholder.
    expect(line.err?.message).toBe('boom');
    expect(lines.filter((l) => l.includes('"boom"'))).toHaveLength(1);
  });

  it('returns X-Request-Id and logs the same id', async () => {
    const res = await fetch(`${served.base}/api/ok`);
    const id = res.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect((await logFor('/api/ok')).req?.id).toBe(id);
  });

  it('reuses a tame incoming X-Request-Id and replaces a suspicious one', async () => {
    const kept = await fetch(`${served.base}/api/ok`, { headers: { 'X-Request-Id': 'proxy-123.abc' } });
    expect(kept.headers.get('x-request-id')).toBe('proxy-123.abc');
    const replaced = await fetch(`${served.base}/api/ok`, { headers: { 'X-Request-Id': 'x'.repeat(300) } });
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('loggableUrl', () => {
  it('masks values of secret-looking parameters, including encoded names, and keeps the rest', () => {
    expect(loggableUrl('/a')).toBe('/a');
    expect(loggableUrl('/a?q=%E4%B8%AD&masterKey=abc&x')).toBe('/a?q=%E4%B8%AD&masterKey=[redacted]&x');
    expect(loggableUrl('/a?%61pi%5Fkey=abc&password=p&page=2')).toBe('/a?%61pi%5Fkey=[redacted]&password=[redacted]&page=2');
    expect(loggableUrl('/a?%ZZ=1&Authorization=b')).toBe('/a?%ZZ=1&Authorization=[redacted]');
  });
});
