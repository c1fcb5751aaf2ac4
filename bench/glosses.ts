// English glosses (CC-CEDICT, indexer/dictionary.ts): what they cost and what they buy.
//  - Law archive: the same corpus indexed twice into separate prefixes, with the dictionary (the default) and with
//    `dictionary: new Map()` (no glosses, no dictionary words in the lexicon); indexing time, index size and lexicon
//    of each, then an API server on each prefix: English latency at 1 connection over bench/law-queries.yaml and
//    how many of those queries find their article.
//  - Seed corpus: time from spawn to ready and RSS of a server on a normal index (which loads the lexicon) against
//    one on an index built without dictionary.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Meilisearch } from 'meilisearch';
import { searchStems } from '../glossary/english.ts';
import { glossField, loadCedict } from '../indexer/dictionary.ts';
import { toIndexedClause } from '../indexer/enrich.ts';
import { parseLawMarkdown } from '../indexer/markdown.ts';
import { loadEnricher } from '../indexer/pipeline.ts';
import { indexNames, type LexiconEntry } from '../indexer/search-documents.ts';
import { runPipeline, type PipelineRun } from './indexing.ts';
import { compareStems, scoreLawQueries, type LawQuery, type LawScore, type RankedClause } from './law-queries.ts';
import { parseProcStatus } from './cpu.ts';
import { medianSample } from './glosses-report.ts';
import { runApiLoad, type LoadPoint } from './search-load.ts';
import { spawnServer } from './spawn-server.ts';

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
const REPO_ROOT = path.resolve(BENCH_DIR, '..');

// ---------------------------------------------------------------------------------------------------------------
// Law archive: with and without glosses

/** Hits asked for per law query when ranking: a miss is still placed when it is near. */
export const RANK_DEPTH = 100;

interface ApiAnswer {
  hits: { docId: string; path: { zh: string } }[];
  interpretation?: { dictionary?: { en: string; zh: string[] }[] };
}

export interface RankedLawQueries {
  score: LawScore;
  /** Per query (same order): the Chinese words the lexicon sent for the query's English words. */
  dictionaryWords: string[][];
}

/** Each law query once, sequentially, on our API. */
export async function rankLawQueries(apiUrl: string, queries: readonly LawQuery[]): Promise<RankedLawQueries> {
  const ranked: RankedClause[][] = [];
  const dictionaryWords: string[][] = [];
  for (const query of queries) {
    const url = new URL('/api/search', apiUrl);
    url.searchParams.set('q', query.q);
    url.searchParams.set('limit', String(RANK_DEPTH));
    const res = await fetch(url);
    if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
    const body = (await res.json()) as ApiAnswer;
    ranked.push(body.hits.map((h) => ({ docId: h.docId, pathZh: h.path.zh })));
    dictionaryWords.push([...new Set((body.interpretation?.dictionary ?? []).flatMap((d) => d.zh))]);
  }
  return { score: scoreLawQueries(queries, ranked), dictionaryWords };
}

export interface LexiconCounts {
  /** Chinese corpus words with their glosses. */
  zh: number;
  /** English words of the corpus (translations, glosses, glossary renderings): what typos are corrected to. */
  en: number;
}

/** Counts the lexicon index's entries by kind (reads the whole index, as the server does). */
export async function lexiconCounts(client: Meilisearch, prefix: string): Promise<LexiconCounts> {
  const counts = { zh: 0, en: 0 };
  const pageSize = 10_000;
  for (let offset = 0; ; offset += pageSize) {
    const page = await client.index<LexiconEntry>(indexNames(prefix).lexicon).search('', { limit: pageSize, offset, attributesToRetrieve: ['kind'] });
    for (const hit of page.hits) counts[hit.kind === 'zh' ? 'zh' : 'en'] += 1;
    if (page.hits.length < pageSize) break;
  }
  return counts;
}

export interface ClauseIndexStats {
  documents: number;
  /** The stored documents (`rawDocumentDbSize` of the clauses index). */
  rawDocumentBytes: number | null;
  avgDocumentBytes: number | null;
}

export async function clauseIndexStats(client: Meilisearch, prefix: string): Promise<ClauseIndexStats> {
  const stats = (await client.index(indexNames(prefix).clauses).getStats()) as {
    numberOfDocuments: number;
    rawDocumentDbSize?: number;
    avgDocumentSize?: number;
  };
  return { documents: stats.numberOfDocuments, rawDocumentBytes: stats.rawDocumentDbSize ?? null, avgDocumentBytes: stats.avgDocumentSize ?? null };
}

export interface GlossSide {
  glosses: boolean;
  prefix: string;
  /** Every indexing round, in order. */
  indexing: PipelineRun[];
  clauseIndex: ClauseIndexStats;
  lexicon: LexiconCounts;
  /** Time from spawn to ready of the API server on this prefix (law corpus). */
  serverReadyMs: number;
  /** English search over the law queries through our API, at 1 connection. */
  load: LoadPoint;
  score: LawScore;
  dictionaryWords: string[][];
}

