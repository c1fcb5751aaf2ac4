// Everything a running server holds: the engine, a search-only client, the glossary, the catalog of the live
// index and the gate in front of the engine. Serves whatever complete index the engine holds from the start,
// builds a new one behind it when it is missing or stale, and notices reindexes made by `npm run index`.
// A failed build is logged and reported by /api/health; it never takes down an index that works.
import type { Meilisearch } from 'meilisearch';
import { createLookup, type Lookup } from '../glossary/lookup.ts';
import { meiliClient } from '../engine/client.ts';
import { DEFAULT_CORPUS, DEFAULT_GLOSSARY, IndexBuildError, loadEnricher, runIndex, type Enricher, type IndexSummary } from '../indexer/pipeline.ts';
import { readLiveState } from '../indexer/publish.ts';
import { DEFAULT_INDEX_PREFIX, indexNames, type IndexNames, type IndexState } from '../indexer/search-documents.ts';
import type { Problem } from '../indexer/types.ts';
import { connectEngine, type EngineHandle } from '../engine/connect.ts';
import { searchKey } from '../engine/keys.ts';
import { BUILD_RETRY, ENGINE_LIMITS, REQUEST_BUDGET } from '../shared/limits.ts';
import type { Logger } from '../shared/logger.ts';
import { englishWords } from './query/english-words.ts';
import type { PlannerDeps } from './query/plan.ts';
import { fetchCatalog, type Catalog } from './search/catalog.ts';
import { createEngineGate, type EngineGate, type GateLimits, type GateStats } from './search/engine-gate.ts';
import type { SearchContext } from './search/execute.ts';

export interface RuntimeOptions {
  logger: Logger;
  corpus?: string;
  glossaryDir?: string;
  prefix?: string;
  /** Build the index at start when missing or stale (default true). */
  autoIndex?: boolean;
  /** How often to look for a reindex made by another process. */
  refreshMs?: number;
  /** Per-request engine timeout for searches. */
  searchTimeoutMs?: number;
  /** Concurrency and queue of the engine gate (default ENGINE_LIMITS). */
  engineLimits?: GateLimits;
  engine?: EngineHandle;
}

/** How the last index build of this runtime (start-up, retry or admin) ended. */
export interface BuildReport {
  status: 'indexed' | 'unchanged' | 'failed';
  /** When it ended (ISO 8601). */
  at: string;
  /** Documents left out for errors. */
  skipped: number;
  /** Error-level problems (files named in the log). */
  errors: number;
  /** First line of the failure, for `failed`. */
  error?: string;
}

export interface RuntimeStatus {
  /** The index being served; null while there is none. */
  index: { contentHash: string; documents: number; clauses: number; builtAt: string; skipped: number } | null;
  build: { running: boolean; last: BuildReport | null; nextRetryAt: string | null };
  engine: GateStats;
}

export interface Runtime {
  engine: EngineHandle;
  names: IndexNames;
  enricher: Enricher;
  /** Glossary lookup (Chinese, English, variants, pinyin, typos), built once. */
  lookup: Lookup;
  /** Query planning's dependencies but those of the live index (lexicon, stem shares: `search().catalog`). */
  planner: Omit<PlannerDeps, 'lexicon' | 'stemShare' | 'termShare'>;
  /** Null while no complete index has been found (first build running or failed). */
  search(): SearchContext | null;
  client: Meilisearch;
  /** Bounded concurrency in front of the engine, shared by every route (routes/context.ts engineWork). */
  gate: EngineGate;
  engineHealthy(): Promise<boolean>;
  /** The served index, the last build and the gate, for /api/health. */
  status(): RuntimeStatus;
  /**
   * Resolves once the start-up build (if any) and catalog load are done; rejects when that build failed, while an
   * existing index goes on being served and the build is retried with backoff.
   */
  ready: Promise<void>;
  /**
   * Rebuilds the index from the corpus with the admin key (swapped in atomically) and reloads the catalog;
   * throws ReindexBusyError while another build of this runtime (including the start-up one) runs.
   */
  reindex(force: boolean): Promise<IndexSummary>;
  close(): Promise<void>;
}

