// The pieces startRuntime is made of: build lock, poller, retrier, catalog holder, query side and the health view.
// Timers are vitest's fake ones (no waiting on the clock); the catalog holder runs against a real Meilisearch.
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildGlossary } from '../../glossary/load.ts';
import type { Glossary } from '../../glossary/types.ts';
import { meiliClient } from '../../engine/client.ts';
import { IndexBuildError, runIndex, type Enricher } from '../../indexer/pipeline.ts';
import { indexNames, type IndexState } from '../../indexer/search-documents.ts';
import { buildCatalog } from '../../server/search/catalog.ts';
import {
  createBuildLock,
  createCatalogHolder,
  createRetrier,
  failedBuildReport,
  followActiveEnricher,
  querySide,
  ReindexBusyError,
  runtimeStatus,
  startPoller,
} from '../../server/runtime.ts';
import { captureLogger } from '../helpers/process.ts';
import { startTestEngine } from '../helpers/server.ts';

/** A promise and its resolvers, to hold a piece of work open for as long as a test needs. */
function deferred<T = void>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

function fakeEnricher(glossary: Glossary, hash: string): Enricher {
  return {
    glossary,
    glossaryHash: hash,
    cut: (text) => [...text],
    segmentedField: (text) => text,
    align: () => [],
    wordBoundaries: () => new Set([0]),
    // These tests never segment: a segmenter that is used fails them.
    segmenter: new Proxy({} as Enricher['segmenter'], {
      get: () => {
        throw new Error('fake enricher has no segmenter');
      },
    }),
  };
}

const glossaryOf = (en: string) =>
  buildGlossary([{ id: 'negative-list', zh: '负面清单', en, variants: { zh: [], en: [] }, category: 'market-access', file: 'g.yaml', line: 1 }]);

afterEach(() => {
  vi.useRealTimers();
});

describe('build lock', () => {
  it('refuses a second build while one runs, and frees itself when the first one fails', async () => {
    const lock = createBuildLock();
    const first = deferred<string>();
    const running = lock.run(() => first.promise);
    expect(lock.isHeld()).toBe(true);
    await expect(lock.run(async () => 'second')).rejects.toBeInstanceOf(ReindexBusyError);
    first.reject(new Error('build failed'));
    await expect(running).rejects.toThrow('build failed');
    expect(lock.isHeld()).toBe(false);
    await expect(lock.run(async () => 'third')).resolves.toBe('third');
  });
});

describe('poller', () => {
  it('ticks every interval, hands failures to onError, and stops', async () => {
    vi.useFakeTimers();
    const errors: unknown[] = [];
    let ticks = 0;
    const poller = startPoller(
      1000,
      async () => {
        ticks += 1;
        if (ticks === 2) throw new Error('engine down');
      },
      (error) => errors.push(error),
    );
    await vi.advanceTimersByTimeAsync(999);
    expect(ticks).toBe(0);
    await vi.advanceTimersByTimeAsync(2001);
    expect(ticks).toBe(3);
    expect(errors).toEqual([new Error('engine down')]);
    poller.stop();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(ticks).toBe(3);
  });
});

describe('retrier', () => {
  it('backs off by doubling until an attempt succeeds, then starts over', async () => {
    vi.useFakeTimers({ now: 0 });
    const outcomes = [false, false, true];
    const log: string[] = [];
    const retrier = createRetrier({
      firstMs: 100,
      attempt: async () => {
        if (!outcomes.shift()) throw new Error('still broken');
      },
      busy: () => false,
      onSuccess: (attempt) => log.push(`ok ${attempt}`),
      onFailure: (_error, attempt) => log.push(`failed ${attempt}`),
    });
    retrier.schedule();
    expect(retrier.nextAt()).toBe(100);
    await vi.advanceTimersByTimeAsync(100);
    expect(log).toEqual(['failed 1']);
    expect(retrier.nextAt()).toBe(100 + 200);
    await vi.advanceTimersByTimeAsync(200);
    expect(retrier.nextAt()).toBe(300 + 400);
    await vi.advanceTimersByTimeAsync(400);
    expect(log).toEqual(['failed 1', 'failed 2', 'ok 3']);
    expect(retrier.nextAt()).toBeNull();
    // A success resets the backoff: the next failure waits the first delay again.
    retrier.schedule();
    expect(retrier.nextAt()).toBe(700 + 100);
    retrier.stop();
  });

  it('puts a due attempt off while busy, and schedules nothing once stopped', async () => {
    vi.useFakeTimers({ now: 0 });
    let busy = true;
    let attempts = 0;
    const retrier = createRetrier({
      firstMs: 100,
      attempt: async () => {
        attempts += 1;
      },
      busy: () => busy,
      onSuccess: () => undefined,
      onFailure: () => undefined,
    });
    retrier.schedule();
    await vi.advanceTimersByTimeAsync(100);
    expect(attempts).toBe(0);
    expect(retrier.nextAt()).toBe(100 + 200);
    busy = false;
    await vi.advanceTimersByTimeAsync(200);
    expect(attempts).toBe(1);
    retrier.stop();
    retrier.schedule();
    expect(retrier.nextAt()).toBeNull();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(attempts).toBe(1);
  });

  it('cancel drops the pending attempt', async () => {
    vi.useFakeTimers({ now: 0 });
    let attempts = 0;
    const retrier = createRetrier({
      firstMs: 100,
      attempt: async () => void (attempts += 1),
      busy: () => false,
      onSuccess: () => undefined,
      onFailure: () => undefined,
    });
    retrier.schedule();
    retrier.cancel();
    expect(retrier.nextAt()).toBeNull();
    await vi.advanceTimersByTimeAsync(1000);
    expect(attempts).toBe(0);
  });
});

