// What the engine itself reports about an indexing phase: how long its batches ran and where that time
// went (the batches' progressTrace), plus the size of index folders on disk.
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Batch, Meilisearch } from 'meilisearch';

/** Seconds of an ISO 8601 duration as Meilisearch writes them (`PT1.25S`, `PT2M3.5S`); null if not one. */
export function isoDurationSeconds(text: string): number | null {
  const m = /^P(?:(\d+)D)?T?(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?$/.exec(text);
  if (!m || text === 'P' || text === 'PT') return null;
  const [, d, h, min, s] = m;
  return Number(d ?? 0) * 86_400 + Number(h ?? 0) * 3600 + Number(min ?? 0) * 60 + Number(s ?? 0);
}

const UNIT_SECONDS: Record<string, number> = { s: 1, ms: 1e-3, 'µs': 1e-6, us: 1e-6, ns: 1e-9 };

/** Seconds of a Rust Duration as printed in a progressTrace (`1.5s`, `12.3ms`, `40µs`, `300ns`); null if not one. */
export function traceDurationSeconds(text: string): number | null {
  const m = /^(\d+(?:\.\d+)?)(s|ms|µs|us|ns)$/.exec(text.trim());
  if (!m) return null;
  return Number(m[1]) * UNIT_SECONDS[m[2]!]!;
}

export interface EngineTime {
  batches: number;
  /** Sum of the batches' durations: the time the engine spent indexing for the phase. */
  seconds: number;
  /** progressTrace steps summed over the batches, longest first. */
  steps: { step: string; seconds: number }[];
}

/** Pure: aggregates batch durations and their progress traces. */
export function summarizeBatches(batches: Pick<Batch, 'duration' | 'stats'>[]): EngineTime {
  const steps = new Map<string, number>();
  let seconds = 0;
  for (const batch of batches) {
    seconds += batch.duration ? (isoDurationSeconds(batch.duration) ?? 0) : 0;
    for (const [step, value] of Object.entries(batch.stats.progressTrace ?? {})) {
      const s = typeof value === 'string' ? traceDurationSeconds(value) : null;
      if (s !== null) steps.set(step, (steps.get(step) ?? 0) + s);
    }
  }
  return {
    batches: batches.length,
    seconds,
    steps: [...steps].map(([step, s]) => ({ step, seconds: s })).sort((a, b) => b.seconds - a.seconds),
  };
}

/** Batches that started at or after `since` (the engine is private to the bench, so they are the phase's). */
export async function engineTimeSince(client: Meilisearch, since: Date): Promise<EngineTime> {
  const batches: Batch[] = [];
  let from: number | null | undefined;
  do {
    const page = await client.batches.getBatches({ afterStartedAt: since.toISOString(), limit: 500, ...(from == null ? {} : { from }) });
    batches.push(...page.results);
    from = page.next;
  } while (from != null);
  return summarizeBatches(batches.filter((b) => b.finishedAt !== null));
}

/** Bytes allocated on disk under `dir` (like `du`), 0 if it does not exist. */
export async function diskBytes(dir: string): Promise<number> {
  let entries;
  try {
    entries = await readdir(dir, { recursive: true, withFileTypes: true });
  } catch {
    return 0;
  }
  let total = 0;
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const info = await stat(path.join(entry.parentPath, entry.name)).catch(() => null);
    if (info) total += info.blocks * 512;
  }
  return total;
}

/** The engine's per-index folders (db/indexes/<uuid>) that exist now. */
export async function indexFolders(dataDir: string): Promise<Set<string>> {
  const root = path.join(dataDir, 'db', 'indexes');
  const names = await readdir(root).catch(() => [] as string[]);
  return new Set(names.map((n) => path.join(root, n)));
}

/** Disk bytes of the index folders created since `before` was listed (the phase's indexes). */
export async function newIndexBytes(dataDir: string, before: Set<string>): Promise<number> {
  let total = 0;
  for (const dir of await indexFolders(dataDir)) if (!before.has(dir)) total += await diskBytes(dir);
  return total;
}