export class ReindexBusyError extends Error {
  override readonly name = 'ReindexBusyError';
  constructor() {
    super('an index build is already running');
  }
}

/** The first `max` distinct concepts, in query order: the request budget's bound on glossary expansion. */
export function firstConcepts<T extends { entry: { id: string } }>(spans: readonly T[], max: number = REQUEST_BUDGET.concepts): T[] {
  const seen = new Set<string>();
  return spans.filter((s) => {
    if (!seen.has(s.entry.id) && seen.size >= max) return false;
    seen.add(s.entry.id);
    return true;
  });
}

/** Delay before retry number `attempt` (1, 2, …) of a failed build: `firstMs` doubling up to `maxMs`. */
export function retryDelay(attempt: number, firstMs: number, maxMs: number = BUILD_RETRY.maxDelayMs): number {
  return Math.min(maxMs, firstMs * 2 ** Math.min(attempt - 1, 30));
}

const firstLine = (error: unknown) => (error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 300);

function buildReport(summary: Pick<IndexSummary, 'status' | 'skipped' | 'problems'>): BuildReport {
  return {
    status: summary.status === 'dry-run' ? 'indexed' : summary.status,
    at: new Date().toISOString(),
    skipped: summary.skipped,
    errors: summary.problems.filter((p) => p.severity === 'error').length,
  };
}

export function plannerDeps(enricher: Enricher, lookup: Lookup): Omit<PlannerDeps, 'lexicon' | 'stemShare' | 'termShare'> {
  const byZh = new Map<string, typeof enricher.glossary.entries>();
  for (const entry of enricher.glossary.entries) {
    // Lower-cased like jieba's tokens, so RCEP written inside Chinese text matches its entry.
    for (const form of [entry.zh, ...entry.variants.zh].map((f) => f.toLowerCase())) byZh.set(form, [...(byZh.get(form) ?? []), entry]);
  }
  return {
    cut: (text) => enricher.cut(text),
    findInEnglish: (q) => firstConcepts(lookup.findInEnglish(q)),
    findPinyin: (q) => lookup.findPinyin(q).slice(0, REQUEST_BUDGET.concepts),
    isEnglishWord: (w) => englishWords().has(w),
    entriesWithZh: (form) => byZh.get(form.toLowerCase()) ?? [],
  };
}

