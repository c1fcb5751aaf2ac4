// The benchmark's moving parts on the seed corpus with a private engine: pipeline child and raw ingest, the
// spawned API server, probes and a short load on both sides, relevance of both.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { traceEngineCalls } from '../../bench/engine-calls.ts';
import { clauseIndexStats, lexiconCounts } from '../../bench/glosses.ts';
import { ingestRaw, makeRawFilterable, runPipeline, type PipelineRun } from '../../bench/indexing.ts';
import { BENCH_QUERIES } from '../../bench/queries.ts';
import { buildRawSeedIndex, rawSearch, runRelevance } from '../../bench/relevance.ts';
import { probeQueries, runSearchLoad, type LoadTargets } from '../../bench/search-load.ts';
import { spawnServer, type SpawnedServer } from '../../bench/spawn-server.ts';
import { meiliClient } from '../../engine/client.ts';
import { loadEvalQueries } from '../../eval/evaluate.ts';
import { startOwnEngine } from '../helpers/engine.ts';

const SEEDS = path.resolve('corpus');
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('bench flow on the seed corpus', { timeout: 180_000 }, () => {
  // An engine of its own: the flow measures the engine's data folder (index bytes) and its batches.
  let env: Awaited<ReturnType<typeof startOwnEngine>>;
  let server: SpawnedServer | undefined;
  let pipeline: PipelineRun;
  let targets: LoadTargets;

  beforeAll(async () => {
    env = await startOwnEngine();
    const client = meiliClient(env.engine.url, env.engine.adminKey, 60_000);
    pipeline = await runPipeline({
      url: env.engine.url,
      key: env.engine.adminKey,
      corpus: SEEDS,
      prefix: 'flow',
      batchSize: 50,
      ndjson: path.join(env.dataDir, 'clauses.ndjson'),
      dataDir: env.dataDir,
      client,
    });
  }, 180_000);

  afterAll(async () => {
    await server?.stop();
    await env?.cleanup();
  });

  it('indexes through the pipeline child and streams every clause for the raw side', async () => {
    expect(pipeline.documents).toBe(5);
    expect(pipeline.clauses).toBeGreaterThan(100);
    expect(pipeline.peakRssMb).toBeGreaterThan(0);
    expect(pipeline.indexBytes).toBeGreaterThan(0);
    expect(pipeline.engine.batches).toBeGreaterThan(0);
    expect(pipeline.prepSeconds).toBeLessThanOrEqual(pipeline.seconds);
    const lines = (await readFile(path.join(env.dataDir, 'clauses.ndjson'), 'utf8')).trim().split('\n');
    expect(lines).toHaveLength(pipeline.clauses);
    expect(Object.keys(JSON.parse(lines[0]!) as object).sort()).toEqual(['docId', 'id', 'pathZh', 'text']);
    const perDoc = new Map<string, number>();
    for (const line of lines) {
      const { docId } = JSON.parse(line) as { docId: string };
      perDoc.set(docId, (perDoc.get(docId) ?? 0) + 1);
    }
    expect(pipeline.largestDoc.clauses).toBe(Math.max(...perDoc.values()));
    expect(perDoc.get(pipeline.largestDoc.docId)).toBe(pipeline.largestDoc.clauses);
  });

  it('indexes without dictionary when asked: no Chinese words in the lexicon', async () => {
    const client = meiliClient(env.engine.url, env.engine.adminKey, 60_000);
    const bare = await runPipeline({
      url: env.engine.url,
      key: env.engine.adminKey,
      corpus: SEEDS,
      prefix: 'flownodict',
      batchSize: 50,
      dataDir: env.dataDir,
      client,
      noDictionary: true,
    });
    expect(bare.clauses).toBe(pipeline.clauses);
    const full = await lexiconCounts(client, 'flow');
    const none = await lexiconCounts(client, 'flownodict');
    expect(full.zh).toBeGreaterThan(0);
    expect(none.zh).toBe(0);
    // The seed documents are translated: their English words come from the translations, not from glosses.
    expect(none.en).toBeLessThanOrEqual(full.en);
    expect((await clauseIndexStats(client, 'flownodict')).documents).toBe(pipeline.clauses);
  });

  it('ingests the same clauses raw, then serves both sides to probes and load', async () => {
    const client = meiliClient(env.engine.url, env.engine.adminKey, 60_000);
    const raw = await ingestRaw({ client, uid: 'flow_raw', ndjson: path.join(env.dataDir, 'clauses.ndjson'), batchSize: 50, dataDir: env.dataDir });
    expect(raw.documents).toBe(pipeline.clauses);
    expect(raw.indexBytes).toBeGreaterThan(0);
    expect(raw.engine.batches).toBeGreaterThan(0);
    expect((await client.index('flow_raw').getStats()).numberOfDocuments).toBe(pipeline.clauses);
    await makeRawFilterable(client, 'flow_raw');

    server = await spawnServer({ MEILI_URL: env.engine.url, MEILI_MASTER_KEY: env.engine.adminKey, INDEX_PREFIX: 'flow', CORPUS_DIR: SEEDS });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.readyMs).toBeGreaterThan(0);
    targets = {
      apiUrl: server.url,
      engineUrl: env.engine.url,
      engineKey: env.engine.adminKey,
      rawIndex: 'flow_raw',
      docId: pipeline.largestDoc.docId,
      queries: BENCH_QUERIES,
    };

    const probes = await probeQueries(targets, 1);
    expect(probes).toHaveLength(BENCH_QUERIES.length);
    const byQ = (q: string) => probes.find((p) => p.query.q === q)!;
    // Chinese finds the same clauses on both sides; English only through our glossary tags.
    expect(byQ('外商投资').api.total).toBeGreaterThan(0);
    expect(byQ('外商投资').raw.total).toBeGreaterThan(0);
    expect(byQ('negative list').api.total).toBeGreaterThan(0);
    expect(byQ('negative list').raw.total).toBe(0);

    const points = await runSearchLoad(targets, { connections: [2], durationSeconds: 1, warmupSeconds: 0 });
    expect(points.map((p) => `${p.target}@${p.connections}`)).toEqual(['api@2', 'raw@2']);
    for (const p of points) {
      expect(p.ok).toBeGreaterThan(0);
      expect(p.non2xx + p.errors).toBe(0);
      expect(p.requestsPerSecond).toBeGreaterThan(0);
      expect(p.latency.p50).toBeLessThanOrEqual(p.latency.p95);
    }
  });

  it('traces the engine calls behind each API request through a proxy', async () => {
    const traced = await traceEngineCalls({
      engineUrl: env.engine.url,
      engineKey: env.engine.adminKey,
      prefix: 'flow',
      corpus: SEEDS,
      docId: pipeline.largestDoc.docId,
      queries: BENCH_QUERIES,
    });
    expect(traced.map((t) => t.query)).toEqual([...BENCH_QUERIES]);
    for (const { calls } of traced) {
      expect(calls.reduce((n, c) => n + c.searches, 0)).toBeGreaterThanOrEqual(1);
      expect(calls.every((c) => c.responseBytes > 0)).toBe(true);
      expect(calls.some((c) => c.engineMs !== null)).toBe(true);
    }
  });

  it('scores the evaluation file on our API and on the raw seed index', async () => {
    const client = meiliClient(env.engine.url, env.engine.adminKey, 60_000);
    const docs = await buildRawSeedIndex(client, 'flow_evalraw', SEEDS);
    expect(docs).toHaveLength(5);
    const result = await runRelevance(targets.apiUrl, rawSearch(env.engine.url, env.engine.adminKey, 'flow_evalraw', docs));
    const queries = (await loadEvalQueries()).length;
    expect(result.api.queries).toBe(queries);
    expect(result.raw.queries).toBe(queries);
    expect(result.api.recallAt10).toBeGreaterThan(result.raw.recallAt10);
    expect(result.details).toContain('api:');
  });

  it('stops the spawned server', async () => {
    const pid = server!.pid;
    expect(alive(pid)).toBe(true);
    await server!.stop();
    expect(alive(pid)).toBe(false);
    await server!.stop();
  });
});
