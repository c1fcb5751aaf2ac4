// Overload control: a real server in front of a real engine whose searches a proxy holds back on demand. At most
// `concurrency` requests reach the engine, `queue` wait, the rest get 503 `overloaded` with Retry-After at once
// while health stays ok; a client that goes away has its engine call cancelled, queued or running.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { budgetPlan, isHeavyPlan } from '../../server/query/budget.ts';
import { planQuery } from '../../server/query/plan.ts';
import { catalogPlannerDeps } from '../../server/search/catalog.ts';
import type { RunningServer } from '../../server/server.ts';
import { startEngineProxy, type EngineProxy } from '../helpers/engine-proxy.ts';
import { seedPrefix, seedReady } from '../helpers/engine.ts';
import { startTestEngine } from '../helpers/server.ts';
import { captureLogger, eventually, isErrorShape, searchUrl, startLoggedServer, timedFetch, type Timed } from './helpers.ts';

const LIMITS = { concurrency: 2, queue: 3, queueWaitMs: 60_000, heavyConcurrency: 1, heavyQueue: 1 };

let engine: Awaited<ReturnType<typeof startTestEngine>>;
let proxy: EngineProxy;
let server: RunningServer;
const log = captureLogger();

beforeAll(async () => {
  await seedReady();
  engine = await startTestEngine();
  proxy = await startEngineProxy(engine.engine);
  // Searches wait at the proxy as long as a test holds them: no engine timeout may end them first.
  // Reads only: the run's seed index, through the proxy.
  server = await startLoggedServer({
    engine: proxy.handle,
    prefix: seedPrefix(),
    logger: log.logger,
    engineLimits: LIMITS,
    searchTimeoutMs: 60_000,
    refreshMs: 600_000,
  });
});

afterAll(async () => {
  proxy?.release();
  await server?.close();
  await proxy?.close();
  await engine?.cleanup();
});

const gate = () => server.runtime.status().engine;
const search = (q: string, init: RequestInit = {}) => fetch(searchUrl(server.url, q), init);

function expectOverloaded(res: Timed): void {
  expect(res.status).toBe(503);
  expect(isErrorShape(res.body) && res.body.error.code).toBe('overloaded');
  expect(res.headers.get('retry-after')).toBe('1');
}

describe('engine gate', () => {
  it('answers 503 overloaded with Retry-After beyond concurrency plus queue, while health stays ok', async () => {
    proxy.hold();
    const first = [search('外商投资'), search('tax')];
    expect(await eventually(() => proxy.held() === LIMITS.concurrency, 30_000)).toBe(true);
    const queued = [search('准入'), search('江西'), search('negative list')];
    expect(await eventually(() => gate().queued === LIMITS.queue, 30_000)).toBe(true);

    const refused = await Promise.all([
      timedFetch(searchUrl(server.url, '研发')),
      timedFetch(`${server.url}/api/documents/jiangxi-2023-fdi-manufacturing`),
      timedFetch(searchUrl(server.url, '江西')),
    ]);
    for (const res of refused) expectOverloaded(res);
    // Not an engine outage: the engine answers, and health says so.
    const health = await timedFetch(`${server.url}/api/health`);
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({
      status: 'ok',
      details: { engine: { running: LIMITS.concurrency, queued: LIMITS.queue, rejected: 3, heavy: { running: 0, queued: 0 } } },
    });
    expect(proxy.held()).toBe(LIMITS.concurrency);

    proxy.release();
    const answers = await Promise.all([...first, ...queued]);
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(gate()).toMatchObject({ running: 0, queued: 0 });
    // Overload is logged as such, not as an engine failure.
    const lines = log.records().filter((r) => (r.res as { statusCode?: number } | undefined)?.statusCode === 503);
    expect(lines).toHaveLength(3);
  });

  it('keeps expensive requests in a lane of their own, which ordinary searches never wait behind', async () => {
    proxy.hold();
    const rejectedBefore = gate().rejected;
    // A query naming many concepts and a concordance are expensive: one at the engine, one waiting, the next refused.
    const manyConcepts = 'BSE NEEQ M&A QFLP PPP SOE EIA NEV PV CGT';
    const catalog = server.runtime.search()!.catalog;
    const deps = { ...server.runtime.planner, ...catalogPlannerDeps(catalog) };
    expect(isHeavyPlan(budgetPlan(planQuery(manyConcepts, 'auto', deps)))).toBe(true);
    const heavy = [search(manyConcepts), fetch(`${server.url}/api/glossary/negative-list`)];
    expect(await eventually(() => proxy.held() === 1 && gate().heavy.queued === 1, 30_000)).toBe(true);
    expectOverloaded(await timedFetch(searchUrl(server.url, 'R&D FDI RCEP QFLP AEO FTZ VAT GBA')));
    // An ordinary search still goes straight to the engine.
    const ordinary = search('tax');
    expect(await eventually(() => proxy.held() === 2, 30_000)).toBe(true);
    expect(gate()).toMatchObject({ running: 2, queued: 1, rejected: rejectedBefore + 1, heavy: { running: 1, queued: 1 } });
    proxy.release();
    expect((await Promise.all([...heavy, ordinary])).map((r) => r.status)).toEqual([200, 200, 200]);
  });

  it('cancels the engine call of a client that goes away', async () => {
    proxy.hold();
    const abandonedBefore = proxy.abandoned();
    const client = new AbortController();
    const pending = search('外商投资', { signal: client.signal }).catch((e: unknown) => e);
    expect(await eventually(() => proxy.held() === 1, 30_000)).toBe(true);
    client.abort();
    await pending;
    // The server closed its connection to the engine instead of waiting for the answer.
    expect(await eventually(() => proxy.abandoned() === abandonedBefore + 1, 30_000)).toBe(true);
    expect(await eventually(() => gate().running === 0, 30_000)).toBe(true);
    proxy.release();
  });

  it('drops a queued request whose client goes away before it reaches the engine', async () => {
    proxy.hold();
    proxy.clear();
    const running = [search('外商投资'), search('tax')];
    expect(await eventually(() => proxy.held() === LIMITS.concurrency, 30_000)).toBe(true);
    const client = new AbortController();
    const pending = search('准入', { signal: client.signal }).catch((e: unknown) => e);
    expect(await eventually(() => gate().queued === 1, 30_000)).toBe(true);
    client.abort();
    await pending;
    expect(await eventually(() => gate().queued === 0, 30_000)).toBe(true);
    proxy.release();
    expect((await Promise.all(running)).map((r) => r.status)).toEqual([200, 200]);
    // Only the two that were running ever reached the engine.
    expect(proxy.searches()).toHaveLength(LIMITS.concurrency);
  });
});

describe('queue wait', () => {
  it('answers overloaded when no slot frees up within the queue wait', async () => {
    const impatient = await startLoggedServer({
      engine: proxy.handle,
      prefix: seedPrefix(),
      logger: log.logger,
      engineLimits: { concurrency: 1, queue: 1, queueWaitMs: 200 },
      searchTimeoutMs: 60_000,
      refreshMs: 600_000,
    });
    try {
      proxy.hold();
      const running = fetch(searchUrl(impatient.url, 'tax'));
      expect(await eventually(() => proxy.held() === 1, 30_000)).toBe(true);
      expectOverloaded(await timedFetch(searchUrl(impatient.url, '外商投资')));
      proxy.release();
      expect((await running).status).toBe(200);
    } finally {
      proxy.release();
      await impatient.close();
    }
  });
});
