// Reindex under load: searches run continuously while two full rebuilds are built and swapped in;
// not one request may fail and no query that had results may come back empty.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { meiliClient } from '../../engine/client.ts';
import { runIndex } from '../../indexer/pipeline.ts';
import { readLiveState } from '../../indexer/publish.ts';
import { testPrefix } from '../helpers/engine.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { SEED_QUERIES, searchUrl, timedFetch, type SearchBody } from './helpers.ts';

const LOOPS = 4;
// Writes: indexes of its own on the shared engine.
const PREFIX = testPrefix('load');

let server: TestServer;

beforeAll(async () => {
  // Right answers during the swaps are under test, not latency (bench/): a loaded machine may not turn a slow
  // search into a 503 here.
  server = await startTestServer({ prefix: PREFIX, refreshMs: 200, searchTimeoutMs: 30_000 });
});

afterAll(async () => {
  await server?.close();
});

interface Outcome {
  q: string;
  status: number;
  total: number;
}

describe('reindex under load', () => {
  it('serves every search, with results, while the index is rebuilt and swapped twice', async () => {
    const expected = new Map<string, number>();
    for (const q of SEED_QUERIES) {
      const res = await timedFetch(searchUrl(server.url, q));
      expect(res.status, q).toBe(200);
      const total = (res.body as SearchBody).total;
      if (total > 0) expected.set(q, total);
    }
    // Enough queries with results for "never empty" to mean something.
    expect(expected.size).toBeGreaterThanOrEqual(4);
    const queries = [...expected.keys()];

    const admin = meiliClient(server.engine.url, server.engine.adminKey, 30_000);
    const names = server.runtime.names;
    const before = await readLiveState(admin, names);

    const outcomes: Outcome[] = [];
    let indexing = true;
    const loop = async (offset: number) => {
      for (let i = offset; indexing; i++) {
        const q = queries[i % queries.length]!;
        try {
          const res = await timedFetch(searchUrl(server.url, q));
          outcomes.push({ q, status: res.status, total: res.status === 200 ? (res.body as SearchBody).total : -1 });
        } catch {
          outcomes.push({ q, status: 0, total: -1 });
        }
      }
    };
    const loops = Array.from({ length: LOOPS }, (_, i) => loop(i));
    const swaps: string[] = [];
    try {
      for (let run = 0; run < 2; run++) {
        const summary = await runIndex({ client: admin, prefix: PREFIX, force: true });
        expect(summary.status).toBe('indexed');
        swaps.push((await readLiveState(admin, names))!.builtAt);
      }
    } finally {
      indexing = false;
      await Promise.all(loops);
    }

    // Both rebuilds really replaced the live index.
    expect(new Set([before?.builtAt, ...swaps]).size).toBe(3);
    expect(outcomes.length).toBeGreaterThan(20);
    const failed = outcomes.filter((o) => o.status !== 200);
    expect(failed).toEqual([]);
    const changed = outcomes.filter((o) => o.total !== expected.get(o.q));
    expect(changed).toEqual([]);
  });
});
