// Crash safety: the indexer CLI is SIGKILLed at each stage of a rebuild (seen in the engine's task log);
// the live index keeps serving the same results every time, and a rerun completes and cleans up.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Task } from 'meilisearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { meiliClient } from '../../engine/client.ts';
import { isStagingIndex, readLiveState } from '../../indexer/publish.ts';
import { indexNames, type IndexState } from '../../indexer/search-documents.ts';
import { startOwnEngine } from '../helpers/engine.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { SEED_QUERIES, eventually, snapshotResults, timedFetch } from './helpers.ts';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PREFIX = 'crash';
const live = indexNames(PREFIX);
// The indexer runs in a child process: its staging indexes are recognised by name, not by its pid.
const isStagingClauses = (uid: string | null | undefined) => !!uid && isStagingIndex(PREFIX, uid) && uid.startsWith(`${PREFIX}_clauses_`);

// An engine of its own: the test reads the engine's whole task log while the indexer is killed mid-build.
let own: Awaited<ReturnType<typeof startOwnEngine>>;
let server: TestServer;
let admin: ReturnType<typeof meiliClient>;
let baseline: Map<string, string>;
let liveBefore: IndexState;

beforeAll(async () => {
  own = await startOwnEngine();
  server = await startTestServer({ engine: own.engine, prefix: PREFIX, refreshMs: 200 });
  admin = meiliClient(server.engine.url, server.engine.adminKey, 10_000);
  baseline = await snapshotResults(server.url, SEED_QUERIES);
  liveBefore = (await readLiveState(admin, live))!;
  expect(liveBefore.clauses).toBeGreaterThan(0);
});

afterAll(async () => {
  await server?.close();
  await own?.cleanup();
});

interface IndexerRun {
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  hasExited(): boolean;
  output(): string;
  kill(): void;
}

function startIndexer(force = true): IndexerRun {
  const child = spawn(process.execPath, ['--import', 'tsx', 'indexer/cli/index.ts', ...(force ? ['--force'] : []), '--prefix', PREFIX], {
    cwd: REPO,
    env: { ...process.env, MEILI_URL: server.engine.url, MEILI_MASTER_KEY: server.engine.adminKey, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  let done = false;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => {
      done = true;
      resolve({ code, signal });
    }),
  );
  return { exited, hasExited: () => done, output: () => output, kill: () => child.kill('SIGKILL') };
}

async function latestTaskUid(): Promise<number> {
  return (await admin.tasks.getTasks({ limit: 1 })).results[0]?.uid ?? -1;
}

async function tasksSince(uid: number): Promise<Task[]> {
  return (await admin.tasks.getTasks({ limit: 1000 })).results.filter((t) => t.uid > uid);
}

async function engineIdle(): Promise<boolean> {
  return (await admin.tasks.getTasks({ statuses: ['enqueued', 'processing'], limit: 1 })).results.length === 0;
}

async function stagingLeft(): Promise<string[]> {
  const uids = (await admin.getRawIndexes({ limit: 1000 })).results.map((i) => i.uid);
  return uids.filter((uid) => isStagingIndex(PREFIX, uid));
}

// Stages of a rebuild, in order, as the engine sees them. After each, the indexer still has work to do
// (every step waits for its task with a 100 ms poll), so a kill lands before it finishes.
const STAGES: { name: string; reached(tasks: Task[]): boolean }[] = [
  { name: 'staging indexes created', reached: (tasks) => tasks.some((t) => t.type === 'indexCreation' && isStagingClauses(t.indexUid)) },
  { name: 'clauses sent to staging', reached: (tasks) => tasks.some((t) => t.type === 'documentAdditionOrUpdate' && isStagingClauses(t.indexUid)) },
  { name: 'swap enqueued', reached: (tasks) => tasks.some((t) => t.type === 'indexSwap') },
];

describe('indexer killed mid-run', () => {
  it.each(STAGES)('leaves the live index serving when killed after: $name', async (stage) => {
    const since = await latestTaskUid();
    const run = startIndexer();
    const reached = await eventually(async () => run.hasExited() || stage.reached(await tasksSince(since)), 30_000);
    run.kill();
    const exit = await run.exited;
    expect(reached).toBe(true);
    // Killed, not finished (or failed) by itself.
    expect(exit.signal, run.output()).toBe('SIGKILL');

    // Whatever it had enqueued runs to the end in the engine; the server must still serve the same answers.
    expect(await eventually(engineIdle, 15_000)).toBe(true);
    expect((await timedFetch(`${server.url}/api/health`)).status).toBe(200);
    expect(await snapshotResults(server.url, SEED_QUERIES)).toEqual(baseline);
    const after = (await readLiveState(admin, live))!;
    expect(after.contentHash).toBe(liveBefore.contentHash);
    expect({ documents: after.documents, clauses: after.clauses }).toEqual({ documents: liveBefore.documents, clauses: liveBefore.clauses });
  });

  it('drops the leftovers of a killed build even when a rerun finds nothing to rebuild', async () => {
    expect(await stagingLeft()).not.toEqual([]);
    const run = startIndexer(false);
    const exit = await run.exited;
    expect(exit, run.output()).toEqual({ code: 0, signal: null });
    expect(run.output()).toMatch(/Nothing changed: the live index/);
    expect(await stagingLeft()).toEqual([]);
    expect(await snapshotResults(server.url, SEED_QUERIES)).toEqual(baseline);
  });

  it('completes when rerun, swaps in a new build and removes the leftovers', async () => {
    const beforeRerun = (await readLiveState(admin, live))!;
    const run = startIndexer();
    const exit = await run.exited;
    expect(exit, run.output()).toEqual({ code: 0, signal: null });
    expect(run.output()).toMatch(/Indexed: \d+ documents, \d+ clauses/);

    const after = (await readLiveState(admin, live))!;
    expect(after.builtAt > beforeRerun.builtAt).toBe(true);
    expect(after.contentHash).toBe(liveBefore.contentHash);
    expect(await stagingLeft()).toEqual([]);
    expect(await snapshotResults(server.url, SEED_QUERIES)).toEqual(baseline);
  });
});
