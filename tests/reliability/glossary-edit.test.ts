// An edited glossary reaches the index and the queries (issue 18): an admin reindex after the edit tags clauses with
// the new entries and stamps the hash of that glossary; a restart then finds the index current, and the tags stay the
// new ones. Real engine, real server, the glossary copied to a private folder and edited there.
import { appendFile, cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { Meilisearch } from 'meilisearch';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchStems } from '../../glossary/english.ts';
import { meiliClient } from '../../engine/client.ts';
import { glossaryHash, runIndex } from '../../indexer/pipeline.ts';
import { readLiveState } from '../../indexer/publish.ts';
import { indexNames, type IndexedClause } from '../../indexer/search-documents.ts';
import { runCli } from '../helpers/cli.ts';
import { startTestEngine, startTestServer, type TestServer } from '../helpers/server.ts';

const PREFIX = 'glossedit';
const names = indexNames(PREFIX);
const TOKEN = 'glossary-edit-test-admin-token-0123456789';
const ITEM_10 = 'national-2022-fdi-manufacturing--p2-i10';
const NEW_ID = 'industrial-and-supply-chains';
const NEW_ENTRY = `
- id: ${NEW_ID}
  zh: 产业链供应链
  en: industrial and supply chains
  category: industries
`;

let engine: Awaited<ReturnType<typeof startTestEngine>>;
let admin: Meilisearch;
let work: string;
let glossaryDir: string;
let server: TestServer | undefined;
let hashBefore: string;
let stampedHash: string;

const start = (extra: Parameters<typeof startTestServer>[0] = {}) =>
  startTestServer({ engine: engine.engine, glossaryDir, prefix: PREFIX, config: { adminToken: TOKEN }, ...extra });

/** A logger, and a promise that resolves when it logs `msg` (no waiting on the clock: the test timeout bounds it). */
function loggerAwaiting(msg: string) {
  let resolve!: () => void;
  const logged = new Promise<void>((res) => (resolve = res));
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) if ((JSON.parse(line) as { msg?: string }).msg === msg) resolve();
      done();
    },
  });
  return { logger: pino({ level: 'info' }, sink), logged };
}

async function clause(id: string): Promise<IndexedClause> {
  const { hits } = await admin.index<IndexedClause>(names.clauses).search('', { filter: `id = "${id}"` });
  return hits[0]!;
}

/** Clauses whose glossary renderings (`terms_en`, stored stemmed) contain every word of `english`. */
async function renderedAs(english: string): Promise<string[]> {
  const res = await admin
    .index<IndexedClause>(names.clauses)
    .search(searchStems(english), { attributesToSearchOn: ['terms_en_stem'], matchingStrategy: 'all', limit: 1000 });
  return res.hits.map((h) => h.id);
}

async function taggedWith(entryId: string): Promise<IndexedClause[]> {
  const res = await admin.index<IndexedClause>(names.clauses).search('', { filter: `termIds = "${entryId}"`, limit: 1000 });
  return res.hits;
}

async function searchIds(base: string, q: string): Promise<string[]> {
  const res = await fetch(`${base}/api/search?q=${encodeURIComponent(q)}&lang=en&limit=50`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { hits: { id: string }[] }).hits.map((h) => h.id);
}

beforeAll(async () => {
  engine = await startTestEngine();
  admin = meiliClient(engine.engine.url, engine.engine.adminKey, 30_000);
  work = await mkdtemp(path.join(os.tmpdir(), 'glossary-edit-'));
  glossaryDir = path.join(work, 'glossary');
  await cp('glossary/data', glossaryDir, { recursive: true });
  server = await start();
  hashBefore = (await readLiveState(admin, names))!.contentHash;
});

