// Engine outage with the supervised embedded engine: SIGKILL it, and the server answers 200 or 503 (never
// another 5xx, never slower than 2 s) until the supervisor has restarted it; the crash is logged.
import { once } from 'node:events';
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectEngine, type EngineHandle } from '../../engine/connect.ts';
import type { RunningServer } from '../../server/server.ts';
import { captureLogger, isErrorShape, searchUrl, snapshotResults, startLoggedServer, tempDataDir, timedFetch, type SearchBody } from './helpers.ts';

const OUTAGE_ANSWER_MS = 2000;
const RECOVERY_MS = 10_000;
const QUERIES = ['外商投资', 'tax', '江西'];

let dataDir: string;
let engine: EngineHandle;
let server: RunningServer;
const log = captureLogger();

beforeAll(async () => {
  dataDir = tempDataDir();
  engine = await connectEngine({ dataDir, supervise: true, logger: log.logger, backoff: { initialBackoffMs: 200 } });
  server = await startLoggedServer({ engine, logger: log.logger });
});

afterAll(async () => {
  await server?.close();
  await engine?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('embedded engine crash', () => {
  it('serves 200 or 503 during the outage and recovers by itself', async () => {
    const baseline = await snapshotResults(server.url, QUERIES);
    const crashed = engine.pid;
    expect(crashed).toBeTypeOf('number');
    const restarted = once(engine.events, 'up');
    process.kill(crashed!, 'SIGKILL');

    const seen: { status: number; ms: number; code?: string }[] = [];
    const deadline = Date.now() + RECOVERY_MS;
    let recovered = false;
    while (!recovered && Date.now() < deadline) {
      const [search, health] = await Promise.all([timedFetch(searchUrl(server.url, QUERIES[0]!)), timedFetch(`${server.url}/api/health`)]);
      for (const res of [search, health]) {
        seen.push({ status: res.status, ms: res.ms, ...(isErrorShape(res.body) ? { code: res.body.error.code } : {}) });
      }
      recovered = search.status === 200 && (search.body as SearchBody).total > 0 && health.status === 200;
    }
    expect(recovered).toBe(true);
    // The kill must have been noticed, or this test proved nothing about outages.
    expect(seen.some((s) => s.status === 503)).toBe(true);
    for (const s of seen) {
      expect([200, 503]).toContain(s.status);
      if (s.status === 503) expect(s.code).toBe('engine_unavailable');
      expect(s.ms).toBeLessThan(OUTAGE_ANSWER_MS);
    }
    // The engine may answer a moment before the supervisor has recorded it.
    const [up] = await restarted;
    expect(up.pid).not.toBe(crashed);
    expect(engine.pid).toBe(up.pid);
    expect(await snapshotResults(server.url, QUERIES)).toEqual(baseline);
  });

  it('logged the crash and the restart', () => {
    const records = log.records();
    const crash = records.find((r) => r.msg === 'embedded engine exited unexpectedly');
    expect(crash).toMatchObject({ level: 50, signal: 'SIGKILL', component: 'engine' });
    expect(crash?.restartInMs).toBeTypeOf('number');
    expect(records.some((r) => r.msg === 'embedded engine restarted' && r.engine === engine.pid)).toBe(true);
  });
});
