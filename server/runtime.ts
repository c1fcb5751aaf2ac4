// Everything a running server holds: the engine, a search-only client, the glossary, the catalog of the live
// index and the gate in front of the engine. Serves whatever complete index the engine holds from the start,
// builds a new one behind it when it is missing or stale, and notices reindexes made by `npm run index`.
// A failed build is logged and reported by /api/health; it never takes down an index that works.
// The query side (lookup, planner, jieba dictionary) follows the glossary of the last build: an edited glossary
// is loaded by the build that indexes it, or, for a build of another process, when the poller sees the new index.
import { Mutex, tryAcquire } from 'async-mutex';
import type { Meilisearch } from 'meilisearch';
import { createLookup, type Lookup } from '../glossary/lookup.ts';
import { meiliClient } from '../engine/client.ts';
import path from 'node:path';
import {
  activeEnricher,
  DEFAULT_CORPUS,
  DEFAULT_GLOSSARY,
  glossaryHash,
  IndexBuildError,
  loadEnricher,
  runIndex,
  type Enricher,
  type IndexSummary,
} from '../indexer/pipeline.ts';
import { readLiveState } from '../indexer/publish.ts';
import { DEFAULT_INDEX_PREFIX, indexNames, type IndexNames, type IndexState } from '../indexer/search-documents.ts';
import type { Problem } from '../indexer/types.ts';
import { connectEngine, type EngineHandle } from '../engine/connect.ts';
import { searchKey } from '../engine/keys.ts';
import { BUILD_RETRY, ENGINE_LIMITS, REQUEST_BUDGET } from '../shared/limits.ts';
import type { Logger } from '../shared/logger.ts';
import { englishWords } from './query/english-words.ts';
import type { PlannerDeps } from './query/plan.ts';
import { createSearchCaches, type SearchCaches } from './search/cache.ts';
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
  /** Bytes of the search answer and facet caches (default SEARCH_CACHE.defaultBytes; 0 = off). */
  searchCacheBytes?: number;
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
  /**
   * The glossary side of the index being built and searched; replaced when a build loads an edited glossary, so
   * read it (and lookup, planner) per request: what a router keeps from its construction stays the old glossary.
   */
  readonly enricher: Enricher;
  /** Glossary lookup (Chinese, English, variants, pinyin, typos), rebuilt with the enricher. Read it per request. */
  readonly lookup: Lookup;
  /** Query planning's dependencies but those of the live index (lexicon, stem shares: `search().catalog`). */
  readonly planner: GlossaryPlannerDeps;
  /** Null while no complete index has been found (first build running or failed). */
  search(): SearchContext | null;
  /** Search answers and facet counts, keyed by the index version (server/search/cache.ts). */
  caches: SearchCaches;
  client: Meilisearch;
  /** Bounded concurrency in front of the engine, shared by every route (operations/context.ts engineWork). */
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
  /** The corpus folder this runtime indexes. */
  readonly corpus: string;
  /**
   * Edits the corpus and rebuilds the index as one step under the build lock (ReindexBusyError, before any edit,
   * while another build runs): when the build fails the edit is undone, so the corpus stays what the index shows.
   */
  changeCorpus<T>(edit: () => Promise<CorpusEdit<T>>): Promise<{ result: T; summary: IndexSummary }>;
  close(): Promise<void>;
}

