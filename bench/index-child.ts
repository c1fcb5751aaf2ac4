// Child process of the indexing benchmark: runs our pipeline alone, so its peak RSS and CPU profile are its
// own. Streams every clause's plain fields to an NDJSON file for the raw ingest, reports over IPC.
import { closeSync, openSync, writeSync } from 'node:fs';
import { z } from 'zod';
import { meiliClient } from '../engine/client.ts';
import { runIndex, type IndexSummary } from '../indexer/pipeline.ts';
import type { RawClause } from './queries.ts';

export const ChildArgs = z.object({
  url: z.url(),
  key: z.string(),
  corpus: z.string(),
  prefix: z.string(),
  batchSize: z.number().int().positive(),
  /** Where every clause's plain fields go for the raw ingest; none written when absent. */
  ndjson: z.string().optional(),
  /** Index with an empty dictionary (`dictionary: new Map()`): no glosses, no dictionary words in the lexicon. */
  noDictionary: z.boolean().optional(),
});
export type ChildArgs = z.infer<typeof ChildArgs>;

export type ChildMessage =
  | { type: 'progress'; documents: number; totalDocuments: number; clauses: number }
  | {
      type: 'done';
      summary: Omit<IndexSummary, 'problems'> & { problems: number };
      /** Seconds from start until the last document was processed and handed to the engine. */
      prepSeconds: number;
      maxRssKb: number;
      largestDoc: { docId: string; clauses: number };
    }
  | { type: 'error'; message: string };

const send = (message: ChildMessage) => new Promise<void>((resolve) => process.send!(message, () => resolve()));

async function main(): Promise<void> {
  const args = ChildArgs.parse(JSON.parse(process.argv[2] ?? '{}'));
  const fd = args.ndjson === undefined ? null : openSync(args.ndjson, 'w');
  const started = performance.now();
  let lastDocumentAt = started;
  let largestDoc = { docId: '', clauses: -1 };
  let lastProgress = 0;
  try {
    const summary = await runIndex({
      client: meiliClient(args.url, args.key, 120_000),
      corpus: args.corpus,
      prefix: args.prefix,
      force: true,
      batchSize: args.batchSize,
      ...(args.noDictionary ? { dictionary: new Map() } : {}),
      onDocument: (doc, clauses) => {
        // Synchronous writes: no buffer of 170k clauses builds up behind a slow disk.
        if (fd !== null && clauses.length > 0) {
          const lines = clauses.map((c) => JSON.stringify({ id: c.id, docId: c.docId, pathZh: c.path_zh, text: c.text } satisfies RawClause));
          writeSync(fd, `${lines.join('\n')}\n`);
        }
        if (clauses.length > largestDoc.clauses || (clauses.length === largestDoc.clauses && doc.meta.id < largestDoc.docId)) {
          largestDoc = { docId: doc.meta.id, clauses: clauses.length };
        }
        lastDocumentAt = performance.now();
      },
      onProgress: (p) => {
        const now = performance.now();
        if (now - lastProgress < 250 && p.documents < p.totalDocuments) return;
        lastProgress = now;
        process.send!({ type: 'progress', ...p } satisfies ChildMessage);
      },
    });
    await send({
      type: 'done',
      summary: { ...summary, problems: summary.problems.length },
      prepSeconds: (lastDocumentAt - started) / 1000,
      maxRssKb: process.resourceUsage().maxRSS,
      largestDoc,
    });
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

main().catch(async (error: unknown) => {
  await send({ type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  process.exitCode = 1;
});