describe('query side', () => {
  it('builds lookup and planner from one enricher', () => {
    const side = querySide(fakeEnricher(glossaryOf('negative list'), 'h1'));
    expect(side.lookup.lookup('negative list')[0]?.entry.id).toBe('negative-list');
    expect(side.planner.entriesWithZh('负面清单').map((e) => e.id)).toEqual(['negative-list']);
    expect(side.planner.cut('负面')).toEqual(['负', '面']);
  });

  it('follows a newer enricher of its own glossary folder only', () => {
    const dir = path.resolve('glossary/data');
    const current = querySide(fakeEnricher(glossaryOf('negative list'), 'h1'));
    expect(followActiveEnricher(current, undefined, dir)).toBe(current);
    expect(followActiveEnricher(current, { enricher: current.enricher, glossaryDir: dir }, dir)).toBe(current);
    const edited = fakeEnricher(glossaryOf('list of prohibited sectors'), 'h2');
    expect(followActiveEnricher(current, { enricher: edited, glossaryDir: '/elsewhere' }, dir)).toBe(current);
    // Relative and absolute spellings of the folder are the same folder.
    const next = followActiveEnricher(current, { enricher: edited, glossaryDir: dir }, 'glossary/data');
    expect(next.enricher).toBe(edited);
    expect(next.lookup.lookup('prohibited sectors')[0]?.entry.id).toBe('negative-list');
    expect(next.lookup.lookup('negative list')).toEqual([]);
  });
});

describe('health view', () => {
  const state: IndexState = { id: 'state', contentHash: 'a'.repeat(64), builtAt: '2026-01-01T00:00:00.000Z', documents: 5, clauses: 300 };
  const engine = { running: 0, queued: 0, rejected: 0, heavy: { running: 0, queued: 0 } };

  it('reports a failed build with its first line and the error problems of an IndexBuildError', () => {
    const at = new Date('2026-01-02T03:04:05.000Z');
    const problems = [
      { file: 'a', severity: 'error' as const, message: 'x' },
      { file: 'b', severity: 'warning' as const, message: 'y' },
    ];
    expect(failedBuildReport(new IndexBuildError('no document could be indexed\nmore', problems), at)).toEqual({
      status: 'failed',
      at: '2026-01-02T03:04:05.000Z',
      skipped: 0,
      errors: 1,
      error: 'no document could be indexed',
    });
    expect(failedBuildReport('boom', at)).toMatchObject({ errors: 0, error: 'boom' });
  });

  it('shows the served index (hash shortened) only once a catalog is loaded', () => {
    const catalog = buildCatalog([], state);
    const status = runtimeStatus({ catalog, liveState: state, building: true, lastBuild: null, retryAt: Date.UTC(2026, 0, 1), engine });
    expect(status).toEqual({
      index: { contentHash: 'a'.repeat(12), documents: 5, clauses: 300, builtAt: state.builtAt, skipped: 0 },
      build: { running: true, last: null, nextRetryAt: '2026-01-01T00:00:00.000Z' },
      engine,
    });
    expect(runtimeStatus({ catalog: null, liveState: state, building: false, lastBuild: null, retryAt: null, engine }).index).toBeNull();
  });
});

describe('catalog holder (real engine)', () => {
  let engine: Awaited<ReturnType<typeof startTestEngine>>;
  let work: string;
  beforeAll(async () => {
    engine = await startTestEngine();
    work = await mkdtemp(path.join(os.tmpdir(), 'runtime-units-'));
  });
  afterAll(async () => {
    await engine?.cleanup();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('has nothing before an index exists, loads the catalog once per index, again after a rebuild', async () => {
    const names = indexNames('units');
    const client = meiliClient(engine.engine.url, engine.engine.adminKey, 30_000);
    const captured = captureLogger();
    const holder = createCatalogHolder(client, names, captured.logger);
    expect(await holder.refresh()).toBe(false);
    expect(holder.catalog()).toBeNull();

    const corpus = path.join(work, 'corpus');
    await cp('corpus/jilin-2023-fdi-environment-draft', path.join(corpus, 'jilin-2023-fdi-environment-draft'), { recursive: true });
    const first = await runIndex({ client, corpus, prefix: 'units', dictionary: new Map() });
    expect(await holder.refresh()).toBe(true);
    expect(holder.catalog()?.documents.map((d) => d.id)).toEqual(['jilin-2023-fdi-environment-draft']);
    expect(holder.liveState()?.contentHash).toBe(first.contentHash);
    expect(await holder.refresh()).toBe(false);
    expect(captured.records().filter((r) => r.msg === 'index catalog loaded')).toHaveLength(1);

    await cp('corpus/national-2022-fdi-manufacturing', path.join(corpus, 'national-2022-fdi-manufacturing'), { recursive: true });
    const second = await runIndex({ client, corpus, prefix: 'units', dictionary: new Map() });
    expect(await holder.refresh()).toBe(true);
    expect(holder.liveState()?.contentHash).toBe(second.contentHash);
    expect(holder.catalog()?.documents).toHaveLength(2);
  });
});