/** A change to the corpus folder that can be taken back (see Runtime.changeCorpus). */
export interface CorpusEdit<T> {
  result: T;
  /** Restores the corpus as it was before the edit. */
  undo(): Promise<void>;
  /** Called once the index shows the edit (drops what undo would have needed). */
  commit?(): Promise<void>;
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

/** The planner's dependencies that come from the glossary and jieba (the live index supplies the rest). */
export type GlossaryPlannerDeps = Omit<PlannerDeps, 'lexicon' | 'stemShare' | 'termShare' | 'findRegion'>;

export function plannerDeps(enricher: Enricher, lookup: Lookup): GlossaryPlannerDeps {
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

/** How a build that threw ends up in /api/health. */
export function failedBuildReport(error: unknown, at: Date = new Date()): BuildReport {
  return {
    status: 'failed',
    at: at.toISOString(),
    skipped: 0,
    errors: error instanceof IndexBuildError ? error.problems.filter((p) => p.severity === 'error').length : 0,
    error: firstLine(error),
  };
}

/** /api/health's view of the runtime; the content hash is shortened to 12 characters like in the logs. */
export function runtimeStatus(parts: {
  catalog: Catalog | null;
  liveState: IndexState | null;
  building: boolean;
  lastBuild: BuildReport | null;
  retryAt: number | null;
  engine: GateStats;
}): RuntimeStatus {
  const { catalog, liveState: s } = parts;
  return {
    index:
      catalog && s
        ? { contentHash: s.contentHash.slice(0, 12), documents: s.documents, clauses: s.clauses, builtAt: s.builtAt, skipped: s.skipped ?? 0 }
        : null,
    build: { running: parts.building, last: parts.lastBuild, nextRetryAt: parts.retryAt === null ? null : new Date(parts.retryAt).toISOString() },
    engine: parts.engine,
  };
}

/** Everything queries derive from one glossary: built together, so a lookup never outlives its jieba dictionary. */
export interface QuerySide {
  enricher: Enricher;
  lookup: Lookup;
  planner: GlossaryPlannerDeps;
}

export function querySide(enricher: Enricher): QuerySide {
  const lookup = createLookup(enricher.glossary);
  return { enricher, lookup, planner: plannerDeps(enricher, lookup) };
}

/**
 * The query side to serve now. A build that finds the glossary edited builds a new enricher and reloads nodejieba's
 * process-wide dictionary, which makes the old enricher's segmenter throw; so the query side follows the enricher
 * loaded last for this runtime's glossary folder (another folder's is not ours to serve: left as it is).
 */
export function followActiveEnricher(current: QuerySide, active: ReturnType<typeof activeEnricher>, glossaryDir: string): QuerySide {
  if (!active || active.enricher === current.enricher || active.glossaryDir !== path.resolve(glossaryDir)) return current;
  return querySide(active.enricher);
}

/** One index build at a time, refused rather than queued: staging indexes are named per process, so two would share them. */
export interface BuildLock {
  /** Runs `work` alone, or rejects with ReindexBusyError while another build holds the lock. */
  run<T>(work: () => Promise<T>): Promise<T>;
  isHeld(): boolean;
}

export function createBuildLock(): BuildLock {
  const mutex = new Mutex();
  return {
    run: (work) => tryAcquire(mutex, new ReindexBusyError()).runExclusive(work),
    isHeld: () => mutex.isLocked(),
  };
}

/** Calls `tick` every `intervalMs` (unref'd: it never keeps the process alive); a failed tick goes to `onError`. */
export function startPoller(intervalMs: number, tick: () => Promise<unknown>, onError: (error: unknown) => void): { stop(): void } {
  let stopped = false;
  const timer = setInterval(() => {
    if (stopped) return;
    tick().catch(onError);
  }, intervalMs);
  timer.unref();
  return {
    stop: () => {
      stopped = true;
      clearInterval(timer);
    },
  };
}

export interface RetryOptions {
  /** The first delay; each further attempt doubles it (retryDelay). */
  firstMs: number;
  attempt(): Promise<unknown>;
  /** While true (an admin build runs), a due attempt is put off to the next delay instead of run. */
  busy(): boolean;
  onSuccess(attempt: number): void;
  onFailure(error: unknown, attempt: number): void;
}

export interface Retrier {
  schedule(): void;
  /** Drops a pending attempt and starts the backoff over (a build succeeded some other way). */
  cancel(): void;
  /** When the pending attempt runs (epoch ms), or null. */
  nextAt(): number | null;
  /** cancel, and schedule nothing ever again. */
  stop(): void;
}

/** Retries with backoff until an attempt succeeds: each failure schedules the next one, a success resets it. */
export function createRetrier(options: RetryOptions): Retrier {
  let timer: NodeJS.Timeout | undefined;
  let at: number | null = null;
  let attempts = 0;
  let stopped = false;
  const cancel = () => {
    clearTimeout(timer);
    at = null;
    attempts = 0;
  };
  const schedule = (): void => {
    if (stopped) return;
    attempts += 1;
    const delay = retryDelay(attempts, options.firstMs);
    at = Date.now() + delay;
    timer = setTimeout(() => {
      at = null;
      if (options.busy()) return schedule();
      options.attempt().then(
        () => {
          options.onSuccess(attempts);
          cancel();
        },
        (error: unknown) => {
          options.onFailure(error, attempts);
          schedule();
        },
      );
    }, delay);
    timer.unref();
  };
  return {
    schedule,
    cancel,
    nextAt: () => at,
    stop: () => {
      stopped = true;
      cancel();
    },
  };
}

/** The live index's state and catalog, fetched again only when its content hash changes. */
export interface CatalogHolder {
  /** Reads the live state; resolves true when a different index than before is now served. */
  refresh(): Promise<boolean>;
  catalog(): Catalog | null;
  liveState(): IndexState | null;
}

export function createCatalogHolder(client: Meilisearch, names: IndexNames, log: Logger): CatalogHolder {
  let catalog: Catalog | null = null;
  let liveState: IndexState | null = null;
  return {
    refresh: async () => {
      const state = await readLiveState(client, names);
      if (!state) return false;
      const changed = catalog?.contentHash !== state.contentHash;
      if (changed) {
        catalog = await fetchCatalog(client, names, state);
        log.info({ documents: catalog.documents.length, contentHash: state.contentHash.slice(0, 12) }, 'index catalog loaded');
      }
      liveState = state;
      return changed;
    },
    catalog: () => catalog,
    liveState: () => liveState,
  };
}

function logProblems(log: Logger, problems: Problem[]): void {
  for (const p of problems) log[p.severity === 'error' ? 'error' : 'warn']({ file: p.file, line: p.line }, p.message);
}

/** Builds the index with the admin key, logging the outcome and keeping it for /api/health. */
export function createIndexBuilder(engine: EngineHandle, options: Pick<RuntimeOptions, 'corpus' | 'glossaryDir' | 'prefix'>, log: Logger) {
  let last: BuildReport | null = null;
  const build = async (force: boolean): Promise<IndexSummary> => {
    const admin = meiliClient(engine.url, engine.adminKey, 30_000);
    try {
      const summary = await runIndex({
        client: admin,
        corpus: options.corpus ?? DEFAULT_CORPUS,
        glossaryDir: options.glossaryDir,
        prefix: options.prefix,
        force,
      });
      logProblems(log, summary.problems);
      last = buildReport(summary);
      // Documents left out are an operator's problem, not a client's: error level, and counted in /api/health.
      log[summary.skipped > 0 ? 'error' : 'info'](
        {
          status: summary.status,
          documents: summary.documents,
          clauses: summary.clauses,
          skipped: summary.skipped,
          seconds: Number(summary.seconds.toFixed(2)),
        },
        'index checked',
      );
      return summary;
    } catch (error) {
      if (error instanceof IndexBuildError) logProblems(log, error.problems);
      last = failedBuildReport(error);
      throw error;
    }
  };
  return { build, last: () => last };
}

/** The runtime's query side, following the enricher this process loaded last for the runtime's glossary folder. */
export function createQueryHolder(initial: Enricher, glossaryDir: string, log: Logger) {
  let query = querySide(initial);
  const current = (): QuerySide => {
    const next = followActiveEnricher(query, activeEnricher(), glossaryDir);
    if (next !== query)
      log.info({ entries: next.enricher.glossary.entries.length, glossaryHash: next.enricher.glossaryHash.slice(0, 12) }, 'glossary reloaded for queries');
    return (query = next);
  };
  return {
    current,
    /**
     * Loads the glossary when the folder changed since the query side was built. Hashing the folder costs ~5 ms,
     * parsing it ~130 ms (measured on glossary/data): parsed only when it changed.
     */
    reloadIfEdited: async (): Promise<void> => {
      if ((await glossaryHash(glossaryDir)) === current().enricher.glossaryHash) return;
      await loadEnricher(glossaryDir);
      // Switch now rather than at the next request: the log then tells when the queries changed glossary.
      current();
    },
  };
}

type BuildParts = {
  lock: BuildLock;
  builder: ReturnType<typeof createIndexBuilder>;
  retry: Retrier;
  refreshCatalog: () => Promise<void>;
};

/**
 * The start-up build (when `autoIndex`), then the catalog of what it published. A failure schedules the retries and
 * says what is served meanwhile: the last good index, or nothing until a build succeeds.
 */
function firstBuild(parts: BuildParts & { autoIndex: boolean; catalogs: CatalogHolder; log: Logger }): Promise<void> {
  const { autoIndex, lock, builder, retry, catalogs, refreshCatalog, log } = parts;
  const ready = (async () => {
    if (autoIndex) await lock.run(() => builder.build(false));
    await refreshCatalog();
  })();
  ready.catch((error: unknown) => {
    if (autoIndex) retry.schedule();
    const serving = catalogs.catalog()?.contentHash.slice(0, 12) ?? null;
    const retryAt = retry.nextAt();
    log.error(
      { err: error, serving, retryInMs: retryAt === null ? null : retryAt - Date.now() },
      serving ? 'index build failed; serving the last good index' : 'index build failed; no index to serve (503 index_not_ready) until a build succeeds',
    );
  });
  return ready;
}

/** The runtime's writes, one at a time under the build lock; a success ends any pending retry and is served at once. */
function indexWrites({ lock, builder, retry, refreshCatalog }: BuildParts): Pick<Runtime, 'reindex' | 'changeCorpus'> {
  const served = async (summary: IndexSummary) => {
    retry.cancel();
    await refreshCatalog();
    return summary;
  };
  return {
    reindex: (force) => lock.run(async () => served(await builder.build(force))),
    // The edit is undone when its build fails, so the corpus never holds what the index refused.
    changeCorpus: (edit) =>
      lock.run(async () => {
        const change = await edit();
        let summary: IndexSummary;
        try {
          summary = await builder.build(false);
        } catch (error) {
          await change.undo();
          throw error;
        }
        await change.commit?.();
        return { result: change.result, summary: await served(summary) };
      }),
  };
}

export async function startRuntime(options: RuntimeOptions): Promise<Runtime> {
  const log = options.logger;
  const names = indexNames(options.prefix ?? DEFAULT_INDEX_PREFIX);
  const glossaryDir = options.glossaryDir ?? DEFAULT_GLOSSARY;
  const engine = options.engine ?? (await connectEngine({ logger: log, supervise: true }));
  const queries = createQueryHolder((await loadEnricher(glossaryDir)).enricher, glossaryDir, log);
  const client = meiliClient(engine.url, await searchKey(engine), options.searchTimeoutMs ?? 1500);
  const gate = createEngineGate(options.engineLimits ?? ENGINE_LIMITS);
  const autoIndex = options.autoIndex ?? true;
  const refreshMs = options.refreshMs ?? 5000;
  const catalogs = createCatalogHolder(client, names, log);
  const builder = createIndexBuilder(engine, options, log);
  const lock = createBuildLock();

  // Another process's build (`npm run index`) may come with an edited glossary: load it for the queries.
  const refreshCatalog = async () => {
    if (await catalogs.refresh()) await queries.reloadIfEdited().catch((error: unknown) => log.warn({ err: error }, 'edited glossary not loaded for queries'));
  };

  // A failed start-up build is retried with backoff (each attempt re-reads the corpus) until one succeeds.
  const retry = createRetrier({
    firstMs: refreshMs,
    attempt: () => lock.run(() => builder.build(false)).then(refreshCatalog),
    busy: () => lock.isHeld(),
    onSuccess: (attempt) => log.info({ attempt }, 'index build retry succeeded'),
    onFailure: (error, attempt) =>
      log.error({ err: error, attempt, serving: catalogs.catalog()?.contentHash.slice(0, 12) ?? null }, 'index build retry failed'),
  });

  // Whatever complete index the engine holds is served from the first request on, also while a stale one is rebuilt.
  await refreshCatalog().catch((error: unknown) => log.warn({ err: error }, 'live index not readable yet; retried on every refresh'));
  const ready = firstBuild({ autoIndex, lock, builder, retry, catalogs, refreshCatalog, log });

  const poller = startPoller(refreshMs, refreshCatalog, (error) => log.debug({ err: error }, 'catalog refresh failed'));

  return {
    engine,
    names,
    get enricher() {
      return queries.current().enricher;
    },
    get lookup() {
      return queries.current().lookup;
    },
    get planner() {
      return queries.current().planner;
    },
    client,
    gate,
    ready,
    caches: createSearchCaches(options.searchCacheBytes),
    search: () => {
      const catalog = catalogs.catalog();
      return catalog ? { client, names, catalog, glossary: queries.current().enricher.glossary } : null;
    },
    ...indexWrites({ lock, builder, retry, refreshCatalog }),
    corpus: options.corpus ?? DEFAULT_CORPUS,
    engineHealthy: async () => {
      try {
        return await client.isHealthy();
      } catch {
        return false;
      }
    },
    status: () =>
      runtimeStatus({
        catalog: catalogs.catalog(),
        liveState: catalogs.liveState(),
        building: lock.isHeld(),
        lastBuild: builder.last(),
        retryAt: retry.nextAt(),
        engine: gate.stats(),
      }),
    close: async () => {
      poller.stop();
      retry.stop();
      if (!options.engine) await engine.stop();
    },
  };
}
