// `npm run bench [-- --quick | --corpus <dir|tar.gz>] [--duration s] [--connections 1,8,32] [--out file] [--cpu-prof] [--no-glosses] [--only glosses|related]`
// One private engine for the whole run; indexing, search load and relevance measured against raw Meilisearch
// in the same run, so the ratios hold on a noisy machine; then what the English glosses cost and buy
// (bench/glosses.ts). `--only related`: the related-clause links of the whole corpus, no engine (bench/related.ts).
// Appends a section to docs/benchmarks.md.
import { existsSync } from 'node:fs';
import { appendFile, mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Presets, SingleBar } from 'cli-progress';
import { Command, InvalidArgumentError, Option } from 'commander';
import type { Meilisearch } from 'meilisearch';
import * as tar from 'tar';
import { meiliClient } from '../engine/client.ts';
import { connectEngine, type EngineHandle } from '../engine/connect.ts';
import { logger } from '../shared/logger.ts';
import { ingestRaw, makeRawFilterable, runPipeline } from './indexing.ts';
import { traceEngineCalls } from './engine-calls.ts';
import { measureServerStart, runLawGlosses } from './glosses.ts';
import { formatGlossRun, glossSummaryLine, type GlossResults } from './glosses-report.ts';
import { loadLawQueries } from './law-queries.ts';
import { readProfile, topFunctions, type ProfileEntry } from './profile.ts';
import { formatRelatedRun, relatedSummaryLine, runRelatedBench } from './related.ts';
import { apiPath, BENCH_QUERIES } from './queries.ts';
import { expandLog, loadQueryLog, logApiPath, logRawBody, logStats, type QueryLogResult } from './query-log.ts';
import { buildRawSeedIndex, rawSearch, runRelevance } from './relevance.ts';
import { DOC_HEADER, formatRun, summaryLine, type BenchRun, type MachineInfo } from './report.ts';
import { probeQueries, runSearchLoad, runSequence, type LoadPoint } from './search-load.ts';
import { spawnServer, type SpawnedServer } from './spawn-server.ts';

logger.level = process.env.LOG_LEVEL ?? 'warn';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SEED_CORPUS = path.join(REPO_ROOT, 'corpus');
const PREFIX = 'bench';
const RAW_INDEX = 'bench_raw';
const EVAL_PREFIX = 'evalseed';
const EVAL_RAW_INDEX = 'evalseed_raw';

const positive = (name: string) => (value: string) => {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(`${name} must be a positive number`);
  return n;
};

const connectionList = (value: string) => {
  const list = value.split(',').map((s) => Number(s.trim()));
  if (list.length === 0 || list.some((n) => !Number.isInteger(n) || n < 1)) throw new InvalidArgumentError('expected e.g. 1,8,32');
  return list;
};

const program = new Command()
  .name('bench')
  .description('Indexing, search load and relevance of our pipeline and API against raw Meilisearch')
  .option('--quick', 'seed corpus, 3 s per load measurement', false)
  .option('--corpus <path>', 'corpus folder, folder of law Markdown or .tar.gz of it (default: the seed corpus)')
  .option('--duration <s>', 'seconds per load measurement (default 10, --quick 3)', positive('--duration'))
  .option('--connections <list>', 'connection levels', connectionList, [1, 8, 32])
  .option('--index-runs <n>', 'indexing rounds (pipeline, then raw), fastest of each side counts (default 2, --quick 1)', positive('--index-runs'))
  .option('--batch-size <n>', 'documents per addition request, both sides', positive('--batch-size'), 5000)
  .option('--out <file>', 'markdown file the results are appended to', 'docs/benchmarks.md')
  .option('--cpu-prof', 'profile the indexing process (node --cpu-prof) and report its top functions', false)
  .option('--no-glosses', 'leave out the English-gloss step (server start with and without the dictionary; on the archive two more indexings)')
  .addOption(
    new Option(
      '--only <step>',
      'run one step alone: glosses (server start on the seed corpus; with --corpus, the law archive with and without glosses), related (related-clause links, no engine)',
    ).choices(['glosses', 'related']),
  );

