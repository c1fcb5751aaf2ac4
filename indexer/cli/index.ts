// `npm run index [-- --corpus <dir|tar.gz>] [--dry-run] [--force]`
import { Command } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import { connectEngine } from '../../engine/connect.ts';
import { meiliClient } from '../../engine/client.ts';
import { DEFAULT_CORPUS, IndexBuildError, runIndex, type IndexSummary } from '../pipeline.ts';
import { DEFAULT_INDEX_PREFIX } from '../search-documents.ts';
import { INDEX_LIMITS } from '../../shared/limits.ts';
import { formatProblem } from '../../shared/problems.ts';
import { logger } from '../../shared/logger.ts';

// The terminal shows the progress bar and summary; engine chatter only when asked for with LOG_LEVEL.
logger.level = process.env.LOG_LEVEL ?? 'warn';

const program = new Command()
  .name('index')
  .description('Index a corpus into Meilisearch (embedded engine unless MEILI_URL is set)')
  .option('--corpus <path>', 'corpus folder, folder of law Markdown, or .tar.gz of Markdown', DEFAULT_CORPUS)
  .option('--glossary <dir>', 'glossary data folder', 'glossary/data')
  .option('--prefix <prefix>', 'index name prefix', process.env.INDEX_PREFIX ?? DEFAULT_INDEX_PREFIX)
  .option('--force', 'rebuild even if nothing changed', false)
  .option('--dry-run', 'parse and tag, print what would be indexed, send nothing', false)
  .option('--batch-size <n>', 'documents per request', (v) => Number.parseInt(v, 10), 5000)
  .option(
    '--related-clauses <n>',
    `compute related clauses for corpora of up to n clauses (default ${INDEX_LIMITS.relatedClauses}); 0: never, so that a few changed documents are written incrementally`,
    (v) => Number.parseInt(v, 10),
  );

// Exit codes: 0 everything indexed, 1 failed (live index untouched), 2 indexed without the documents reported.
const EXIT_FAILED = 1;
const EXIT_INCOMPLETE = 2;

function printSummary(s: IndexSummary): void {
  const skipped = s.skipped > 0 ? `; ${s.skipped} document(s) skipped for errors` : '';
  if (s.status === 'unchanged') {
    console.log(`Nothing changed: the live index (${s.documents} documents, ${s.clauses} clauses${skipped}) is current. Use --force to rebuild.`);
    return;
  }
  if (s.mode === 'incremental' && s.changes) {
    const { added, changed, removed } = s.changes;
    console.log(
      `Updated the live index: ${added.length} added, ${changed.length} changed, ${removed.length} removed; ` +
        `now ${s.documents} documents, ${s.clauses} clauses, ${s.seconds.toFixed(1)} s` +
        skipped,
    );
    return;
  }
  const label = s.status === 'indexed' ? 'Indexed' : 'Dry run';
  console.log(
    `${label}: ${s.documents} documents, ${s.clauses} clauses, ${s.termsTagged} glossary terms tagged, ` +
      `${s.seconds.toFixed(1)} s (${Math.round(s.clausesPerSecond)} clauses/s)` +
      (s.problems.length ? `, ${s.problems.length} problem(s)` : '') +
      skipped,
  );
}

/** Anything left out (a document, a glossary entry) makes the run incomplete: CI and scripts must notice. */
function incomplete(s: IndexSummary): boolean {
  return s.skipped > 0 || s.problems.some((p) => p.severity === 'error');
}

async function main(): Promise<number> {
  const opts = program.parse().opts<{
    corpus: string;
    glossary: string;
    prefix: string;
    force: boolean;
    dryRun: boolean;
    batchSize: number;
    relatedClauses?: number;
  }>();
  if (opts.relatedClauses !== undefined && !(Number.isInteger(opts.relatedClauses) && opts.relatedClauses >= 0)) {
    console.error('--related-clauses takes a whole number of clauses (0 or more)');
    return EXIT_FAILED;
  }
  const bar = process.stdout.isTTY
    ? new SingleBar({ format: 'indexing [{bar}] {value}/{total} documents | {clauses} clauses | {rate} clauses/s | {eta_formatted}' }, Presets.shades_classic)
    : null;
  const started = performance.now();
  const engine = opts.dryRun ? null : await connectEngine({ supervise: false });
  try {
    const client = engine ? meiliClient(engine.url, engine.adminKey, 30_000) : undefined;
    let barStarted = false;
    const summary = await runIndex({
      client,
      corpus: opts.corpus,
      glossaryDir: opts.glossary,
      prefix: opts.prefix,
      force: opts.force,
      dryRun: opts.dryRun,
      ...(opts.relatedClauses === undefined ? {} : { relatedClauses: opts.relatedClauses }),
      batchSize: opts.batchSize,
      onProgress: ({ documents, totalDocuments, clauses }) => {
        if (!bar) return;
        const rate = Math.round(clauses / ((performance.now() - started) / 1000));
        if (!barStarted) {
          bar.start(totalDocuments, documents, { clauses, rate });
          barStarted = true;
        } else bar.update(documents, { clauses, rate });
      },
      onDocument: opts.dryRun
        ? (doc, clauses) =>
            console.log(`${doc.meta.id}\t${clauses.length} clauses\t${clauses.reduce((n, c) => n + c.termIds.length, 0)} terms\t${doc.meta.title.zh}`)
        : undefined,
    });
    bar?.stop();
    for (const problem of summary.problems) console.error(formatProblem(problem));
    printSummary(summary);
    return incomplete(summary) ? EXIT_INCOMPLETE : 0;
  } catch (error) {
    bar?.stop();
    if (error instanceof IndexBuildError) for (const problem of error.problems) console.error(formatProblem(problem));
    console.error(`index failed, live index left untouched: ${(error as Error).message}`);
    return EXIT_FAILED;
  } finally {
    await engine?.stop();
  }
}

process.exitCode = await main();
