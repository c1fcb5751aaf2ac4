// One bad corpus file is no outage: a server whose start-up build fails, or is still rebuilding a stale index,
// serves the complete index the engine already holds. The failure is an error in the log and in /api/health,
// and the build is retried with backoff until the corpus is fixed. Real engine, real server, bad files made here.
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { meiliClient } from '../../engine/client.ts';
import { runIndex } from '../../indexer/pipeline.ts';
import type { RunningServer } from '../../server/server.ts';
import { testPrefix } from '../helpers/engine.ts';
import { startTestEngine } from '../helpers/server.ts';
import { aliasBomb, makeDoc, metaYaml } from '../indexer/hostile-corpus.ts';
import { captureLogger, eventually, SEED_QUERIES, snapshotResults, startListeningServer, timedFetch } from './helpers.ts';

// Writes: indexes of its own on the shared engine.
const PREFIX = testPrefix('lastgood');
const SEED_DOCS = 5;

let engine: Awaited<ReturnType<typeof startTestEngine>>;
let work: string;
let baseline: Map<string, string>;
const servers: RunningServer[] = [];

beforeAll(async () => {
  engine = await startTestEngine();
  work = await mkdtemp(path.join(os.tmpdir(), 'last-good-'));
  // The last good index: the seed corpus, built as `npm run index` would.
  await runIndex({ client: meiliClient(engine.engine.url, engine.engine.adminKey, 30_000), corpus: 'corpus', prefix: PREFIX });
  const reference = await start({ corpus: 'corpus' });
  await reference.runtime.ready;
  baseline = await snapshotResults(reference.url, SEED_QUERIES);
  await stop(reference);
});

afterAll(async () => {
  for (const s of servers.splice(0)) await s.close();
  await engine?.cleanup();
  if (work) await rm(work, { recursive: true, force: true });
});

async function start(options: { corpus: string; refreshMs?: number; logger?: ReturnType<typeof captureLogger>['logger'] }): Promise<RunningServer> {
  const server = await startListeningServer({ engine: engine.engine, logger: options.logger ?? captureLogger().logger, prefix: PREFIX, ...options });
  servers.push(server);
  return server;
}

async function stop(server: RunningServer): Promise<void> {
  servers.splice(servers.indexOf(server), 1);
  await server.close();
}

/** A corpus folder of its own: the seed documents (all or some) plus whatever `extra` adds. */
async function corpusCopy(name: string, keep: (id: string) => boolean, extra: (root: string) => Promise<void> = async () => undefined): Promise<string> {
  const root = path.join(work, name);
  await cp('corpus', root, {
    recursive: true,
    filter: (src) => path.relative('corpus', src).split(path.sep)[0] === '' || keep(path.relative('corpus', src).split(path.sep)[0]!),
  });
  await extra(root);
  return root;
}

const documentIds = async (server: RunningServer) =>
  ((await timedFetch(`${server.url}/api/documents`)).body as { documents: { id: string }[] }).documents.map((d) => d.id);

describe('the last good index', () => {
  it('is served while a stale index is rebuilt at start', async () => {
    const corpus = await corpusCopy('smaller', (id) => id !== 'changshou-2022-fdi-action-plan-draft');
    const server = await start({ corpus });
    // The start-up build of the changed corpus is still running: the server answers from the index it has.
    expect(server.runtime.status().build.running).toBe(true);
    const search = await timedFetch(`${server.url}/api/search?q=${encodeURIComponent('外商投资')}&doc=changshou-2022-fdi-action-plan-draft`);
    expect(search.status).toBe(200);
    expect((await documentIds(server)).length).toBe(SEED_DOCS);
    expect((await timedFetch(`${server.url}/api/health`)).status).toBe(200);
    await server.runtime.ready;
    expect(await documentIds(server)).not.toContain('changshou-2022-fdi-action-plan-draft');
    await stop(server);
    // Put the seed index back for the next test.
    await runIndex({ client: meiliClient(engine.engine.url, engine.engine.adminKey, 30_000), corpus: 'corpus', prefix: PREFIX });
  });

  it('keeps serving when the start-up build fails, reports it in the log and in health, and retries until the corpus is fixed', async () => {
    const corpus = path.join(work, 'broken');
    await makeDoc(corpus, 'alias-bomb', aliasBomb(), '某市促进外商投资若干措施\n一、总则\n内容。\n');
    await makeDoc(corpus, 'empty-source', metaYaml('empty-source'), '');
    const log = captureLogger();
    const server = await start({ corpus, refreshMs: 100, logger: log.logger });
    await expect(server.runtime.ready).rejects.toThrow(/no document could be indexed/);

    // Searches, documents and health work from the index the engine holds.
    expect(await snapshotResults(server.url, SEED_QUERIES)).toEqual(baseline);
    expect((await documentIds(server)).length).toBe(SEED_DOCS);
    const health = await timedFetch(`${server.url}/api/health`);
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({
      status: 'ok',
      details: {
        index: { documents: SEED_DOCS },
        // (a retry may be running already: every 100 ms at first)
        build: { last: { status: 'failed', errors: 2, error: expect.stringMatching(/no document could be indexed/) } },
      },
    });
    // An error in the log, naming the bad file, and the failure itself.
    const errors = () => log.records().filter((r) => r.level >= 50);
    expect(errors().some((r) => r.file === path.join(corpus, 'alias-bomb', 'meta.yaml') && /invalid YAML/.test(r.msg))).toBe(true);
    expect(errors().some((r) => r.msg === 'index build failed; serving the last good index')).toBe(true);
    // Retried, with backoff, each failure at error level.
    expect(await eventually(() => errors().some((r) => r.msg === 'index build retry failed' && r.attempt === 2), 20_000)).toBe(true);
    const retried = errors().filter((r) => r.msg === 'index build retry failed');
    expect(retried.map((r) => r.attempt)).toEqual(retried.map((_, i) => i + 1));

    // Fixed corpus: the next retry builds it and the server switches to it.
    await rm(path.join(corpus, 'alias-bomb'), { recursive: true });
    await rm(path.join(corpus, 'empty-source'), { recursive: true });
    await cp('corpus/jiangxi-2023-fdi-manufacturing', path.join(corpus, 'jiangxi-2023-fdi-manufacturing'), { recursive: true });
    expect(await eventually(async () => (await documentIds(server)).join() === 'jiangxi-2023-fdi-manufacturing', 30_000)).toBe(true);
    // The swap is visible a moment before the build has cleaned up and reported.
    const healed = async () =>
      (await timedFetch(`${server.url}/api/health`)).body as { details: { build: { last: { status: string }; nextRetryAt: string | null } } };
    expect(await eventually(async () => (await healed()).details.build.last.status === 'indexed', 30_000)).toBe(true);
    expect(await healed()).toMatchObject({ details: { index: { documents: 1 }, build: { last: { status: 'indexed', errors: 0 }, nextRetryAt: null } } });
    await stop(server);
  });
});