interface Options {
  quick: boolean;
  corpus?: string;
  duration?: number;
  connections: number[];
  indexRuns?: number;
  batchSize: number;
  out: string;
  cpuProf: boolean;
  glosses: boolean;
  only?: 'glosses' | 'related';
}

async function machineInfo(engine: EngineHandle): Promise<MachineInfo> {
  const client = meiliClient(engine.url, engine.adminKey);
  return {
    cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown CPU',
    cpus: os.availableParallelism(),
    ramGiB: os.totalmem() / 1024 ** 3,
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    meilisearch: (await client.getVersion()).pkgVersion,
  };
}

/** A .tar.gz is unpacked once, so the pipeline and the API server (which re-checks the index) read one folder. */
async function corpusFolder(input: string, tmp: string): Promise<string> {
  if ((await stat(input)).isDirectory()) return path.resolve(input);
  const dir = path.join(tmp, 'corpus');
  await mkdir(dir);
  await tar.x({ file: input, cwd: dir });
  return dir;
}

function progressBar(): { update(p: { documents: number; totalDocuments: number; clauses: number }): void; stop(): void } {
  if (!process.stdout.isTTY) return { update: () => undefined, stop: () => undefined };
  const bar = new SingleBar({ format: 'indexing [{bar}] {value}/{total} documents | {clauses} clauses | {eta_formatted}' }, Presets.shades_classic);
  let started = false;
  return {
    update: (p) => {
      if (!started) bar.start(p.totalDocuments, p.documents, { clauses: p.clauses });
      else bar.update(p.documents, { clauses: p.clauses });
      started = true;
    },
    stop: () => bar.stop(),
  };
}

const describePoint = (p: LoadPoint) =>
  `  ${p.target}@${p.connections}: ${p.requestsPerSecond.toFixed(0)} req/s, p50 ${p.latency.p50.toFixed(1)} ms, ` +
  `p95 ${p.latency.p95.toFixed(1)} ms, p99 ${p.latency.p99.toFixed(1)} ms, errors ${p.errors + p.non2xx}`;

interface RunContext {
  opts: Options;
  engine: EngineHandle;
  client: Meilisearch;
  dataDir: string;
  tmp: string;
  corpus: string;
  isSeed: boolean;
  durationSeconds: number;
  warmupSeconds: number;
  rounds: number;
  /** Servers still running when the run fails are stopped by main. */
  servers: SpawnedServer[];
}

type MainBench = Omit<BenchRun, 'date' | 'command' | 'machine' | 'corpus' | 'note' | 'glosses'>;

