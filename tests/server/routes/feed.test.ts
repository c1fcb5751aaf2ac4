// GET /api/feed over HTTP against a real engine: the Atom it answers parses back with a feed parser (rss-parser),
// entries come newest document first with absolute permalinks, and a document added to the corpus and reindexed
// is the feed's first entry.
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Parser from 'rss-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedPrefix } from '../../helpers/engine.ts';
import { getJson, startTestServer, type TestServer } from '../../helpers/server.ts';
import { makeDoc, metaYaml } from '../../indexer/hostile-corpus.ts';

let server: TestServer;

beforeAll(async () => {
  // Reads: the run's seed index, no build of our own.
  server = await startTestServer({ prefix: seedPrefix() });
});
afterAll(async () => {
  await server?.close();
});

const parser = new Parser();

/** A server over a writable copy of two seed documents that hold 负面清单 (one build, not one of five documents). */
async function writableServer(): Promise<{ server: TestServer; corpus: string; close(): Promise<void> }> {
  const work = await mkdtemp(path.join(os.tmpdir(), 'feed-'));
  const corpus = path.join(work, 'corpus');
  for (const id of ['jiangxi-2023-fdi-manufacturing', 'national-2022-fdi-manufacturing']) {
    await cp(path.join('corpus', id), path.join(corpus, id), { recursive: true });
  }
  const own = await startTestServer({ corpus });
  await own.runtime.ready;
  return {
    server: own,
    corpus,
    close: async () => {
      await own.close();
      await rm(work, { recursive: true, force: true });
    },
  };
}

async function feed(params: string, on: TestServer = server) {
  const res = await fetch(new URL(`/api/feed?${params}`, on.url));
  const xml = await res.text();
  expect(res.status, xml).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^application\/atom\+xml/);
  // Atom 1.0, not RSS: the root is <feed> in the Atom namespace.
  expect(xml).toMatch(/<feed xmlns="http:\/\/www\.w3\.org\/2005\/Atom"/);
  return { xml, parsed: await parser.parseString(xml) };
}

async function documentDates(): Promise<Map<string, string | null>> {
  const { body } = await getJson(server.url, '/api/documents');
  return new Map(body.documents.map((d: { id: string; date: string | null }) => [d.id, d.date]));
}

const docIdOf = (link: string) => decodeURIComponent(new URL(link).pathname.split('/').pop()!);

describe('GET /api/feed', () => {
  it('is Atom that a feed parser reads: entries with permalinks, English and Chinese, newest documents first', async () => {
    const { parsed } = await feed('q=negative+list');
    expect(parsed.title).toBe('policy-search: negative list');
    expect(parsed.items.length).toBeGreaterThan(1);
    const links = parsed.items.map((i) => i.link!);
    expect(new Set(links).size).toBe(links.length);
    for (const item of parsed.items) {
      // Absolute, the clause in the reader, the same as the entry's id.
      expect(item.link).toMatch(new RegExp(`^${server.url.replace(/\/$/, '')}/documents/[a-z0-9-]+#[A-Za-z0-9_-]+$`));
      expect(item.id).toBe(item.link);
      expect(item.content).toMatch(/[\u4e00-\u9fff]/);
    }
    // The national measures are translated: their entries carry the English and say it is unofficial.
    const national = parsed.items.find((i) => docIdOf(i.link!) === 'national-2022-fdi-manufacturing');
    expect(national?.title).toMatch(/^Several Policy Measures/);
    expect(national?.content).toMatch(/negative list/i);
    expect(national?.content).toContain('Unofficial translation; the Chinese text prevails.');
    const dates = await documentDates();
    const days = parsed.items.map((i) => dates.get(docIdOf(i.link!)) ?? '');
    expect(days).toEqual([...days].sort().reverse());
  });

  it('takes the search filters, and limit', async () => {
    const { parsed } = await feed('region=Jiangxi&limit=3');
    expect(parsed.items).toHaveLength(3);
    expect(parsed.items.every((i) => docIdOf(i.link!) === 'jiangxi-2023-fdi-manufacturing')).toBe(true);
  });

  it('answers a bad parameter with a 400 in the error shape', async () => {
    const { status, body } = await getJson(server.url, '/api/feed?region=atlantis');
    expect(status).toBe(400);
    expect(body.error.code).toBe('invalid_parameter');
    expect((await getJson(server.url, '/api/feed?offset=10')).status).toBe(400);
  });

  it('shows a document added to the corpus and reindexed as its first entry', async () => {
    const own = await writableServer();
    try {
      const before = await feed('q=负面清单', own.server);
      expect(before.parsed.items.length).toBeGreaterThan(1);
      expect(before.parsed.items.some((i) => docIdOf(i.link!) === 'somecity-2026-fdi-measures')).toBe(false);
      await makeDoc(
        own.corpus,
        'somecity-2026-fdi-measures',
        metaYaml('somecity-2026-fdi-measures').replace('id: somecity-2026-fdi-measures', "id: somecity-2026-fdi-measures\ndate: '2026-11-01'"),
        '某市促进外商投资若干措施\n\n为进一步扩大外资流入，制定以下措施。\n一、优化投资环境\n（一）落实准入前国民待遇。全面落实外商投资准入负面清单。\n',
      );
      expect((await own.server.runtime.reindex(false)).status).toBe('indexed');
      const after = await feed('q=负面清单', own.server);
      expect(docIdOf(after.parsed.items[0]!.link!)).toBe('somecity-2026-fdi-measures');
      expect(after.parsed.items[0]!.content).toContain('负面清单');
      // Everything the feed had before is still there, after it.
      expect(after.parsed.items.slice(1).map((i) => i.link)).toEqual(expect.arrayContaining(before.parsed.items.slice(0, 5).map((i) => i.link)));
    } finally {
      await own.close();
    }
  });
});
