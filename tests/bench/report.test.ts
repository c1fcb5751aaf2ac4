import { describe, expect, it } from 'vitest';
import type { PipelineRun, RawRun } from '../../bench/indexing.ts';
import { BENCH_QUERIES } from '../../bench/queries.ts';
import { formatRun, ratios, referenceConnections, summaryLine, type BenchRun } from '../../bench/report.ts';
import type { LoadPoint } from '../../bench/search-load.ts';

const engine = (seconds: number) => ({ batches: 2, seconds, steps: [{ step: 'processing tasks > indexing', seconds: seconds * 0.9 }] });

const pipeline: PipelineRun = {
  documents: 3475,
  clauses: 168_773,
  termsTagged: 90_000,
  problems: 3,
  seconds: 300,
  clausesPerSecond: 562.6,
  prepSeconds: 40,
  peakRssMb: 700,
  indexBytes: 900 * 1024 * 1024,
  engine: engine(250),
  largestDoc: { docId: 'law-abc', clauses: 1260 },
};

const raw: RawRun = { documents: 168_773, seconds: 240, documentsPerSecond: 703.2, indexBytes: 300 * 1024 * 1024, engine: engine(230) };

function point(target: LoadPoint['target'], connections: number, rps: number, p95: number): LoadPoint {
  return {
    target,
    connections,
    requestsPerSecond: rps,
    ok: rps * 10,
    non2xx: 0,
    errors: 0,
    seconds: 10,
    latency: { p50: p95 / 2, p95, p99: p95 * 2 },
    cpuMsPerRequest: { engine: target === 'api' ? 4 : 1, server: target === 'api' ? 2.5 : null, loadGenerator: 0.25 },
  };
}

function run(load: LoadPoint[], overrides: Partial<BenchRun> = {}): BenchRun {
  return {
    date: '2026-01-02T03:04:05.000Z',
    command: 'npm run bench -- --corpus x.tar.gz',
    machine: { cpuModel: 'Test CPU', cpus: 2, ramGiB: 8, os: 'Linux 6', node: 'v20.19.0', meilisearch: '1.21.0' },
    corpus: 'law corpus (x.tar.gz)',
    durationSeconds: 10,
    warmupSeconds: 2,
    batchSize: 5000,
    indexing: { pipeline: [pipeline, { ...pipeline, seconds: 330, peakRssMb: 720 }], raw: [{ ...raw, seconds: 250 }, raw] },
    load,
    probes: [{ query: BENCH_QUERIES[0]!, api: { ms: 12, total: 40 }, raw: { ms: 4, total: 0 } }],
    probeRepeats: 15,
    engineCalls: [
      {
        query: BENCH_QUERIES[0]!,
        calls: [
          { method: 'POST', route: '/multi-search', searches: 3, engineMs: 7, responseBytes: 2048 },
          { method: 'POST', route: '/indexes/<index>/search', searches: 1, engineMs: 5, responseBytes: 1024 },
        ],
      },
    ],
    relevance: {
      api: { recallAt10: 0.98, mrr: 0.9, passed: 41, queries: 42 },
      raw: { recallAt10: 0.5, mrr: 0.45, passed: 20, queries: 42 },
      details: '',
    },
    ...overrides,
  };
}

const fullLoad = [
  point('api', 1, 100, 20),
  point('raw', 1, 200, 10),
  point('api', 8, 300, 60),
  point('raw', 8, 400, 40),
  point('api', 32, 310, 200),
  point('raw', 32, 500, 100),
];

describe('ratios', () => {
  it('compares api with raw at 8 connections and pipeline with raw indexing time', () => {
    const r = ratios(run(fullLoad));
    expect(r.connections).toBe(8);
    expect(r.throughput).toBeCloseTo(0.75);
    expect(r.p95).toBeCloseTo(1.5);
    expect(r.indexing).toBeCloseTo(1.25);
  });

  it('falls back to the highest level when 8 was not measured', () => {
    const load = [point('api', 1, 100, 20), point('raw', 1, 200, 10), point('api', 4, 150, 30), point('raw', 4, 300, 12)];
    expect(referenceConnections(load)).toBe(4);
    expect(ratios(run(load)).throughput).toBeCloseTo(0.5);
  });

  it('gives NaN, not a division by zero, when a side is missing', () => {
    const r = ratios(run([point('api', 8, 300, 60)], { indexing: { pipeline: [pipeline], raw: [] } }));
    expect(r.throughput).toBeNaN();
    expect(r.p95).toBeNaN();
    expect(r.indexing).toBeNaN();
  });
});