export interface GlossMiss {
  id: string;
  q: string;
  rankWith: number | null;
  rankWithout: number | null;
  /** The query's search stems the article's English (glosses and glossary renderings) contains, and lacks. */
  found: string[];
  missing: string[];
  /** Chinese words the lexicon sent for the query (with glosses). */
  dictionaryWords: string[];
  /** The article's glosses as indexed, unstemmed (for reading; not in the report). */
  glosses: string;
}

export interface LawGlossResult {
  queries: number;
  with: GlossSide;
  without: GlossSide;
  /** Queries whose article is not in the top 10 with glosses. */
  misses: GlossMiss[];
}

interface EngineEnv {
  url: string;
  key: string;
  pid?: number;
  dataDir: string;
  client: Meilisearch;
}

export interface LawGlossOptions {
  engine: EngineEnv;
  /** The unpacked law archive. */
  corpus: string;
  batchSize: number;
  rounds: number;
  durationSeconds: number;
  warmupSeconds: number;
  queries: readonly LawQuery[];
  log?(line: string): void;
}

const serverEnv = (engine: EngineEnv, prefix: string, corpus: string) => ({
  MEILI_URL: engine.url,
  MEILI_MASTER_KEY: engine.key,
  INDEX_PREFIX: prefix,
  CORPUS_DIR: corpus,
  // The load cycles through the same queries: measured uncached, as the glosses' cost on a query is.
  SEARCH_CACHE_MB: '0',
});

/** An API server on `prefix`: the law queries ranked once, then at 1 connection under autocannon. */
async function serveSide(options: LawGlossOptions, prefix: string): Promise<Pick<GlossSide, 'serverReadyMs' | 'load' | 'score' | 'dictionaryWords'>> {
  const api = await spawnServer(serverEnv(options.engine, prefix, options.corpus));
  try {
    const { score, dictionaryWords } = await rankLawQueries(api.url, options.queries);
    const load = await runApiLoad(
      api.url,
      options.queries.map((q) => ({ kind: 'english', q: q.q })),
      { connections: 1, durationSeconds: options.durationSeconds, warmupSeconds: options.warmupSeconds, pids: { engine: options.engine.pid, server: api.pid } },
    );
    return { serverReadyMs: api.readyMs, load, score, dictionaryWords };
  } finally {
    await api.stop();
  }
}

/** The expected article's English fields as the indexer makes them, and the query's stems against them. */
async function explainMiss(corpus: string, query: LawQuery): Promise<Pick<GlossMiss, 'found' | 'missing' | 'glosses'>> {
  const { document } = parseLawMarkdown(query.file, await readFile(path.join(corpus, query.file), 'utf8'));
  const pathZh = query.expect[0]!.split(' ')[1];
  const clause = document.clauses.find((c) => c.path.zh === pathZh);
  const queryStems = searchStems(query.q).split(' ').filter(Boolean);
  if (!clause) return { found: [], missing: queryStems, glosses: `(no clause ${pathZh} in ${query.file})` };
  const { enricher } = await loadEnricher(path.join(REPO_ROOT, 'glossary', 'data'));
  const dictionary = loadCedict();
  const indexed = toIndexedClause(clause, document, { ...enricher, dictionary });
  const articleStems = `${indexed.gloss_en_stem} ${indexed.terms_en_stem}`.split(' ').filter(Boolean);
  return { ...compareStems(queryStems, articleStems), glosses: glossField(indexed.text_seg.split(' '), dictionary) };
}

/** Indexes the law archive with and without glosses (alternating, `rounds` times), then serves and scores each. */
export async function runLawGlosses(options: LawGlossOptions): Promise<LawGlossResult> {
  const log = options.log ?? (() => undefined);
  const { engine } = options;
  const sides = [
    { glosses: true, prefix: 'lawgloss' },
    { glosses: false, prefix: 'lawnogloss' },
  ] as const;
  const runs: PipelineRun[][] = [[], []];
  for (let round = 1; round <= options.rounds; round++) {
    for (const [i, side] of sides.entries()) {
      const run = await runPipeline({
        url: engine.url,
        key: engine.key,
        corpus: options.corpus,
        prefix: side.prefix,
        batchSize: options.batchSize,
        dataDir: engine.dataDir,
        client: engine.client,
        noDictionary: !side.glosses,
      });
      runs[i]!.push(run);
      log(
        `  glosses round ${round}, ${side.glosses ? 'with' : 'without'} glosses: ${run.clauses} clauses in ${run.seconds.toFixed(1)} s, index ${(run.indexBytes / 2 ** 20).toFixed(0)} MB`,
      );
    }
  }
  const results: GlossSide[] = [];
  for (const [i, side] of sides.entries()) {
    const served = await serveSide(options, side.prefix);
    const result: GlossSide = {
      ...side,
      indexing: runs[i]!,
      clauseIndex: await clauseIndexStats(engine.client, side.prefix),
      lexicon: await lexiconCounts(engine.client, side.prefix),
      ...served,
    };
    log(
      `  ${side.glosses ? 'with' : 'without'} glosses: law queries top10 ${result.score.top10}/${result.score.queries}, top1 ${result.score.top1}; ` +
        `p50 ${served.load.latency.p50.toFixed(1)} ms, p95 ${served.load.latency.p95.toFixed(1)} ms at 1 connection`,
    );
    results.push(result);
  }
  const [withGlosses, withoutGlosses] = results as [GlossSide, GlossSide];
  const misses: GlossMiss[] = [];
  for (const [i, query] of options.queries.entries()) {
    const rankWith = withGlosses.score.results[i]!.rank;
    if (rankWith !== null && rankWith <= 10) continue;
    misses.push({
      id: query.id,
      q: query.q,
      rankWith,
      rankWithout: withoutGlosses.score.results[i]!.rank,
      dictionaryWords: withGlosses.dictionaryWords[i]!,
      ...(await explainMiss(options.corpus, query)),
    });
  }
  return { queries: options.queries.length, with: withGlosses, without: withoutGlosses, misses };
}

