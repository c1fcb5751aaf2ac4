// Incremental indexing against a real Meilisearch: adding, changing and removing one document writes only its
// clauses to the live index (no rebuild, no swap), a run stopped between any two steps leaves the live index as it
// was (the state and the catalog's documents unchanged) and the next run finishes it, and the result is the index a
// full rebuild makes. Related clauses are switched off (relatedClauses: 0), as for corpora above the limit: with
// them every change is a rebuild.
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Meilisearch } from 'meilisearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { meiliClient } from '../../engine/client.ts';
import type { IncrementalStep } from '../../indexer/incremental.ts';
import { runIndex, type IndexRunOptions } from '../../indexer/pipeline.ts';
import { indexNames, type IndexedClause, type IndexedDocument, type IndexState } from '../../indexer/search-documents.ts';
import { testPrefix } from '../helpers/engine.ts';
import { startTestEngine } from '../helpers/server.ts';
import { makeDoc, metaYaml } from './hostile-corpus.ts';

// Writes: indexes of its own on the shared engine.
const PREFIX = testPrefix('incr');
const REFERENCE = testPrefix('incrref');
const NEW = 'somecity-2026-fdi-measures';
const SOURCE = `某市促进外商投资若干措施

为进一步扩大外资流入，制定以下措施。
一、优化投资环境
（一）落实准入前国民待遇。全面落实外商投资准入负面清单。
（二）强化要素保障。保障外资项目用地需求。
`;

let engine: Awaited<ReturnType<typeof startTestEngine>>;
let client: Meilisearch;
let work: string;
let corpus: string;

const run = (extra: Partial<IndexRunOptions> = {}) => runIndex({ client, corpus, prefix: PREFIX, relatedClauses: 0, ...extra });

async function liveState(prefix = PREFIX): Promise<IndexState> {
  return (await client.index<IndexState>(indexNames(prefix).meta).getDocument('state')) as IndexState;
}
async function clausesOf(docId: string, prefix = PREFIX): Promise<Array<Pick<IndexedClause, 'id' | 'text' | 'path_zh' | 'citesDocs'>>> {
  const res = await client
    .index<IndexedClause>(indexNames(prefix).clauses)
    .getDocuments({ filter: `docId = "${docId}"`, fields: ['id', 'text', 'path_zh', 'citesDocs'], limit: 1000 });
  return res.results.sort((a, b) => a.id.localeCompare(b.id));
}
async function documentIds(prefix = PREFIX): Promise<string[]> {
  const res = await client.index<IndexedDocument>(indexNames(prefix).documents).getDocuments({ fields: ['id'], limit: 1000 });
  return res.results.map((d) => d.id).sort();
}
/** The same corpus built from scratch under another prefix: what the incremental index must equal. */
async function rebuilt(docId: string) {
  const summary = await runIndex({ client, corpus, prefix: REFERENCE, relatedClauses: 0, force: true });
  expect(summary.mode).toBe('full');
  return { clauses: await clausesOf(docId, REFERENCE), documents: await documentIds(REFERENCE), total: (await liveState(REFERENCE)).clauses };
}
const stopAt = (at: IncrementalStep) => (step: IncrementalStep) => {
  if (step === at) throw new Error(`stopped at ${step}`);
};

