// Indexing benchmark: our pipeline (in a child process) against raw Meilisearch ingesting the same clause
// texts as plain documents with default settings, on the same engine, one after the other.
import { fork } from 'node:child_process';
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { Meilisearch } from 'meilisearch';
import { assertSucceeded } from '../indexer/publish.ts';
import { engineTimeSince, indexFolders, newIndexBytes, type EngineTime } from './engine-stats.ts';
import type { ChildArgs, ChildMessage } from './index-child.ts';

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
const CHILD = path.join(BENCH_DIR, 'index-child.ts');

export interface PipelineRun {
  documents: number;
  clauses: number;
  termsTagged: number;
  problems: number;
  /** Wall time of runIndex: glossary load, parse, segment, tag, send, engine indexing, swap. */
  seconds: number;
  clausesPerSecond: number;
  /** Until the last document was parsed, enriched and handed over; the rest is waiting for the engine. */
  prepSeconds: number;
  peakRssMb: number;
  indexBytes: number;
  engine: EngineTime;
  largestDoc: { docId: string; clauses: number };
}

export interface RawRun {
  documents: number;
  /** From index creation to the last addition task succeeding. */
  seconds: number;
  documentsPerSecond: number;
  indexBytes: number;
  engine: EngineTime;
}

export interface PipelineOptions {
  url: string;
  key: string;
  corpus: string;
  prefix: string;
  batchSize: number;
  /** Where the child writes the clauses' plain fields for the raw ingest (none written when absent). */
  ndjson?: string;
  /** Index without glosses: `runIndex({ dictionary: new Map() })`. */
  noDictionary?: boolean;
  dataDir: string;
  client: Meilisearch;
  /** Node flags for the child, e.g. --cpu-prof. */
  nodeArgs?: string[];
  onProgress?(p: { documents: number; totalDocuments: number; clauses: number }): void;
}

export async function runPipeline(options: PipelineOptions): Promise<PipelineRun> {
  const before = await indexFolders(options.dataDir);
  const since = new Date();
  const args: ChildArgs = {
    url: options.url,
    key: options.key,
    corpus: options.corpus,
    prefix: options.prefix,
    batchSize: options.batchSize,
    ...(options.ndjson === undefined ? {} : { ndjson: options.ndjson }),
    ...(options.noDictionary ? { noDictionary: true } : {}),
  };
  const child = fork(CHILD, [JSON.stringify(args)], {
    execArgv: [...(options.nodeArgs ?? []), '--import', 'tsx'],
    // The pipeline's default glossary path is relative to the repository.
    cwd: path.resolve(BENCH_DIR, '..'),
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const done = await new Promise<Extract<ChildMessage, { type: 'done' }>>((resolve, reject) => {
    let result: Extract<ChildMessage, { type: 'done' }> | undefined;
    let failure: string | undefined;
    child.on('message', (message: ChildMessage) => {
      if (message.type === 'progress') options.onProgress?.(message);
      else if (message.type === 'done') result = message;
      else failure = message.message;
    });
    child.once('error', reject);
    // Wait for exit, not the message: a --cpu-prof profile is written while the child exits.
    child.once('exit', (code) => {
      if (result) resolve(result);
      else reject(new Error(`indexing child exited with code ${String(code)}${failure ? `: ${failure}` : ''}`));
    });
  });
  const s = done.summary;
  return {
    documents: s.documents,
    clauses: s.clauses,
    termsTagged: s.termsTagged,
    problems: s.problems,
    seconds: s.seconds,
    clausesPerSecond: s.clausesPerSecond,
    prepSeconds: done.prepSeconds,
    peakRssMb: done.maxRssKb / 1024,
    indexBytes: await newIndexBytes(options.dataDir, before),
    engine: await engineTimeSince(options.client, since),
    largestDoc: done.largestDoc,
  };
}

/** Deletes the index if it exists (deleting a missing one makes the engine log a failed batch). */
export async function dropIndex(client: Meilisearch, uid: string): Promise<void> {
  const exists = await client.getRawIndex(uid).then(
    () => true,
    () => false,
  );
  if (exists) assertSucceeded(await client.deleteIndex(uid).waitTask());
}

export interface RawIngestOptions {
  client: Meilisearch;
  uid: string;
  ndjson: string;
  batchSize: number;
  dataDir: string;
}

/** Ingests the NDJSON file into a fresh index with default settings, in batches of the pipeline's size. */
export async function ingestRaw(options: RawIngestOptions): Promise<RawRun> {
  const { client, uid } = options;
  await dropIndex(client, uid);
  const before = await indexFolders(options.dataDir);
  const since = new Date();
  const started = performance.now();
  assertSucceeded(await client.createIndex(uid, { primaryKey: 'id' }).waitTask());
  const index = client.index(uid);
  const tasks: number[] = [];
  let lines: string[] = [];
  let documents = 0;
  const flush = async () => {
    if (lines.length === 0) return;
    tasks.push((await index.addDocumentsFromString(lines.join('\n'), 'application/x-ndjson')).taskUid);
    documents += lines.length;
    lines = [];
  };
  for await (const line of createInterface({ input: createReadStream(options.ndjson, 'utf8'), crlfDelay: Infinity })) {
    if (line === '') continue;
    lines.push(line);
    if (lines.length >= options.batchSize) await flush();
  }
  await flush();
  for (const task of tasks) assertSucceeded(await client.tasks.waitForTask(task, { timeout: 3_600_000, interval: 250 }));
  const seconds = (performance.now() - started) / 1000;
  return {
    documents,
    seconds,
    documentsPerSecond: documents / Math.max(seconds, 1e-9),
    indexBytes: await newIndexBytes(options.dataDir, before),
    engine: await engineTimeSince(client, since),
  };
}

/** After timing: what a naive user would add to filter and facet raw results by document. */
export async function makeRawFilterable(client: Meilisearch, uid: string): Promise<void> {
  assertSucceeded(
    await client
      .index(uid)
      .updateSettings({ filterableAttributes: ['docId'] })
      .waitTask({ timeout: 3_600_000, interval: 250 }),
  );
}