/** Indexing, search load, engine calls and relevance of our pipeline and API against raw Meilisearch. */
async function mainBench(ctx: RunContext): Promise<MainBench> {
  const { opts, engine, client, dataDir, tmp, corpus, isSeed, durationSeconds, warmupSeconds, rounds, servers } = ctx;
  const probeRepeats = opts.quick ? 5 : 15;
  const profDir = opts.cpuProf ? await mkdtemp(path.join(os.tmpdir(), 'policy-search-prof-')) : undefined;
  const ndjson = path.join(tmp, 'clauses.ndjson');
  const indexing: BenchRun['indexing'] = { pipeline: [], raw: [] };
  const pipelineRound = async (nodeArgs: string[]) => {
    const bar = progressBar();
    return runPipeline({
      url: engine.url,
      key: engine.adminKey,
      corpus,
      prefix: PREFIX,
      batchSize: opts.batchSize,
      ndjson,
      dataDir,
      client,
      nodeArgs,
      onProgress: (p) => bar.update(p),
    }).finally(() => bar.stop());
  };
  for (let round = 1; round <= rounds; round++) {
    const pipeline = await pipelineRound([]);
    indexing.pipeline.push(pipeline);
    console.log(`  round ${round}: pipeline ${pipeline.clauses} clauses in ${pipeline.seconds.toFixed(1)} s, peak RSS ${pipeline.peakRssMb.toFixed(0)} MB`);
    const raw = await ingestRaw({ client, uid: RAW_INDEX, ndjson, batchSize: opts.batchSize, dataDir });
    indexing.raw.push(raw);
    console.log(`  round ${round}: raw ingest ${raw.documents} documents in ${raw.seconds.toFixed(1)} s`);
  }
  let profile: ProfileEntry[] | undefined;
  if (profDir) {
    // An extra, untimed round: the profiler's overhead stays out of the measured ones.
    const profiled = await pipelineRound(['--cpu-prof', `--cpu-prof-dir=${profDir}`]);
    console.log(`  profiled round (not timed): pipeline ${profiled.seconds.toFixed(1)} s; profile kept in ${profDir}`);
    profile = topFunctions(await readProfile(profDir), 25, REPO_ROOT);
  }
  await makeRawFilterable(client, RAW_INDEX);
  const largestDoc = indexing.pipeline[0]!.largestDoc;

  const engineEnv = { MEILI_URL: engine.url, MEILI_MASTER_KEY: engine.adminKey };
  // The fixed query set is the unique-query stream: caches off, so every request costs what a query seen for the
  // first time costs (each connection cycles through the set, which a cache would answer after the first round).
  const api = await spawnServer({ ...engineEnv, INDEX_PREFIX: PREFIX, CORPUS_DIR: corpus, SEARCH_CACHE_MB: '0' });
  servers.push(api);
  const targets = {
    apiUrl: api.url,
    engineUrl: engine.url,
    engineKey: engine.adminKey,
    rawIndex: RAW_INDEX,
    docId: largestDoc.docId,
    queries: BENCH_QUERIES,
    pids: { engine: engine.pid, server: api.pid },
  };
  const probes = await probeQueries(targets, probeRepeats);
  console.log(`search load: ${durationSeconds} s per measurement, connections ${opts.connections.join(', ')}`);
  const load = await runSearchLoad(targets, {
    connections: opts.connections,
    durationSeconds,
    warmupSeconds,
    onPoint: (p) => console.log(describePoint(p)),
  });

  const queryLog = await queryLogBench(ctx, api, largestDoc.docId);
  await api.stop();
  const engineCalls = await traceEngineCalls({
    engineUrl: engine.url,
    engineKey: engine.adminKey,
    prefix: PREFIX,
    corpus,
    docId: largestDoc.docId,
    queries: BENCH_QUERIES,
  });

  const seedDocs = await buildRawSeedIndex(client, EVAL_RAW_INDEX, SEED_CORPUS);
  const evalApi = await spawnServer({ ...engineEnv, INDEX_PREFIX: isSeed ? PREFIX : EVAL_PREFIX, CORPUS_DIR: SEED_CORPUS });
  servers.push(evalApi);
  const relevance = await runRelevance(evalApi.url, rawSearch(engine.url, engine.adminKey, EVAL_RAW_INDEX, seedDocs));
  console.log(relevance.details);
  await evalApi.stop();

  return {
    durationSeconds,
    warmupSeconds,
    batchSize: opts.batchSize,
    indexing,
    load,
    probes,
    probeRepeats,
    engineCalls,
    relevance,
    queryLog,
    ...(profile ? { profile } : {}),
  };
}

/**
 * The query log (bench/query-log.yaml), one pass of the same request sequence each, at 8 connections: raw
 * Meilisearch; our API with caches off (`uncached`, the server of the unique-query stream); a fresh server with
 * caches on (`cold`: its first pass), then that server again (`warm`).
 */