// ---------------------------------------------------------------------------------------------------------------
// Seed corpus: what the lexicon costs a starting server

export interface StartSample {
  readyMs: number;
  rssMb: number | null;
  peakRssMb: number | null;
}

export interface CedictLoad {
  ms: number;
  entries: number;
  /** RSS and JS heap growth of a fresh process while it parses the dictionary. */
  rssMb: number;
  heapMb: number;
}

export interface ServerStartResult {
  /** Starts per side (alternating). */
  runs: number;
  withLexicon: StartSample[];
  withoutDictionary: StartSample[];
  lexicon: { with: LexiconCounts; without: LexiconCounts };
  /** Loading the whole CC-CEDICT alone (what runIndex's start-up check does in every server); null if it failed. */
  cedict: CedictLoad | null;
}

const CEDICT_CHILD = path.join(BENCH_DIR, 'cedict-child.ts');

/** Loads CC-CEDICT in a fresh process (node --import tsx bench/cedict-child.ts) and reports its cost. */
export function measureCedictLoad(): Promise<CedictLoad | null> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--expose-gc', '--import', 'tsx', CEDICT_CHILD], { cwd: REPO_ROOT, timeout: 120_000 }, (error, stdout) => {
      if (error) return resolve(null);
      try {
        resolve(JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as CedictLoad);
      } catch {
        resolve(null);
      }
    });
  });
}

async function startOnce(engine: EngineEnv, prefix: string, corpus: string): Promise<StartSample> {
  const api = await spawnServer(serverEnv(engine, prefix, corpus), { pollMs: 20 });
  try {
    const status = await readFile(`/proc/${api.pid}/status`, 'utf8').catch(() => '');
    return { readyMs: api.readyMs, ...parseProcStatus(status) };
  } finally {
    await api.stop();
  }
}

export interface ServerStartOptions {
  engine: EngineEnv;
  /** The seed corpus folder. */
  corpus: string;
  runs: number;
  batchSize: number;
  log?(line: string): void;
}

/** Seed corpus indexed with and without dictionary, then a server started `runs` times on each, alternating. */
export async function measureServerStart(options: ServerStartOptions): Promise<ServerStartResult> {
  const { engine } = options;
  const prefixes = { with: 'seedlex', without: 'seednolex' };
  for (const [side, prefix] of Object.entries(prefixes)) {
    await runPipeline({
      url: engine.url,
      key: engine.key,
      corpus: options.corpus,
      prefix,
      batchSize: options.batchSize,
      dataDir: engine.dataDir,
      client: engine.client,
      noDictionary: side === 'without',
    });
  }
  const withLexicon: StartSample[] = [];
  const withoutDictionary: StartSample[] = [];
  for (let i = 0; i < options.runs; i++) {
    withLexicon.push(await startOnce(engine, prefixes.with, options.corpus));
    withoutDictionary.push(await startOnce(engine, prefixes.without, options.corpus));
  }
  const result: ServerStartResult = {
    runs: options.runs,
    withLexicon,
    withoutDictionary,
    lexicon: { with: await lexiconCounts(engine.client, prefixes.with), without: await lexiconCounts(engine.client, prefixes.without) },
    cedict: await measureCedictLoad(),
  };
  const a = medianSample(withLexicon);
  const b = medianSample(withoutDictionary);
  options.log?.(
    `  seed server start: with lexicon ${(a.readyMs / 1000).toFixed(2)} s, RSS ${a.rssMb?.toFixed(0) ?? 'n/a'} MB; ` +
      `without dictionary ${(b.readyMs / 1000).toFixed(2)} s, RSS ${b.rssMb?.toFixed(0) ?? 'n/a'} MB (median of ${options.runs})`,
  );
  return result;
}
