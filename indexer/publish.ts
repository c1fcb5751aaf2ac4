// Builds new indexes beside the live ones and swaps them in atomically, so searches never see a
// half-built index and a failed run leaves the live indexes untouched.
import type { Meilisearch, Settings, Task } from 'meilisearch';
import { meiliErrorCode } from './meili-client.ts';
import { indexNames, type IndexNames, type IndexState } from './search-documents.ts';

export const STAGING_SUFFIX = '_next';

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

async function existingIndexes(client: Meilisearch): Promise<Set<string>> {
  const all = await client.getRawIndexes({ limit: 10_000 });
  return new Set(all.results.map((i) => i.uid));
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
  /** Fills the staging indexes; returns the counts recorded in the state record. */
  fill(staging: IndexNames): Promise<{ documents: number; clauses: number }>;
  contentHash: string;
}

export async function publish(client: Meilisearch, plan: PublishPlan): Promise<IndexState> {
  const live = indexNames(plan.prefix);
  const staging = indexNames(plan.prefix, STAGING_SUFFIX);
  const stagingUids = Object.values(staging);
  const existing = await existingIndexes(client);
  // Leftovers of a run that was killed: never live, safe to drop.
  for (const uid of stagingUids) if (existing.has(uid)) assertSucceeded(await client.deleteIndex(uid).waitTask());
  try {
    for (const uid of stagingUids) assertSucceeded(await client.createIndex(uid, { primaryKey: 'id' }).waitTask());
    assertSucceeded(await client.index(staging.clauses).updateSettings(plan.clauseSettings).waitTask());
    assertSucceeded(await client.index(staging.documents).updateSettings(plan.documentSettings).waitTask());
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
          { indexes: [live.meta, staging.meta], rename: false },
        ])
        .waitTask(),
    );
    return state;
  } finally {
    // After a swap these hold the previous content; after a failure, the partial build.
    for (const uid of stagingUids) await client.deleteIndex(uid).waitTask().catch(() => undefined);
  }
}
