// Where documents come from: a corpus folder (one folder per document with meta.yaml), a folder of
// law Markdown files, or a .tar.gz of such Markdown. Each is read lazily, one document at a time,
// so a 360k-clause corpus never sits in memory whole.
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as tar from 'tar';
import { loadCorpus } from './corpus.ts';
import { CORPUS_LIMITS } from '../shared/limits.ts';
import { parseLawMarkdown } from './markdown.ts';
import { readBounded } from '../shared/safe-input.ts';
import type { CorpusDocument, Problem } from './types.ts';

export interface SourceItem {
  document?: CorpusDocument;
  problems: Problem[];
  /** Documents this item stands for that were left out; unset = one when it carries no usable document. */
  skipped?: number;
}

export interface DocumentSource {
  kind: 'corpus' | 'markdown';
  /** Folder whose files determine the content hash. */
  root: string;
  /** Number of items `documents()` yields, for progress. */
  total: number;
  documents(): AsyncIterable<SourceItem>;
  close(): Promise<void>;
}

async function isCorpusFolder(dir: string): Promise<boolean> {
  const entries = await readdir(dir, { withFileTypes: true });
  for (const entry of entries) {
    if (!entry.isDirectory()) continue;
    const inner = await readdir(path.join(dir, entry.name));
    if (inner.includes('meta.yaml')) return true;
  }
  return false;
}

async function markdownFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.md') && e.name !== '_index.md')
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

function markdownSource(root: string, files: string[], close: () => Promise<void>): DocumentSource {
  return {
    kind: 'markdown',
    root,
    total: files.length,
    async *documents() {
      for (const rel of files) {
        let item: SourceItem;
        try {
          item = parseLawMarkdown(rel, (await readBounded(path.join(root, rel), CORPUS_LIMITS.sourceBytes)).toString('utf8'));
        } catch (error) {
          // Unreadable, too large or unparseable: this file's problem; the other laws still load.
          item = { problems: [{ file: rel, severity: 'error', message: `cannot read: ${(error as Error).message}` }] };
        }
        yield item;
      }
    },
    close,
  };
}

export async function openSource(input: string): Promise<DocumentSource> {
  const info = await stat(input);
  if (info.isFile()) {
    if (!/\.(tar\.gz|tgz)$/.test(input)) throw new Error(`${input}: expected a folder or a .tar.gz archive`);
    const dir = await mkdtemp(path.join(os.tmpdir(), 'policy-search-corpus-'));
    await tar.x({ file: input, cwd: dir });
    const files = await markdownFiles(dir);
    return markdownSource(dir, files, () => rm(dir, { recursive: true, force: true }));
  }
  if (await isCorpusFolder(input)) {
    const loaded = await loadCorpus(input);
    return {
      kind: 'corpus',
      root: input,
      total: loaded.documents.length,
      async *documents() {
        if (loaded.problems.length > 0) yield { problems: loaded.problems, skipped: loaded.skipped.length };
        for (const document of loaded.documents) yield { document, problems: [] };
      },
      close: async () => undefined,
    };
  }
  return markdownSource(input, await markdownFiles(input), async () => undefined);
}
