// Engine outage with a remote engine (MEILI_URL): searches fail fast with 503 engine_unavailable while it is
// killed or hung, /api/health reports it, and service resumes by itself when it comes back on the same address.
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { meiliClient } from '../../engine/client.ts';
import { stagingNames } from '../../indexer/publish.ts';
import { loadConfig, type AppConfig } from '../../server/config.ts';
import { connectEngine, type EngineHandle } from '../../engine/connect.ts';
import getPort from 'get-port';
import { startServer, type RunningServer } from '../../server/server.ts';
import {
  captureLogger,
  eventually,
  isErrorShape,
  searchUrl,
  snapshotResults,
  startLoggedServer,
  startStandaloneAt,
  tempDataDir,
  timedFetch,
  type SearchBody,
  type Standalone,
} from './helpers.ts';

// The bound for an answer while the engine is away.
const OUTAGE_ANSWER_MS = 2000;
const QUERIES = ['外商投资', 'negative list', '准入'];

let dataDir: string;
let meili: Standalone;
let engine: EngineHandle;
let server: RunningServer;
let second: RunningServer | undefined;
let baseline: Map<string, string>;
const log = captureLogger();

beforeAll(async () => {
  dataDir = tempDataDir();
  const masterKey = randomBytes(24).toString('hex');
  meili = await startStandaloneAt(dataDir, masterKey, await getPort());
  engine = await connectEngine({ url: meili.url, masterKey, logger: log.logger });
  expect(engine.mode).toBe('remote');
  server = await startLoggedServer({ engine, logger: log.logger });
  baseline = await snapshotResults(server.url, QUERIES);
});

afterAll(async () => {
  await second?.close();
  await server?.close();
  await meili?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

async function expectUnavailable(url: string): Promise<void> {
  const res = await timedFetch(url);
  expect(res.status, url).toBe(503);
  expect(isErrorShape(res.body) && res.body.error.code).toBe('engine_unavailable');
  expect(res.ms, `${url} took ${Math.round(res.ms)} ms`).toBeLessThan(OUTAGE_ANSWER_MS);
}

async function serving(): Promise<boolean> {
  const [search, health] = await Promise.all([timedFetch(searchUrl(server.url, QUERIES[0]!)), timedFetch(`${server.url}/api/health`)]);
  return search.status === 200 && (search.body as SearchBody).total > 0 && health.status === 200;
}

describe('remote engine outage', () => {
  it('answers 503 within 2 s while the engine is killed, and resumes when it is back', async () => {
    await meili.kill();
    for (const q of QUERIES) await expectUnavailable(searchUrl(server.url, q));
    await expectUnavailable(`${server.url}/api/health`);
    await expectUnavailable(`${server.url}/api/documents/jiangxi-2023-fdi-manufacturing`);

    await meili.restart();
    expect(await eventually(serving, 10_000)).toBe(true);
    expect(await snapshotResults(server.url, QUERIES)).toEqual(baseline);
  });

  it('answers 503 within 2 s while the engine hangs (accepts connections, never answers)', async () => {
    meili.freeze();
    try {
      // Concurrent requests must each time out on their own, not queue behind one another.
      await Promise.all([...QUERIES.map((q) => expectUnavailable(searchUrl(server.url, q))), expectUnavailable(`${server.url}/api/health`)]);
    } finally {
      meili.thaw();
    }
    expect(await eventually(serving, 10_000)).toBe(true);
    expect(await snapshotResults(server.url, QUERIES)).toEqual(baseline);
  });

  it('retries a first index build that an outage interrupted, once the engine is back', async () => {
    const admin = meiliClient(meili.url, engine.adminKey, 5000);
    const since = (await admin.tasks.getTasks({ limit: 1 })).results[0]?.uid ?? -1;
    const staging = stagingNames('second').clauses;
    const config: AppConfig = { ...loadConfig({}), port: 0, host: '127.0.0.1', rateLimitPerMinute: 0, searchCacheBytes: 0 };
    const starting = startServer(config, log.logger, { engine, prefix: 'second', refreshMs: 200 });
    const building = async () => (await admin.tasks.getTasks({ limit: 100 })).results.some((t) => t.uid > since && t.indexUid === staging);
    expect(await eventually(building, 20_000)).toBe(true);
    await meili.kill();
    second = await starting;
    await expect(second.runtime.ready).rejects.toThrow();
    const url = second.url.replace('localhost', '127.0.0.1');
    await expectUnavailable(`${url}/api/health`);

    await meili.restart();
    const recovered = async () => (await timedFetch(searchUrl(url, QUERIES[0]!))).status === 200;
    expect(await eventually(recovered, 15_000)).toBe(true);
    // Same corpus, same answers as the first server's index.
    expect(await snapshotResults(url, QUERIES)).toEqual(baseline);
    expect(log.records().some((r) => r.level === 50 && r.msg === 'index build failed; no index to serve (503 index_not_ready) until a build succeeds')).toBe(
      true,
    );
  });

  it('logs the failed requests as 503 errors without the engine internals in responses', () => {
    const failed = log.records().filter((r) => (r.res as { statusCode?: number } | undefined)?.statusCode === 503);
    expect(failed.length).toBeGreaterThanOrEqual(QUERIES.length * 2);
    for (const record of failed) {
      expect(record.level).toBe(50);
      expect(typeof record.latencyMs).toBe('number');
    }
  });
});
