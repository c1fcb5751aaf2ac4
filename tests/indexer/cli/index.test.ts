// `npm run index` against a real engine on a temporary corpus with broken files: each is reported with its file,
// left out of the index, and the exit code says the run was incomplete (2) or failed (1, live index untouched).
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { meiliClient } from '../../../engine/client.ts';
import { readLiveState } from '../../../indexer/publish.ts';
import { indexNames } from '../../../indexer/search-documents.ts';
import { runCli } from '../../helpers/cli.ts';
import { testPrefix } from '../../helpers/engine.ts';
import { startTestEngine } from '../../helpers/server.ts';
import { addHostileDocs, HOSTILE_IDS, tempCorpus, type TempCorpus } from '../hostile-corpus.ts';

// Writes: indexes of its own on the shared engine.
const PREFIX = testPrefix('hostile');

let engine: Awaited<ReturnType<typeof startTestEngine>>;
let corpus: TempCorpus;

beforeAll(async () => {
  engine = await startTestEngine();
  corpus = await tempCorpus(addHostileDocs);
});

afterAll(async () => {
  await corpus?.remove();
  await engine?.cleanup();
});

const index = (...args: string[]) =>
  runCli('indexer/cli/index.ts', ['--prefix', PREFIX, ...args], { MEILI_URL: engine.engine.url, MEILI_MASTER_KEY: engine.engine.adminKey, LOG_LEVEL: 'warn' });

const liveDocIds = async () => {
  const admin = meiliClient(engine.engine.url, engine.engine.adminKey);
  const res = await admin.index(indexNames(PREFIX).documents).search('', { limit: 100 });
  return res.hits.map((h) => h.id as string).sort();
};

describe('npm run index with broken documents', () => {
  it('indexes the good document, names every broken file and exits 2', async () => {
    const run = await index('--corpus', corpus.root);
    expect(run.code, run.stdout + run.stderr).toBe(2);
    for (const id of HOSTILE_IDS) expect(run.stderr, id).toContain(`${path.join(corpus.root, id)}${path.sep}`);
    expect(run.stderr).toContain(`${path.join(corpus.root, 'alias-bomb', 'meta.yaml')}: error: invalid YAML`);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.stdout).toMatch(/^Indexed: 1 documents, .*; 6 document\(s\) skipped for errors$/m);
    expect(await liveDocIds()).toEqual(['good-doc']);
    expect(run.stdout + run.stderr).not.toContain(corpus.secret);
  });

  it('still exits 2 when nothing changed, since the live index lacks those documents', async () => {
    const run = await index('--corpus', corpus.root);
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(/^Nothing changed: .*6 document\(s\) skipped for errors\) is current/m);
  });

  it('refuses to publish a build in which nothing could be indexed (exit 1), keeping the live index', async () => {
    const before = await readLiveState(meiliClient(engine.engine.url, engine.engine.adminKey), indexNames(PREFIX));
    await rm(path.join(corpus.root, 'good-doc'), { recursive: true });
    const run = await index('--corpus', corpus.root);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${path.join(corpus.root, 'alias-bomb', 'meta.yaml')}: error: invalid YAML`);
    expect(run.stderr).toMatch(/index failed, live index left untouched: no document could be indexed \(6 skipped for errors\)/);
    expect(await liveDocIds()).toEqual(['good-doc']);
    expect(await readLiveState(meiliClient(engine.engine.url, engine.engine.adminKey), indexNames(PREFIX))).toEqual(before);
  });
});
