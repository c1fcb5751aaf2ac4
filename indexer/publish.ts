// Builds new indexes beside the live ones and swaps them in atomically, so searches never see a
// half-built index and a failed run leaves the live indexes untouched.
import { createHash } from 'node:crypto';
import os from 'node:os';
import type { Meilisearch, Settings, Task } from 'meilisearch';
import { meiliErrorCode } from '../engine/client.ts';
import { indexNames, type IndexNames, type IndexState } from './search-documents.ts';

// Each run builds into its own staging indexes, `<prefix>_clauses_next_<host>_<pid>`, so two builders (a CLI
// run beside the server, or replicas starting together) never fill or delete each other's indexes: each swaps a
// complete index in, the last one wins. Leftovers of a killed run are dropped by the next run: at once when it
// ran on this host and its process is gone, after STALE_MS without updates otherwise.
const HOST = createHash('sha1').update(os.hostname()).digest('hex').slice(0, 8);
const STAGING = /^(.+)_(clauses|documents|lexicon|meta)_next_([0-9a-f]{8})_(\d+)$/;
export const STALE_MS = 15 * 60_000;

/** This process's staging index names for `prefix`. */
export function stagingNames(prefix: string): IndexNames {
  return indexNames(prefix, `_next_${HOST}_${process.pid}`);
}

export function isStagingIndex(prefix: string, uid: string): boolean {
  return STAGING.exec(uid)?.[1] === prefix;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function isAbandoned(uid: string, updatedAt: string, now: number): boolean {
  const [, , , host, pid] = STAGING.exec(uid)!;
  if (Number(pid) === process.pid && host === HOST) return true;
  if (host === HOST && !processAlive(Number(pid))) return true;
  return now - Date.parse(updatedAt) > STALE_MS;
}

export class IndexTaskError extends Error {
  constructor(task: Task) {
    super(`Meilisearch task ${task.uid} (${task.type}) failed: ${task.error?.message ?? task.status}`);
    this.name = 'IndexTaskError';
  }
}

export function assertSucceeded(task: Task): Task {
  if (task.status !== 'succeeded') throw new IndexTaskError(task);
  return task;
}

async function existingIndexes(client: Meilisearch): Promise<Map<string, string>> {
  const all = await client.getRawIndexes({ limit: 10_000 });
  return new Map(all.results.map((i) => [i.uid, i.updatedAt]));
}

/** The state record of the live indexes, or null when there are none yet. Works with a search-only key. */
export async function readLiveState(client: Meilisearch, names: IndexNames): Promise<IndexState | null> {
  try {
    const res = await client.index<IndexState>(names.meta).search('', { limit: 1 });
    return res.hits[0] ?? null;
  } catch (error) {
    if (meiliErrorCode(error) === 'index_not_found') return null;
    throw error;
  }
}

export interface PublishPlan {
  prefix: string;
  clauseSettings: Settings;
  documentSettings: Settings;
  lexiconSettings: Settings;
  /** Fills the staging indexes; returns the counts recorded in the state record. */
  fill(staging: IndexNames): Promise<Pick<IndexState, 'documents' | 'clauses' | 'skipped' | 'commonStems' | 'commonTerms' | 'envHash' | 'related'>>;
  contentHash: string;
}

/**
 * Deletes the staging indexes of `prefix` that no build will finish (see isAbandoned); returns their names.
 * Every run calls it, including one that finds the live index current, so a killed build's leftovers never wait
 * for the next real rebuild.
 */
export async function dropAbandonedStaging(client: Meilisearch, prefix: string, existing?: Map<string, string>): Promise<string[]> {
  const indexes = existing ?? (await existingIndexes(client));
  const now = Date.now();
  const dropped: string[] = [];
  for (const [uid, updatedAt] of indexes) {
    if (isStagingIndex(prefix, uid) && isAbandoned(uid, updatedAt, now)) {
      assertSucceeded(await client.deleteIndex(uid).waitTask());
      dropped.push(uid);
    }
  }
  return dropped;
}

export async function publish(client: Meilisearch, plan: PublishPlan): Promise<IndexState> {
  const live = indexNames(plan.prefix);
  const staging = stagingNames(plan.prefix);
  const stagingUids = Object.values(staging);
  const existing = await existingIndexes(client);
  await dropAbandonedStaging(client, plan.prefix, existing);
  try {
    for (const uid of stagingUids) assertSucceeded(await client.createIndex(uid, { primaryKey: 'id' }).waitTask());
    assertSucceeded(await client.index(staging.clauses).updateSettings(plan.clauseSettings).waitTask());
    assertSucceeded(await client.index(staging.documents).updateSettings(plan.documentSettings).waitTask());
    assertSucceeded(await client.index(staging.lexicon).updateSettings(plan.lexiconSettings).waitTask());
    const counts = await plan.fill(staging);
    const state: IndexState = { id: 'state', contentHash: plan.contentHash, builtAt: new Date().toISOString(), ...counts };
    assertSucceeded(await client.index(staging.meta).addDocuments([state]).waitTask());
    // Swapping needs both sides; the very first build swaps with empty live indexes.
    for (const uid of Object.values(live)) {
      if (!existing.has(uid)) assertSucceeded(await client.createIndex(uid, { primaryKey: 'id' }).waitTask());
    }
    assertSucceeded(
      await client
        .swapIndexes([
          { indexes: [live.clauses, staging.clauses], rename: false },
          { indexes: [live.documents, staging.documents], rename: false },
          { indexes: [live.lexicon, staging.lexicon], rename: false },
          { indexes: [live.meta, staging.meta], rename: false },
        ])
        .waitTask(),
    );
    return state;
  } finally {
    // After a swap these hold the previous content; after a failure, the partial build.
    for (const uid of stagingUids)
      await client
        .deleteIndex(uid)
        .waitTask()
        .catch(() => undefined);
  }
}
