import { describe, expect, it } from 'vitest';
import { formatGlosses, formatGlossRun, glossSummaryLine, medianSample, type GlossResults } from '../../bench/glosses-report.ts';
import type { GlossSide } from '../../bench/glosses.ts';
import type { PipelineRun } from '../../bench/indexing.ts';
import { compareStems, loadLawQueries, rankOf, scoreLawQueries, type LawQuery } from '../../bench/law-queries.ts';
import type { LoadPoint } from '../../bench/search-load.ts';
import { lawDocId } from '../../indexer/markdown.ts';

const query = (id: string, expect: string): LawQuery => ({ id, q: `q ${id}`, law: '某法', file: 'x/某法.md', expect: [expect] });

describe('bench/law-queries.yaml', () => {
  it('has 25 queries, each expecting one article of the law file it names', async () => {
    const queries = await loadLawQueries();
    expect(queries).toHaveLength(25);
    expect(new Set(queries.map((q) => q.id)).size).toBe(25);
    for (const q of queries) expect(q.expect[0]!.split(' ')[0]).toBe(lawDocId(q.file));
  });
});

describe('rankOf and scoreLawQueries', () => {
  const hits = (...keys: string[]) => keys.map((k) => ({ docId: k.split(' ')[0]!, pathZh: k.split(' ')[1]! }));

  it('gives the 1-based rank of the expected article, null when absent', () => {
    expect(rankOf('law-a 第一条', hits('law-b 第一条', 'law-a 第一条'))).toBe(2);
    expect(rankOf('law-a 第一条', hits('law-a 第二条'))).toBeNull();
    expect(rankOf('law-a 第一条', [])).toBeNull();
  });

  it('counts queries answered first and within ten', () => {
    const queries = [query('a', 'law-a 第一条'), query('b', 'law-b 第一条'), query('c', 'law-c 第一条')];
    const eleven = [...Array.from({ length: 10 }, (_, i) => `law-x 第${i}条`), 'law-c 第一条'];
    const score = scoreLawQueries(queries, [hits('law-a 第一条'), hits('law-x 第一条', 'law-b 第一条'), hits(...eleven)]);
    expect(score).toMatchObject({ queries: 3, top1: 1, top10: 2 });
    expect(score.results.map((r) => r.rank)).toEqual([1, 2, 11]);
  });

  it('scores a query without hits as a miss', () => {
    expect(scoreLawQueries([query('a', 'law-a 第一条')], []).results[0]!.rank).toBeNull();
  });
});

describe('compareStems', () => {
  it("splits the query's stems into those the article has and those it lacks, each once", () => {
    expect(compareStems(['competit', 'compens', 'competit', 'noncompet'], ['compens', 'employ'])).toEqual({
      found: ['compens'],
      missing: ['competit', 'noncompet'],
    });
  });
});

describe('medianSample', () => {
  it('takes the median of each field, skipping unreadable values', () => {
    expect(
      medianSample([
        { readyMs: 3000, rssMb: 200, peakRssMb: null },
        { readyMs: 1000, rssMb: 100, peakRssMb: null },
        { readyMs: 2000, rssMb: null, peakRssMb: null },
      ]),
    ).toEqual({ readyMs: 2000, rssMb: 100, peakRssMb: null });
  });
});

const engine = {
  batches: 1,
  seconds: 20,
  steps: [
    { step: 'processing tasks > indexing', seconds: 18 },
    { step: 'processing tasks > indexing > extracting words', seconds: 9 },
  ],
};
const run = (seconds: number, indexMb: number): PipelineRun => ({
  documents: 3475,
  clauses: 168_773,
  termsTagged: 1,
  problems: 0,
  seconds,
  clausesPerSecond: 1,
  prepSeconds: 15,
  peakRssMb: 600,
  indexBytes: indexMb * 2 ** 20,
  engine,
  largestDoc: { docId: 'law-x', clauses: 1 },
});
const load = (p50: number, p95: number): LoadPoint => ({
  target: 'api',
  connections: 1,
  requestsPerSecond: 50,
  ok: 500,
  non2xx: 0,
  errors: 0,
  seconds: 10,
  latency: { p50, p95, p99: p95 * 2 },
  cpuMsPerRequest: { engine: 10, server: 4, loadGenerator: 0.5 },
});
const side = (glosses: boolean, ranks: (number | null)[]): GlossSide => ({
  glosses,
  prefix: glosses ? 'lawgloss' : 'lawnogloss',
  indexing: glosses ? [run(50, 900), run(45, 910)] : [run(35, 700), run(36, 700)],
  clauseIndex: { documents: 168_773, rawDocumentBytes: (glosses ? 500 : 400) * 2 ** 20, avgDocumentBytes: glosses ? 3000 : 2400 },
  lexicon: glosses ? { zh: 60_000, en: 9000 } : { zh: 0, en: 800 },
  serverReadyMs: 9000,
  load: glosses ? load(20, 40) : load(10, 25),
  score: {
    queries: 2,
    top1: ranks.filter((r) => r === 1).length,
    top10: ranks.filter((r) => r !== null && r <= 10).length,
    results: ranks.map((rank, i) => ({ id: `q${i}`, q: `query ${i}`, rank })),
  },
  dictionaryWords: [[], []],
});