afterAll(async () => {
  await server?.close();
  await engine?.cleanup();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('an edited glossary', () => {
  it('is in the index after an admin reindex, with the hash of the edited glossary stamped', async () => {
    // Before: the original rendering, no clause tagged with the entry to be added, 产业链供应链 cut in two.
    expect(await renderedAs('withholding income tax')).toContain(ITEM_10);
    expect(await renderedAs('withheld source')).not.toContain(ITEM_10);
    expect(await taggedWith(NEW_ID)).toEqual([]);
    expect(server!.runtime.planner.cut('促进产业链供应链安全稳定')).not.toContain('产业链供应链');
    // The API builds its glossary state (term forms, list order, occurrence counts) on first use: use it now.
    expect((await fetch(`${server!.url}/api/search?term=${NEW_ID}`)).status).toBe(400);
    expect((await fetch(`${server!.url}/api/search?term=withholding-income-tax`)).status).toBe(200);
    expect((await fetch(`${server!.url}/api/glossary/withholding-income-tax`)).status).toBe(200);

    const taxFile = path.join(glossaryDir, 'tax.yaml');
    const tax = await readFile(taxFile, 'utf8');
    expect(tax).toContain('  en: withholding income tax\n');
    await writeFile(taxFile, tax.replace('  en: withholding income tax\n', '  en: tax withheld at source\n'));
    await appendFile(path.join(glossaryDir, 'industries.yaml'), NEW_ENTRY);

    const res = await fetch(`${server!.url}/api/admin/reindex`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { status: string }).status).toBe('indexed');

    expect((await clause(ITEM_10)).termIds).toContain('withholding-income-tax');
    expect(await renderedAs('withheld source')).toContain(ITEM_10);
    const tagged = await taggedWith(NEW_ID);
    expect(new Set(tagged.map((c) => c.docId))).toEqual(
      new Set(['changshou-2022-fdi-action-plan-draft', 'jiangxi-2023-fdi-manufacturing', 'national-2022-fdi-manufacturing']),
    );
    expect(await renderedAs('industrial and supply chains')).toEqual(expect.arrayContaining(tagged.map((c) => c.id)));

    // The stamp is what a build of this corpus with this glossary computes, not the one from before the edit.
    stampedHash = (await readLiveState(admin, names))!.contentHash;
    expect(stampedHash).not.toBe(hashBefore);
    const dryRun = await runIndex({ dryRun: true, corpus: 'corpus', glossaryDir, prefix: PREFIX });
    expect(dryRun.contentHash).toBe(stampedHash);
  });

  it('is what the running server queries with: lookup, planner, jieba dictionary and search', async () => {
    const runtime = server!.runtime;
    expect(runtime.lookup.lookup('tax withheld at source')[0]?.entry.id).toBe('withholding-income-tax');
    expect(runtime.lookup.lookup('industrial and supply chains')[0]?.entry.id).toBe(NEW_ID);
    expect(runtime.enricher.glossary.byId.has(NEW_ID)).toBe(true);
    // nodejieba reloaded in-process with the new user dictionary: the added form is one token now.
    expect(runtime.planner.cut('促进产业链供应链安全稳定')).toContain('产业链供应链');
    expect(runtime.planner.entriesWithZh('产业链供应链').map((e) => e.id)).toEqual([NEW_ID]);
    expect(runtime.search()!.glossary.byId.get('withholding-income-tax')!.en).toBe('tax withheld at source');
    expect(await searchIds(server!.url, 'tax withheld at source')).toContain(ITEM_10);
    // The API's own glossary state follows too: the term filter, the glossary list and entry, clause views.
    const filtered = await fetch(`${server!.url}/api/search?term=${NEW_ID}&limit=50`);
    expect(filtered.status).toBe(200);
    expect(((await filtered.json()) as { total: number }).total).toBeGreaterThan(0);
    const entry = await fetch(`${server!.url}/api/glossary/${NEW_ID}`);
    expect(entry.status).toBe(200);
    const listed = (await (await fetch(`${server!.url}/api/glossary?q=${encodeURIComponent('tax withheld at source')}`)).json()) as {
      entries: { id: string; en: string }[];
    };
    expect(listed.entries[0]).toMatchObject({ id: 'withholding-income-tax', en: 'tax withheld at source' });
    const view = (await (await fetch(`${server!.url}/api/clauses/${ITEM_10}`)).json()) as { clause: { terms: { entryId: string; en: string }[] } };
    expect(view.clause.terms.find((t) => t.entryId === 'withholding-income-tax')?.en).toBe('tax withheld at source');
  });

  it('is found current after a restart, and the new tags stay', async () => {
    await server!.close();
    server = undefined;
    server = await start();
    expect(server.runtime.status().build.last?.status).toBe('unchanged');
    expect((await readLiveState(admin, names))!.contentHash).toBe(stampedHash);
    expect(await renderedAs('withheld source')).toContain(ITEM_10);
    expect((await taggedWith(NEW_ID)).length).toBeGreaterThan(0);
    expect(server.runtime.lookup.lookup('industrial and supply chains')[0]?.entry.id).toBe(NEW_ID);
  });

  it('is loaded for the queries when another process (`npm run index`) indexed it', async () => {
    await server!.close();
    const { logger, logged } = loggerAwaiting('glossary reloaded for queries');
    server = await start({ refreshMs: 100, logger });
    expect(server.runtime.lookup.lookup('chainlink backbone')).toEqual([]);

    const industries = path.join(glossaryDir, 'industries.yaml');
    await writeFile(industries, (await readFile(industries, 'utf8')).replace('  en: industrial and supply chains\n', '  en: chainlink backbone\n'));
    // The edit alone changes nothing served: only a new index brings a new glossary.
    const cli = await runCli('indexer/cli/index.ts', ['--prefix', PREFIX, '--corpus', 'corpus', '--glossary', glossaryDir], {
      MEILI_URL: engine.engine.url,
      MEILI_MASTER_KEY: engine.engine.adminKey,
      LOG_LEVEL: 'warn',
    });
    expect(cli.code, cli.stderr).toBe(0);
    expect(await renderedAs('chainlink backbone')).toEqual(expect.arrayContaining((await taggedWith(NEW_ID)).map((c) => c.id)));

    await logged;
    expect(server.runtime.enricher.glossaryHash).toBe(await glossaryHash(glossaryDir));
    expect(server.runtime.lookup.lookup('chainlink backbone')[0]?.entry.id).toBe(NEW_ID);
    expect(server.runtime.planner.cut('促进产业链供应链安全稳定')).toContain('产业链供应链');
  });
});