export async function startRuntime(options: RuntimeOptions): Promise<Runtime> {
  const log = options.logger;
  const names = indexNames(options.prefix ?? DEFAULT_INDEX_PREFIX);
  const engine = options.engine ?? (await connectEngine({ logger: log, supervise: true }));
  const { enricher } = await loadEnricher(options.glossaryDir ?? DEFAULT_GLOSSARY);
  const client = meiliClient(engine.url, await searchKey(engine), options.searchTimeoutMs ?? 1500);
  const gate = createEngineGate(options.engineLimits ?? ENGINE_LIMITS);
  const autoIndex = options.autoIndex ?? true;
  const refreshMs = options.refreshMs ?? 5000;
  let catalog: Catalog | null = null;
  let liveState: IndexState | null = null;
  let lastBuild: BuildReport | null = null;
  let closed = false;

  const loadCatalog = async () => {
    const state = await readLiveState(client, names);
    if (!state) return;
    if (catalog?.contentHash !== state.contentHash) {
      catalog = await fetchCatalog(client, names, state);
      log.info({ documents: catalog.documents.length, contentHash: state.contentHash.slice(0, 12) }, 'index catalog loaded');
    }
    liveState = state;
  };

  const logProblems = (problems: Problem[]) => {
    for (const p of problems) log[p.severity === 'error' ? 'error' : 'warn']({ file: p.file, line: p.line }, p.message);
  };
  const buildIndex = async (force: boolean): Promise<IndexSummary> => {
    const admin = meiliClient(engine.url, engine.adminKey, 30_000);
    try {
      const summary = await runIndex({ client: admin, corpus: options.corpus ?? DEFAULT_CORPUS, glossaryDir: options.glossaryDir, prefix: options.prefix, force });
      logProblems(summary.problems);
      lastBuild = buildReport(summary);
      // Documents left out are an operator's problem, not a client's: error level, and counted in /api/health.
      log[summary.skipped > 0 ? 'error' : 'info'](
        { status: summary.status, documents: summary.documents, clauses: summary.clauses, skipped: summary.skipped, seconds: Number(summary.seconds.toFixed(2)) },
        'index checked',
      );
      return summary;
    } catch (error) {
      if (error instanceof IndexBuildError) logProblems(error.problems);
      lastBuild = {
        status: 'failed',
        at: new Date().toISOString(),
        skipped: 0,
        errors: error instanceof IndexBuildError ? error.problems.filter((p) => p.severity === 'error').length : 0,
        error: firstLine(error),
      };
      throw error;
    }
  };
  // One build at a time per runtime: staging indexes are named per process, so two would share them.
  let building = false;
  const exclusive = async <T>(work: () => Promise<T>): Promise<T> => {
    if (building) throw new ReindexBusyError();
    building = true;
    try {
      return await work();
    } finally {
      building = false;
    }
  };

  // A failed start-up build is retried with backoff (each attempt re-reads the corpus) until one succeeds.
  let retryTimer: NodeJS.Timeout | undefined;
  let retryAt: number | null = null;
  let attempts = 0;
  const cancelRetry = () => {
    clearTimeout(retryTimer);
    retryAt = null;
    attempts = 0;
  };
  const scheduleRetry = () => {
    if (closed) return;
    attempts += 1;
    const delay = retryDelay(attempts, refreshMs);
    retryAt = Date.now() + delay;
    retryTimer = setTimeout(() => {
      retryAt = null;
      // An admin reindex is running: look again later.
      if (building) return scheduleRetry();
      exclusive(() => buildIndex(false))
        .then(loadCatalog)
        .then(
          () => {
            log.info({ attempt: attempts }, 'index build retry succeeded');
            cancelRetry();
          },
          (error: unknown) => {
            log.error({ err: error, attempt: attempts, serving: catalog?.contentHash.slice(0, 12) ?? null }, 'index build retry failed');
            scheduleRetry();
          },
        );
    }, delay);
    retryTimer.unref();
  };

  // Whatever complete index the engine holds is served from the first request on, also while a stale one is rebuilt.
  await loadCatalog().catch((error: unknown) => log.warn({ err: error }, 'live index not readable yet; retried on every refresh'));
  const ready = (async () => {
    if (autoIndex) await exclusive(() => buildIndex(false));
    await loadCatalog();
  })();
  ready.catch((error: unknown) => {
    if (autoIndex) scheduleRetry();
    const serving = catalog?.contentHash.slice(0, 12) ?? null;
    log.error(
      { err: error, serving, retryInMs: retryAt === null ? null : retryAt - Date.now() },
      serving ? 'index build failed; serving the last good index' : 'index build failed; no index to serve (503 index_not_ready) until a build succeeds',
    );
  });

  const timer = setInterval(() => {
    if (closed) return;
    loadCatalog().catch((error: unknown) => log.debug({ err: error }, 'catalog refresh failed'));
  }, refreshMs);
  timer.unref();

  const lookup = createLookup(enricher.glossary);
  const planner = plannerDeps(enricher, lookup);
  return {
    engine,
    names,
    enricher,
    lookup,
    planner,
    client,
    gate,
    ready,
    search: () => (catalog ? { client, names, catalog, glossary: enricher.glossary } : null),
    reindex: (force) =>
      exclusive(async () => {
        const summary = await buildIndex(force);
        cancelRetry();
        await loadCatalog();
        return summary;
      }),
    engineHealthy: async () => {
      try {
        return await client.isHealthy();
      } catch {
        return false;
      }
    },
    status: () => ({
      index:
        catalog && liveState
          ? { contentHash: liveState.contentHash.slice(0, 12), documents: liveState.documents, clauses: liveState.clauses, builtAt: liveState.builtAt, skipped: liveState.skipped ?? 0 }
          : null,
      build: { running: building, last: lastBuild, nextRetryAt: retryAt === null ? null : new Date(retryAt).toISOString() },
      engine: gate.stats(),
    }),
    close: async () => {
      closed = true;
      clearInterval(timer);
      clearTimeout(retryTimer);
      if (!options.engine) await engine.stop();
    },
  };
}