describe('summaryLine', () => {
  it('has the format the issue asks for', () => {
    expect(summaryLine(run(fullLoad))).toBe('bench: search api/raw throughput 0.75, p95 1.50; index pipeline/raw 1.25; recall@10 api 0.980 vs raw 0.500');
  });

  it('adds the query log: its first pass against raw', () => {
    const point = (rps: number, p95: number) => ({
      requestsPerSecond: rps,
      ok: 600,
      non2xx: 0,
      errors: 0,
      latency: { p50: p95 / 2, p95, p99: p95 * 2 },
      cpuMsPerRequest: { engine: 1, server: 1, loadGenerator: 0.1 },
    });
    const stats = { requests: 600, distinct: 150, distinctRequests: 170, share: { filtered: 0.1, laterPages: 0.2, chinese: 0.4 } };
    const queryLog = { stats, connections: 8, raw: point(1000, 10), uncached: point(200, 60), cold: point(500, 30), warm: point(1200, 8) };
    const withLog = { ...run(fullLoad), queryLog };
    expect(summaryLine(withLog)).toBe(
      'bench: search api/raw throughput 0.75, p95 1.50; query log api/raw throughput 0.50, p95 3.00; index pipeline/raw 1.25; recall@10 api 0.980 vs raw 0.500',
    );
    const md = formatRun(withLog);
    expect(md).toMatch(/query log throughput api\/raw ≥ 1× \| 0\.50× \| \*\*missed\*\*/);
    expect(md).toContain('| api, caches on, second pass | 1200 | 1.20× |');
  });

  it('writes n/a for ratios that could not be measured', () => {
    expect(summaryLine(run([]))).toContain('throughput n/a, p95 n/a');
  });
});

describe('formatRun', () => {
  const md = formatRun(run(fullLoad));

  it('names the date, machine and command', () => {
    expect(md).toMatch(/^## 2026-01-02 03:04 UTC — law corpus \(x\.tar\.gz\)/);
    expect(md).toContain('Test CPU, 2 CPUs, 8.0 GiB RAM');
    expect(md).toContain('Meilisearch 1.21.0');
    expect(md).toContain('`npm run bench -- --corpus x.tar.gz`');
    expect(md).toContain('168,773 clauses');
  });

  it('marks each target met or missed from the numbers', () => {
    expect(md).toMatch(/search throughput api\/raw ≥ 0\.5× \(8 conn\.\) \| 0\.75× \| met/);
    expect(md).toMatch(/search p95 api\/raw ≤ 2× \(8 conn\.\) \| 1\.50× \| met/);
    expect(md).toMatch(/indexing time pipeline\/raw ≤ 1\.5× \| 1\.25× \| met/);
    expect(md).toMatch(/indexer peak RSS < 1024 MB \| 720 MB \| met/);
  });

  it('has one load row per connection level with both sides and their ratios', () => {
    const rows = md.split('\n').filter((l) => /^\| (1|8|32) \| \d/.test(l));
    expect(rows).toHaveLength(3);
    expect(rows[1]).toBe('| 8 | 300 | 400 | 0.75× | 30.0 / 20.0 | 60.0 / 40.0 | 1.50× | 120.0 / 80.0 | 0 / 0 |');
  });

  it('accounts CPU per request by process, n/a where unmeasured', () => {
    expect(md).toContain('| 8 | api | 4.00 | 2.50 | 0.25 |');
    expect(md).toContain('| 8 | raw | 1.00 | n/a | 0.25 |');
  });

  it('takes the fastest round of each side and lists every round', () => {
    expect(md).toContain('Fastest of 2 round(s) per side; all wall times: pipeline 300.0, 330.0 s, raw 250.0, 240.0 s.');
    expect(md).toContain('| peak RSS of the indexing process, highest round (MB) | 720 |  |  |');
  });

  it('shows index size and wall time of both sides', () => {
    expect(md).toContain('| wall time (s) | 300.0 | 240.0 | 1.25× |');
    expect(md).toContain('| index size on disk (MB) | 900.0 | 300.0 | 3.00× |');
  });

  it('sums the engine calls behind each API request', () => {
    expect(md).toContain('| english | `foreign investment` | 2 | 4 | 12 | 3.0 | POST /multi-search ×3, POST /indexes/<index>/search |');
  });

  it('shows a note only when there is one', () => {
    expect(md).not.toContain('- Note:');
    expect(formatRun(run(fullLoad, { note: 'seed corpus' }))).toContain('- Note: seed corpus');
  });

  it('adds the gloss section only when the run has one', () => {
    expect(md).not.toContain('English glosses');
    const start = {
      runs: 1,
      withLexicon: [{ readyMs: 1000, rssMb: 100, peakRssMb: 120 }],
      withoutDictionary: [{ readyMs: 900, rssMb: 90, peakRssMb: 110 }],
      lexicon: { with: { zh: 1, en: 2 }, without: { zh: 0, en: 1 } },
      cedict: null,
    };
    const withGlosses = formatRun(run(fullLoad, { glosses: { start, law: null, durationSeconds: 10, warmupSeconds: 2 } }));
    expect(withGlosses).toContain('### English glosses (CC-CEDICT)');
    expect(withGlosses.indexOf('### English glosses')).toBeGreaterThan(withGlosses.indexOf('### Relevance'));
  });

  it('escapes pipes in cells and adds the profile only when there is one', () => {
    expect(md).not.toContain('CPU profile');
    const withProfile = formatRun(run(fullLoad, { profile: [{ fn: 'a|b (x.ts:1)', selfMs: 1234, share: 0.25 }] }));
    expect(withProfile).toContain('| a\\|b (x.ts:1) | 1234 | 25.0 % |');
  });
});