async function queryLogBench(ctx: RunContext, uncachedApi: SpawnedServer, docId: string): Promise<QueryLogResult> {
  const { engine, corpus, servers } = ctx;
  const connections = 8;
  const sequence = expandLog(await loadQueryLog());
  const stats = logStats(sequence);
  console.log(`query log: ${stats.requests} requests, ${stats.distinctRequests} distinct, ${connections} connections, one pass each`);
  const apiSequence = sequence.map((r) => ({ path: logApiPath(r, docId) }));
  const rawSequence = sequence.map((r) => ({ path: `/indexes/${RAW_INDEX}/search`, body: JSON.stringify(logRawBody(r, docId)) }));
  const rawHeaders = { 'content-type': 'application/json', authorization: `Bearer ${engine.adminKey}` };
  const describe = (name: string, p: LoadPoint) => console.log(describePoint({ ...p, target: name as LoadPoint['target'] }));
  // Raw has no cache: three passes give it a measurement as long as ours.
  const raw = await runSequence('raw', engine.url, [...rawSequence, ...rawSequence, ...rawSequence], {
    connections,
    method: 'POST',
    headers: rawHeaders,
    pids: { engine: engine.pid },
  });
  describe('raw', raw);
  const uncached = await runSequence('api', uncachedApi.url, apiSequence, {
    connections,
    method: 'GET',
    pids: { engine: engine.pid, server: uncachedApi.pid },
  });
  describe('api uncached', uncached);
  const cachedApi = await spawnServer({ MEILI_URL: engine.url, MEILI_MASTER_KEY: engine.adminKey, INDEX_PREFIX: PREFIX, CORPUS_DIR: corpus });
  servers.push(cachedApi);
  // Warm the fresh server's code (JIT, connections) with answers the log never asks for (facets=omit).
  const warmup = BENCH_QUERIES.map((q) => ({ path: `${apiPath(q, docId)}&facets=omit` }));
  await runSequence('api', cachedApi.url, [...warmup, ...warmup, ...warmup], { connections, method: 'GET' });
  const pids = { engine: engine.pid, server: cachedApi.pid };
  const cold = await runSequence('api', cachedApi.url, apiSequence, { connections, method: 'GET', pids });
  describe('api cached, first pass', cold);
  const warm = await runSequence('api', cachedApi.url, apiSequence, { connections, method: 'GET', pids });
  describe('api cached, second pass', warm);
  await cachedApi.stop();
  return { stats, connections, raw, uncached, cold, warm };
}

/** What the English glosses cost and buy: server start on the seed corpus always, the law archive when given. */
async function glossBench(ctx: RunContext): Promise<GlossResults> {
  const { engine, client, dataDir, corpus, isSeed, opts } = ctx;
  const target = { url: engine.url, key: engine.adminKey, pid: engine.pid, dataDir, client };
  const log = (line: string) => console.log(line);
  console.log('glosses: seed corpus, server start with the lexicon and without dictionary');
  const start = await measureServerStart({ engine: target, corpus: SEED_CORPUS, runs: 3, batchSize: opts.batchSize, log });
  let law: GlossResults['law'] = null;
  if (!isSeed) {
    console.log('glosses: law archive indexed with and without glosses');
    law = await runLawGlosses({
      engine: target,
      corpus,
      batchSize: opts.batchSize,
      rounds: ctx.rounds,
      durationSeconds: ctx.durationSeconds,
      warmupSeconds: ctx.warmupSeconds,
      queries: await loadLawQueries(),
      log,
    });
    for (const miss of law.misses) {
      console.log(
        `  miss ${miss.id} (rank ${miss.rankWith ?? '> 100'}): stems found [${miss.found.join(' ')}], missing [${miss.missing.join(' ')}]; lexicon sent ${miss.dictionaryWords.join(' ') || '-'}`,
      );
      console.log(`    article glosses: ${miss.glosses}`);
    }
  }
  return { start, law, durationSeconds: ctx.durationSeconds, warmupSeconds: ctx.warmupSeconds };
}

