// Everything a running server holds: the engine, a search-only client, the glossary and the catalog
// of the live index. Builds the index at start when it is missing or stale, and notices reindexes
// made by `npm run index` while it runs.
import type { Meilisearch } from 'meilisearch';
import { createLookup, type Lookup } from '../glossary/lookup.ts';
import { meiliClient } from '../indexer/meili-client.ts';
import { DEFAULT_CORPUS, DEFAULT_GLOSSARY, loadEnricher, runIndex, type Enricher, type IndexSummary } from '../indexer/pipeline.ts';
import { readLiveState } from '../indexer/publish.ts';
import { DEFAULT_INDEX_PREFIX, indexNames, type IndexNames } from '../indexer/search-documents.ts';
import { connectEngine, type EngineHandle } from './engine/connect.ts';
import { REQUEST_BUDGET } from './limits.ts';
import { searchKey } from './engine/keys.ts';
import type { Logger } from './logger.ts';
import type { PlannerDeps } from './query/plan.ts';
import { fetchCatalog, type Catalog } from './search/catalog.ts';
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
  engine?: EngineHandle;
}

export interface Runtime {
  engine: EngineHandle;
  names: IndexNames;
  enricher: Enricher;
  /** Glossary lookup (Chinese, English, variants, pinyin, typos), built once. */
  lookup: Lookup;
  planner: PlannerDeps;
  /** Null until the index is ready. */
  search(): SearchContext | null;
  client: Meilisearch;
  engineHealthy(): Promise<boolean>;
  /** Resolves once the first index build (if any) and catalog load are done. */
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

export function plannerDeps(enricher: Enricher, lookup: Lookup): PlannerDeps {
  const byZh = new Map<string, typeof enricher.glossary.entries>();
  for (const entry of enricher.glossary.entries) {
    // Lower-cased like jieba's tokens, so RCEP written inside Chinese text matches its entry.
    for (const form of [entry.zh, ...entry.variants.zh].map((f) => f.toLowerCase())) byZh.set(form, [...(byZh.get(form) ?? []), entry]);
  }
  return {
    cut: (text) => enricher.cut(text),
    findInEnglish: (q) => firstConcepts(lookup.findInEnglish(q)),
    findPinyin: (q) => lookup.findPinyin(q).slice(0, REQUEST_BUDGET.concepts),
    entriesWithZh: (form) => byZh.get(form.toLowerCase()) ?? [],
  };
}

export async function startRuntime(options: RuntimeOptions): Promise<Runtime> {
  const log = options.logger;
  const names = indexNames(options.prefix ?? DEFAULT_INDEX_PREFIX);
  const engine = options.engine ?? (await connectEngine({ logger: log, supervise: true }));
  const { enricher } = await loadEnricher(options.glossaryDir ?? DEFAULT_GLOSSARY);
  const client = meiliClient(engine.url, await searchKey(engine), options.searchTimeoutMs ?? 1500);
  let catalog: Catalog | null = null;
  let closed = false;

  const loadCatalog = async () => {
    const state = await readLiveState(client, names);
    if (!state) return;
    if (catalog?.contentHash === state.contentHash) return;
    catalog = await fetchCatalog(client, names, state.contentHash);
    log.info({ documents: catalog.documents.length, contentHash: state.contentHash.slice(0, 12) }, 'index catalog loaded');
  };

  const buildIndex = async (force: boolean): Promise<IndexSummary> => {
    const admin = meiliClient(engine.url, engine.adminKey, 30_000);
    const summary = await runIndex({ client: admin, corpus: options.corpus ?? DEFAULT_CORPUS, glossaryDir: options.glossaryDir, prefix: options.prefix, force });
    for (const p of summary.problems) log.warn({ file: p.file, line: p.line }, p.message);
    log.info({ status: summary.status, documents: summary.documents, clauses: summary.clauses, seconds: Number(summary.seconds.toFixed(2)) }, 'index checked');
    return summary;
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

  const ready = (async () => {
    if (options.autoIndex ?? true) await exclusive(() => buildIndex(false));
    await loadCatalog();
  })();
  // A start-up build lost to an engine outage is retried on the refresh timer, so service resumes by itself.
  let retryBuild = false;
  ready.catch((error: unknown) => {
    retryBuild = options.autoIndex ?? true;
    log.error({ err: error }, 'index build failed; serving 503 until it succeeds');
  });

  const timer = setInterval(() => {
    if (closed) return;
    if (retryBuild && !building) {
      retryBuild = false;
      exclusive(() => buildIndex(false))
        .then(loadCatalog)
        .catch((error: unknown) => {
          retryBuild = true;
          log.debug({ err: error }, 'index build retry failed');
        });
      return;
    }
    loadCatalog().catch((error: unknown) => log.debug({ err: error }, 'catalog refresh failed'));
  }, options.refreshMs ?? 5000);
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
    ready,
    search: () => (catalog ? { client, names, catalog, glossary: enricher.glossary } : null),
    reindex: (force) =>
      exclusive(async () => {
        const summary = await buildIndex(force);
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
    close: async () => {
      closed = true;
      clearInterval(timer);
      if (!options.engine) await engine.stop();
    },
  };
}
