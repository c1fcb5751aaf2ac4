// The indexing pipeline against a real Meilisearch: what the engine holds after `runIndex`, queried directly.
import { execFileSync } from 'node:child_process';
import { cp, mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Meilisearch } from 'meilisearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchStems } from '../../glossary/english.ts';
import { meiliClient } from '../../engine/client.ts';
import { runIndex } from '../../indexer/pipeline.ts';
import { isStagingIndex, stagingNames } from '../../indexer/publish.ts';
import { indexNames, type IndexedClause, type IndexState, type LexiconEntry } from '../../indexer/search-documents.ts';
import { seedPrefix, seedReady, testPrefix } from '../helpers/engine.ts';
import { startTestEngine } from '../helpers/server.ts';

// Reads ("the seed corpus in Meilisearch"): the run's seed index, built by `npm run index` over the seed corpus.
// Writes (reindexing, staging): indexes of its own, over a copy of three seed documents (the failing run throws at
// the third): each of its four builds indexes three documents, not five.
const SEED = indexNames(seedPrefix());
const PREFIX = testPrefix('pipe');
const names = indexNames(PREFIX);
const SMALL = ['fangchenggang-2021-fdi-work-plan', 'jiangxi-2023-fdi-manufacturing', 'national-2022-fdi-manufacturing'];
let engine: Awaited<ReturnType<typeof startTestEngine>>;
let client: Meilisearch;
let work: string;
let small: string;

beforeAll(async () => {
  engine = await startTestEngine();
  client = meiliClient(engine.engine.url, engine.engine.adminKey, 30_000);
  work = await mkdtemp(path.join(os.tmpdir(), 'pipeline-'));
  small = path.join(work, 'corpus');
  for (const id of SMALL) await cp(path.join('corpus', id), path.join(small, id), { recursive: true });
  const [summary] = await Promise.all([runIndex({ client, prefix: PREFIX, corpus: small }), seedReady()]);
  expect(summary.status).toBe('indexed');
  expect(summary.documents).toBe(SMALL.length);
});
afterAll(async () => {
  await engine?.cleanup();
  if (work) await rm(work, { recursive: true, force: true });
});

async function chinese(q: string, extra: Record<string, unknown> = {}, on = SEED): Promise<IndexedClause[]> {
  const res = await client.index<IndexedClause>(on.clauses).search(q, {
    attributesToSearchOn: ['heading_seg', 'text_seg'],
    locales: ['cmn'],
    limit: 50,
    ...extra,
  });
  return res.hits;
}

const key = (c: IndexedClause) => `${c.docId} ${c.path_zh}`;

describe('the seed corpus in Meilisearch', () => {
  it('holds every clause and document', async () => {
    const stats = await client.index(SEED.clauses).getStats();
    const docs = await client.index(SEED.documents).getStats();
    expect(docs.numberOfDocuments).toBe(5);
    expect(stats.numberOfDocuments).toBeGreaterThan(100);
  });

  it('finds sub-words: 农业 inside 现代农业, 研发 inside 研发中心', async () => {
    const agriculture = await chinese('农业');
    expect(agriculture.map(key)).toContain('jilin-2023-fdi-environment-draft 一、（二）');
    expect(agriculture.find((c) => c.path_zh === '一、（二）' && c.docId.startsWith('jilin'))!.text).toContain('现代农业');
    const rd = await chinese('研发');
    expect(rd.map(key)).toEqual(expect.arrayContaining(['national-2022-fdi-manufacturing 三、（十三）', 'changshou-2022-fdi-action-plan-draft 三、（二）5．']));
  });

  it('finds a PDF-repaired clause by a phrase that crossed a line break in the source', async () => {
    // Source lines: "…给予外商投资企业利" / "" / "润再投资与新增外资…"
    const hits = await chinese('"利润再投资与新增外资"');
    expect(hits.map(key)).toContain('national-2022-fdi-manufacturing 二、（十）');
  });

  it('tags clauses with glossary terms, their positions, English renderings and categories', async () => {
    const [item10] = (await client.index<IndexedClause>(SEED.clauses).search('', { filter: 'id = "national-2022-fdi-manufacturing--p2-i10"' })).hits;
    expect(item10!.termIds).toEqual(expect.arrayContaining(['reinvestment-of-profits', 'withholding-income-tax']));
    const span = item10!.termSpans.find((s) => s.entryId === 'withholding-income-tax')!;
    expect(item10!.text.slice(span.start, span.end)).toBe('预提所得税');
    expect(item10!.categories).toContain('tax');
    const english = await client.index<IndexedClause>(SEED.clauses).search(searchStems('withholding tax'), { attributesToSearchOn: ['terms_en_stem'] });
    expect(item10!.translation).toBe('curated');
    expect(item10!.text_en).toMatch(/withholding income tax/);
    expect(english.hits.map((h) => h.id)).toContain(item10!.id);
  });

  it('stores the corpus lexicon (dictionary glosses of its words, its English words) and the common stems and terms', async () => {
    const zh = await client.index<LexiconEntry>(SEED.lexicon).search('特许经营', { limit: 5 });
    expect(zh.hits.find((e) => e.zh === '特许经营')).toMatchObject({ kind: 'zh', en: expect.arrayContaining(['franchising']) });
    const all = await client.index<LexiconEntry>(SEED.lexicon).search('', { limit: 100_000 });
    expect(all.hits.some((e) => e.kind === 'en' && e.en[0] === 'negative')).toBe(true);
    const [state] = (await client.index<IndexState>(SEED.meta).search('', { limit: 1 })).hits;
    expect(state!.commonStems!['foreign']).toBeGreaterThan(0.5);
    expect(state!.commonTerms!['foreign-capital']).toBeGreaterThan(0.1);
  });

  it('stores document numbers carried and cited', async () => {
    const hits = await client.index<IndexedClause>(SEED.clauses).search('', { filter: 'refs = "1586号"' });
    expect(hits.hits.map(key).sort()).toEqual(['jiangxi-2023-fdi-manufacturing 序言', 'national-2022-fdi-manufacturing 标题']);
  });

  it('keeps typo tolerance off for Chinese fields and has the localized attributes set', async () => {
    const settings = await client.index(SEED.clauses).getSettings();
    expect(settings.typoTolerance?.disableOnAttributes).toEqual(expect.arrayContaining(['heading_seg', 'text_seg']));
    expect(settings.localizedAttributes).toContainEqual({ attributePatterns: ['heading_seg', 'text_seg'], locales: ['cmn'] });
    expect(settings.filterableAttributes).toEqual(expect.arrayContaining(['docId', 'region_zh', 'level', 'year', 'termIds', 'categories']));
  });
});

