// Fingerprint of everything an index is built from: if it matches the live index, reindexing is skipped.
import { createHash } from 'node:crypto';
import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';

/** Bump when the pipeline's output changes for the same input. */
export const PIPELINE_VERSION = 'pipeline-10';

async function listFiles(root: string): Promise<string[]> {
  const info = await stat(root);
  if (info.isFile()) return [root];
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

/** Hashes file paths (relative to each root) and contents, plus any extra strings (settings, versions). */
export async function contentHash(roots: string[], extra: string[] = []): Promise<string> {
  const hash = createHash('sha256');
  hash.update(PIPELINE_VERSION);
  for (const root of roots) {
    for (const file of await listFiles(root)) {
      hash.update(`\0${path.relative(root, file)}\0`);
      hash.update(await readFile(file));
    }
  }
  for (const item of extra) hash.update(`\0${item}`);
  return hash.digest('hex');
}