const results: GlossResults = {
  law: {
    queries: 2,
    with: side(true, [1, 30]),
    without: side(false, [null, null]),
    misses: [
      {
        id: 'q1',
        q: 'query 1',
        rankWith: 30,
        rankWithout: null,
        found: ['compens'],
        missing: ['noncompet'],
        dictionaryWords: ['补偿'],
        glosses: 'compensation',
      },
    ],
  },
  start: {
    runs: 2,
    withLexicon: [
      { readyMs: 4200, rssMb: 330, peakRssMb: 400 },
      { readyMs: 4400, rssMb: 334, peakRssMb: 402 },
    ],
    withoutDictionary: [
      { readyMs: 4000, rssMb: 320, peakRssMb: 390 },
      { readyMs: 4000, rssMb: 320, peakRssMb: 392 },
    ],
    lexicon: { with: { zh: 900, en: 1500 }, without: { zh: 0, en: 400 } },
    cedict: { ms: 2500, entries: 100_305, rssMb: 85, heapMb: 47 },
  },
  durationSeconds: 10,
  warmupSeconds: 2,
};

describe('formatGlosses', () => {
  const md = formatGlosses(results);

  it('compares both sides: fastest indexing round, size, lexicon, latency and queries found', () => {
    expect(md).toContain('| indexing wall time, fastest round (s) | 45.0 | 35.0 | +10.0 |');
    expect(md).toContain('| all rounds (s) | 50.0, 45.0 | 35.0, 36.0 |  |');
    expect(md).toContain('| index size on disk, fastest round (MB) | 910.0 | 700.0 | +210.0 |');
    expect(md).toContain('| clauses index: stored documents, rawDocumentDbSize (MB) | 500.0 | 400.0 | +100.0 |');
    expect(md).toContain('| lexicon entries: Chinese words / English words | 60,000 / 9,000 | 0 / 800 | +68200 |');
    expect(md).toContain('| English search p95, 1 connection (ms) | 40.0 | 25.0 | +15.0 |');
    expect(md).toContain('| law queries with their article in the top 10 (of 2) | 1 | 0 | +1 |');
    expect(md).toContain('| law queries with their article first (of 2) | 1 | 0 | +1 |');
  });

  it("puts the engine's indexing steps of both sides side by side", () => {
    expect(md).toContain('| processing tasks > indexing > extracting words | 9.0 | 9.0 | +0.0 |');
  });

  it('lists every query with both ranks and explains the misses', () => {
    expect(md).toContain('| `query 1` | 30 | > 100 |');
    expect(md).toContain('| `query 1` | 30 / > 100 | compens | noncompet | 补偿 |');
  });

  it('judges the seed start against the +50 MB / +1 s bounds and names the dictionary load both servers pay', () => {
    expect(md).toContain('| spawn to ready, median (s) | 4.20 | 4.00 | +0.20 | +1 s: met |');
    expect(md).toContain('| RSS after ready, median (MB) | 330 | 320 | +10 | +50 MB: met |');
    expect(md).toContain('2.50 s, +85 MB RSS (+47 MB heap), 100,305 entries');
  });

  it('says when the law part did not run', () => {
    expect(formatGlosses({ ...results, law: null })).toContain('Law part not run');
  });
});

describe('glossSummaryLine and formatGlossRun', () => {
  it('sums both parts up in one line', () => {
    expect(glossSummaryLine(results)).toBe(
      'glosses: law queries top10 1/2 vs 0 without (top1 1 vs 0); indexing +10.0 s, size +210 MB; p95 40.0 vs 25.0 ms; ' +
        'seed server start +0.20 s, +10 MB RSS with lexicon (plus CC-CEDICT load in both: 2.50 s, 85 MB)',
    );
  });

  it('makes a whole section when only the gloss step ran', () => {
    const md = formatGlossRun(
      {
        date: '2026-01-02T03:04:05.000Z',
        command: 'npm run bench -- --only glosses',
        machine: { cpuModel: 'Test CPU', cpus: 2, ramGiB: 8, os: 'Linux 6', node: 'v20', meilisearch: '1.21.0' },
        corpus: 'seed corpus',
      },
      { ...results, law: null },
    );
    expect(md).toMatch(/^## 2026-01-02 03:04 UTC — seed corpus, gloss step only\n/);
    expect(md).toContain('- Command: `npm run bench -- --only glosses`');
    expect(md).toContain('### English glosses (CC-CEDICT)');
  });
});