describe('reindexing', () => {
  it('skips work when nothing changed', async () => {
    const again = await runIndex({ client, prefix: PREFIX, corpus: small });
    expect(again.status).toBe('unchanged');
  });

  it('keeps serving the old index while a new one is built, then swaps', async () => {
    const before = await client.index(names.meta).getDocument('state');
    let stop = false;
    let failures = 0;
    let empty = 0;
    const loop = (async () => {
      while (!stop) {
        try {
          if ((await chinese('负面清单', {}, names)).length === 0) empty += 1;
        } catch {
          failures += 1;
        }
      }
    })();
    const summary = await runIndex({ client, prefix: PREFIX, corpus: small, force: true });
    stop = true;
    await loop;
    expect(summary.status).toBe('indexed');
    expect({ failures, empty }).toEqual({ failures: 0, empty: 0 });
    const after = await client.index(names.meta).getDocument('state');
    expect(after.builtAt).not.toBe(before.builtAt);
    const uids = (await client.getRawIndexes({ limit: 1000 })).results.map((i) => i.uid);
    expect(uids.filter((u) => u.startsWith(PREFIX)).sort()).toEqual(Object.values(names).sort());
  });

  it('leaves the live index untouched when a run fails, and says why', async () => {
    const before = await client.index(names.meta).getDocument('state');
    let seen = 0;
    const failing = runIndex({
      client,
      prefix: PREFIX,
      force: true,
      onDocument: () => {
        if (++seen === 3) throw new Error('disk on fire');
      },
    });
    await expect(failing).rejects.toThrow('disk on fire');
    expect(await client.index(names.meta).getDocument('state')).toEqual(before);
    expect((await chinese('负面清单', {}, names)).length).toBeGreaterThan(0);
    const uids = (await client.getRawIndexes({ limit: 1000 })).results.map((i) => i.uid);
    expect(uids.some((u) => isStagingIndex(PREFIX, u))).toBe(false);
  });
});

describe('staging indexes', () => {
  it('drops leftovers of a dead run on this host, keeps a live build of another host', async () => {
    const mine = stagingNames(PREFIX).clauses;
    const host = mine.split('_').at(-2)!;
    const dead = `${PREFIX}_clauses_next_${host}_999999`;
    const otherHost = `${PREFIX}_clauses_next_00000000_${process.pid}`;
    for (const uid of [dead, otherHost]) await client.createIndex(uid).waitTask();
    await runIndex({ client, prefix: PREFIX, corpus: small, force: true });
    const uids = (await client.getRawIndexes({ limit: 1000 })).results.map((i) => i.uid);
    expect(uids).not.toContain(dead);
    expect(uids).toContain(otherHost);
    await client.deleteIndex(otherHost).waitTask();
  });
});

describe('law Markdown corpus', () => {
  it('reads a .tar.gz of law Markdown into clauses (dry run)', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'laws-'));
    try {
      await mkdir(path.join(dir, 'laws', '经济法'), { recursive: true });
      const law = [
        '# 中华人民共和国示例法',
        '',
        '2020年1月1日 第十三届全国人民代表大会常务委员会通过',
        '',
        '<!-- INFO END -->',
        '',
        '## 第一章 总则',
        '',
        '第一条 为了规范外商投资，制定本法。',
        '',
        '第二条 外商投资企业依法享受国民待遇。',
        '',
        '本法所称外商投资，是指外国投资者直接或者间接进行的投资活动。',
      ].join('\n');
      await writeFile(path.join(dir, 'laws', '经济法', '示例法.md'), law);
      await writeFile(path.join(dir, 'laws', '经济法', '_index.md'), '---\nbookCollapseSection: true\n---\n');
      const archive = path.join(dir, 'laws.tar.gz');
      execFileSync('tar', ['-czf', archive, '-C', dir, 'laws']);
      const clauses: IndexedClause[] = [];
      const summary = await runIndex({ corpus: archive, dryRun: true, onDocument: (_doc, c) => clauses.push(...c) });
      expect(summary).toMatchObject({ status: 'dry-run', documents: 1 });
      const article2 = clauses.find((c) => c.path_zh.endsWith('第二条'))!;
      expect(article2.text).toContain('本法所称外商投资');
      expect(article2.termIds).toContain('national-treatment');
      expect(summary.clausesPerSecond).toBeGreaterThan(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