/** The related-clause links of the whole corpus (an archive is unpacked into the temporary folder); no engine. */
async function relatedOnly(opts: Options, date: string, command: string, tmp: string): Promise<void> {
  // The seed corpus's figures are the tests' (tests/eval/related.test.ts); this step reads law Markdown.
  if (!opts.corpus) throw new InvalidArgumentError('--only related needs --corpus (a folder of law Markdown or its .tar.gz)');
  const corpus = await corpusFolder(opts.corpus, tmp);
  console.log(`bench: corpus ${opts.corpus}, only related`);
  const result = await runRelatedBench(corpus, (line) => console.log(line));
  const corpusName = `law corpus (${path.basename(opts.corpus)})`;
  const out = path.resolve(REPO_ROOT, opts.out);
  if (!existsSync(out)) await writeFile(out, DOC_HEADER);
  await appendFile(out, `\n${formatRelatedRun({ date, command, corpus: corpusName, cpus: os.availableParallelism() }, result)}`);
  console.log(`results appended to ${path.relative(process.cwd(), out)}`);
  console.log(relatedSummaryLine(result));
}

async function main(): Promise<void> {
  const opts = program.parse().opts<Options>();
  if (opts.quick && opts.corpus) throw new InvalidArgumentError('--quick always uses the seed corpus; leave out --corpus');
  const durationSeconds = opts.duration ?? (opts.quick ? 3 : 10);
  const warmupSeconds = Math.max(1, Math.round(durationSeconds / 5));
  const date = new Date().toISOString();
  const command = `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim().replace(/ --$/, '');

  const tmp = await mkdtemp(path.join(os.tmpdir(), 'policy-search-bench-'));
  if (opts.only === 'related') {
    try {
      await relatedOnly(opts, date, command, tmp);
    } finally {
      await rm(tmp, { recursive: true, force: true });
    }
    return;
  }
  const servers: SpawnedServer[] = [];
  let engine: EngineHandle | undefined;
  try {
    const corpus = await corpusFolder(opts.corpus ?? SEED_CORPUS, tmp);
    const isSeed = corpus === SEED_CORPUS;
    const dataDir = path.join(tmp, 'engine');
    engine = await connectEngine({
      dataDir,
      supervise: false,
      logger,
      // A private engine even when the shell points MEILI_URL at another one.
      env: { MEILI_MAX_INDEXING_MEMORY: process.env.MEILI_MAX_INDEXING_MEMORY },
    });
    const client = meiliClient(engine.url, engine.adminKey, 120_000);
    const machine = await machineInfo(engine);
    console.log(`bench: corpus ${opts.corpus ?? 'corpus (seed documents)'}, engine ${engine.url}${opts.only ? `, only ${opts.only}` : ''}`);
    const ctx: RunContext = {
      opts,
      engine,
      client,
      dataDir,
      tmp,
      corpus,
      isSeed,
      durationSeconds,
      warmupSeconds,
      rounds: Math.round(opts.indexRuns ?? (opts.quick ? 1 : 2)),
      servers,
    };
    const main = opts.only === 'glosses' ? null : await mainBench(ctx);
    const glosses = opts.glosses || opts.only === 'glosses' ? await glossBench(ctx) : undefined;

    const corpusName = isSeed ? 'seed corpus' : `law corpus (${path.basename(opts.corpus ?? corpus)})`;
    const note = isSeed
      ? 'seed corpus: fixed costs (glossary load, index swap, per-request overhead) dominate; the targets are meant for the law corpus'
      : undefined;
    const section = main
      ? formatRun({ date, command, machine, corpus: corpusName, ...main, ...(glosses ? { glosses } : {}), ...(note ? { note } : {}) })
      : formatGlossRun({ date, command, machine, corpus: corpusName }, glosses!);
    const out = path.resolve(REPO_ROOT, opts.out);
    if (!existsSync(out)) await writeFile(out, DOC_HEADER);
    await appendFile(out, `\n${section}`);
    console.log(`results appended to ${path.relative(process.cwd(), out)}`);
    if (main) console.log(summaryLine(main));
    if (glosses) console.log(glossSummaryLine(glosses));
  } finally {
    for (const server of servers) await server.stop();
    await engine?.stop();
    await rm(tmp, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(`bench failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
