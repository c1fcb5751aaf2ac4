// A real crash in the middle of an incremental update: `npm run index` adds one document to a live index and is
// SIGKILLed once the engine has its clauses (seen in the engine's task log), before the records and the state that
// make them count. The state still describes the old index; the next run finishes the addition.
import { spawn } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { meiliClient } from '../../engine/client.ts';
import { readLiveState } from '../../indexer/publish.ts';
import { indexNames, type IndexState } from '../../indexer/search-documents.ts';
import { dropPrefix, sharedEngine, testPrefix } from '../helpers/engine.ts';
import { eventually } from '../helpers/process.ts';

const PREFIX = testPrefix('kill');
const names = indexNames(PREFIX);
const SOURCE_ID = 'changshou-2022-fdi-action-plan-draft';
const ADDED_ID = 'changshou-2022-fdi-action-plan-copy';
let work: string;
let corpus: string;
let engine: Awaited<ReturnType<typeof sharedEngine>>;
let admin: ReturnType<typeof meiliClient>;

/** `npm run index` on the private corpus; related clauses off, so that a one-document change is incremental. */
function indexer() {
  const args = ['--import', 'tsx', 'indexer/cli/index.ts', '--corpus', corpus, '--prefix', PREFIX, '--related-clauses', '0'];
  const child = spawn(process.execPath, args, {
    env: { ...process.env, MEILI_URL: engine.url, MEILI_MASTER_KEY: engine.adminKey, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { exited, output: () => output, running: () => child.exitCode === null && child.signalCode === null, kill: () => child.kill('SIGKILL') };
}

const latestTask = async () => (await admin.tasks.getTasks({ limit: 1 })).results[0]?.uid ?? -1;
const idle = async () => (await admin.tasks.getTasks({ statuses: ['enqueued', 'processing'], limit: 1 })).results.length === 0;
const clausesOf = async (docId: string) => (await admin.index(names.clauses).search('', { filter: `docId = "${docId}"`, limit: 0 })).estimatedTotalHits ?? 0;

beforeAll(async () => {
  engine = await sharedEngine();
  admin = meiliClient(engine.url, engine.adminKey, 10_000);
  work = await mkdtemp(path.join(os.tmpdir(), 'policy-search-kill-'));
  corpus = path.join(work, 'corpus');
  await cp('corpus', corpus, { recursive: true });
  const full = indexer();
  expect(await full.exited, full.output()).toEqual({ code: 0, signal: null });
});

afterAll(async () => {
  await dropPrefix(PREFIX);
  await rm(work, { recursive: true, force: true });
});

describe('npm run index killed in an incremental update', () => {
  let before: IndexState;

  it('leaves the state of the old index when killed after the new clauses', async () => {
    before = (await readLiveState(admin, names))!;
    // A second copy of one document under its own id (no document number, so nothing else cites it).
    const added = path.join(corpus, ADDED_ID);
    await cp(path.join(corpus, SOURCE_ID), added, { recursive: true });
    const meta = await readFile(path.join(added, 'meta.yaml'), 'utf8');
    await writeFile(path.join(added, 'meta.yaml'), meta.replace(`id: ${SOURCE_ID}`, `id: ${ADDED_ID}`));

    const since = await latestTask();
    const run = indexer();
    const clausesWritten = async () =>
      (await admin.tasks.getTasks({ limit: 100 })).results.some(
        (t) => t.uid > since && t.indexUid === names.clauses && t.type === 'documentAdditionOrUpdate' && t.status === 'succeeded',
      );
    const reached = await eventually(async () => !run.running() || (await clausesWritten()), 60_000);
    run.kill();
    expect(reached).toBe(true);
    expect((await run.exited).signal, run.output()).toBe('SIGKILL');
    expect(await eventually(idle, 15_000)).toBe(true);

    // Killed midway: the clauses are in, the state is the old index's, so servers go on serving its catalog.
    expect(await clausesOf(ADDED_ID)).toBeGreaterThan(0);
    const after = (await readLiveState(admin, names))!;
    expect({ contentHash: after.contentHash, documents: after.documents, clauses: after.clauses }).toEqual({
      contentHash: before.contentHash,
      documents: before.documents,
      clauses: before.clauses,
    });
    // The document's record, written first, is marked pending: never taken for a finished one.
    const record = await admin.index(names.documents).getDocument(ADDED_ID, { fields: ['id', 'hash'] });
    expect(String(record.hash)).toMatch(/^pending/);
  });

  it('finishes the addition in the next run', async () => {
    const run = indexer();
    expect(await run.exited, run.output()).toEqual({ code: 0, signal: null });
    expect(run.output()).toMatch(/Updated the live index: 1 added, 0 changed, 0 removed/);
    const after = (await readLiveState(admin, names))!;
    expect(after.documents).toBe(before.documents + 1);
    expect(after.clauses).toBe(before.clauses + (await clausesOf(SOURCE_ID)));
    expect(await clausesOf(ADDED_ID)).toBe(await clausesOf(SOURCE_ID));
    const record = await admin.index(names.documents).getDocument(ADDED_ID, { fields: ['id', 'hash'] });
    expect(String(record.hash)).not.toMatch(/^pending/);
  });
});