beforeAll(async () => {
  engine = await startTestEngine();
  client = meiliClient(engine.engine.url, engine.engine.adminKey, 30_000);
  work = await mkdtemp(path.join(os.tmpdir(), 'incremental-'));
  corpus = path.join(work, 'corpus');
  await cp('corpus', corpus, { recursive: true });
  const first = await run();
  expect(first).toMatchObject({ status: 'indexed', mode: 'full' });
});
afterAll(async () => {
  await engine?.cleanup();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('incremental indexing', () => {
  it('adds one document without a rebuild; a stop after its clauses leaves the live index as it was, the next run finishes', async () => {
    const before = await liveState();
    await makeDoc(corpus, NEW, metaYaml(NEW), SOURCE);
    // A stop after the pending document record: no clause of it yet, the state the old one.
    await expect(run({ onIncrementalStep: stopAt('documents-pending') })).rejects.toThrow('stopped at documents-pending');
    expect(await clausesOf(NEW)).toEqual([]);
    expect(await liveState()).toMatchObject({ contentHash: before.contentHash, clauses: before.clauses });
    await expect(run({ onIncrementalStep: stopAt('clauses-added') })).rejects.toThrow('stopped at clauses-added');
    // The state (what servers reload their catalog on) is the old one; the clauses already searchable have their
    // document record, so no facet or count holds a clause of a document that is not there.
    expect(await liveState()).toMatchObject({ contentHash: before.contentHash, clauses: before.clauses });
    expect((await clausesOf(NEW)).length).toBeGreaterThan(0);
    expect(await documentIds()).toContain(NEW);

    const summary = await run();
    expect(summary).toMatchObject({ status: 'indexed', mode: 'incremental', changes: { added: [NEW], changed: [], removed: [] } });
    const ref = await rebuilt(NEW);
    expect(await clausesOf(NEW)).toEqual(ref.clauses);
    expect(await documentIds()).toEqual(ref.documents);
    expect(await liveState()).toMatchObject({ contentHash: summary.contentHash, clauses: ref.total, documents: 6 });
    // Nothing left to do.
    expect((await run()).status).toBe('unchanged');
  });

  it('changes one document: its clauses replaced, the removed one gone, other documents untouched', async () => {
    const national = await clausesOf('national-2022-fdi-manufacturing');
    await writeFile(path.join(corpus, NEW, 'source.txt'), SOURCE.replace('（二）强化要素保障。保障外资项目用地需求。\n', '').replace('全面落实', '严格落实'));
    // A stop after the documents are written but before the state: the next run only writes the state.
    await expect(run({ onIncrementalStep: stopAt('documents') })).rejects.toThrow('stopped at documents');
    const summary = await run();
    expect(summary).toMatchObject({ mode: 'incremental' });
    const ref = await rebuilt(NEW);
    const now = await clausesOf(NEW);
    expect(now).toEqual(ref.clauses);
    expect(now.some((c) => c.text.includes('严格落实'))).toBe(true);
    expect(now.some((c) => c.text.includes('强化要素保障'))).toBe(false);
    expect(await clausesOf('national-2022-fdi-manufacturing')).toEqual(national);
    expect((await liveState()).clauses).toBe(ref.total);
    expect((await run()).status).toBe('unchanged');
  });

  it('changes a document in one run after a stop midway through deleting', async () => {
    await writeFile(path.join(corpus, NEW, 'source.txt'), SOURCE);
    await expect(run({ onIncrementalStep: stopAt('clauses-deleted') })).rejects.toThrow('stopped at clauses-deleted');
    const summary = await run();
    expect(summary).toMatchObject({ mode: 'incremental', changes: { changed: [NEW] } });
    expect(await clausesOf(NEW)).toEqual((await rebuilt(NEW)).clauses);
  });

  it('removes one document, also after a stop', async () => {
    await rm(path.join(corpus, NEW), { recursive: true });
    await expect(run({ onIncrementalStep: stopAt('clauses-deleted') })).rejects.toThrow('stopped at clauses-deleted');
    expect(await documentIds()).toContain(NEW);
    const summary = await run();
    expect(summary).toMatchObject({ mode: 'incremental', changes: { removed: [NEW] } });
    expect(await clausesOf(NEW)).toEqual([]);
    const ref = await rebuilt(NEW);
    expect(await documentIds()).toEqual(ref.documents);
    expect((await liveState()).clauses).toBe(ref.total);
  });

  it('rebuilds in full with --force, and when related clauses are computed', async () => {
    expect((await run({ force: true })).mode).toBe('full');
    await makeDoc(corpus, NEW, metaYaml(NEW), SOURCE);
    // Without relatedClauses: 0 the seed corpus has related clauses, which a new document changes everywhere.
    expect((await runIndex({ client, corpus, prefix: PREFIX })).mode).toBe('full');
  });
});
