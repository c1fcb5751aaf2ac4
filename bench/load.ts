// `npm run load [-- --duration 60 --connections 32 --url http://host:port]`: holds N concurrent connections
// against the API over a mixed query set (each connection rotating through it request by request), then
// prints throughput and p50/p95/p99 latency. Exits 1 on any error or non-2xx answer.
//
// Then the overload step, two phases of at most 30 s each (0 skips one), the first preceded by 5 s of the same
// ordinary searches alone for comparison:
// - beside (`--beside-seconds`, default 10): ordinary searches on 8 connections while amplification-style requests
//   (abbreviation-dense and long queries, quoted phrases, concordances) arrive at 8 per second beside them, the
//   rate that pushed ordinary p50 from 6 ms to 948 ms before the request budget. Fails unless ordinary p50 < 50 ms.
// - overload (`--overload-seconds`, default 15): 200 connections at once, 160 ordinary and 40 amplification-style.
//   Reports the share answered 503 `overloaded` and p99 of the requests served; fails on any connection error or
//   any non-2xx other than 503 overloaded.
//
// Without --url it spawns `npm start` on the seed corpus with its own engine folder, rate limit off.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import { Presets, SingleBar } from 'cli-progress';
import { Command, InvalidArgumentError } from 'commander';
import { apiPath, BENCH_QUERIES } from './queries.ts';
import { spawnServer, type SpawnedServer } from './spawn-server.ts';
import { summarizeLatencies, type LatencySummary } from './stats.ts';

// The largest seed document: what the `filtered` bench queries are restricted to.
const SEED_DOC = 'national-2022-fdi-manufacturing';

/** Every kind of search the page makes: the bench set plus facets, paging, language, pinyin and browsing. */
export const LOAD_PATHS: readonly string[] = [
  ...BENCH_QUERIES.map((q) => apiPath(q, SEED_DOC)),
  '/api/search?q=tax&region=jiangxi',
  '/api/search?q=%E5%A4%96%E5%95%86%E6%8A%95%E8%B5%84&level=national&limit=20',
  '/api/search?q=negative%20list&lang=en&offset=10',
  '/api/search?q=waishang%20touzi',
  '/api/search?category=tax',
  '/api/search',
];

/**
 * Requests that cost the engine the most per request without a budget: a 194-character query of glossary
 * abbreviations (42 concepts), long English and Chinese queries full of glossary terms, quoted phrases (a
 * candidate window each) and a common entry's concordance.
 */
export const AMPLIFICATION_PATHS: readonly string[] = [
  `/api/search?q=${encodeURIComponent('BSE NEEQ M&A QFLP PPP SOE EIA NEV PV CGT R&D HNTE VR AI NDRC DRC MOFCOM AMR CCPIT NMPA PBOC PBC SAFE FDI MNC IPA CIIE CIFIT CAEXPO CIFTIS WEF BFA IP IPR FIE FIL SRDI GBA YRD PRD ETDZ FTZ VAT APA')}`,
  `/api/search?q=${encodeURIComponent('negative list withholding tax reinvested profits research and development center free trade zone intellectual property national treatment foreign-invested enterprise cross-border data')}`,
  `/api/search?q=${encodeURIComponent('外商投资 负面清单 国民待遇 研发中心 知识产权 自由贸易试验区 跨境电商 再投资 预提所得税 合格境外有限合伙人 高新技术企业 总部经济 营商环境 投资促进 产业链')}&lang=zh`,
  `/api/search?q=${encodeURIComponent('"外商投资" "企业" "保护"')}`,
  `/api/search?q=${encodeURIComponent('"依法"')}&limit=100`,
  '/api/glossary/negative-list',
];

export interface LoadReport {
  url: string;
  connections: number;
  seconds: number;
  requests: number;
  requestsPerSecond: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  /** Of 2xx answers, in ms. */
  latency: LatencySummary & { max: number };
  /** Non-2xx answers by status and error code (`503 overloaded`). */
  rejections: Map<string, number>;
}

export interface LoadOptions {
  url: string;
  connections: number;
  seconds: number;
  paths?: readonly string[];
  onTick?(elapsedSeconds: number, requests: number): void;
  /** Receives every 2xx latency (ms), to combine runs. */
  served?: number[];
  /** Requests per second over all connections (open loop); unset = each connection sends as fast as answered. */
  rate?: number;
}

/** `503 overloaded` for an error answer in the API shape, the status alone otherwise. */
export function rejectionKey(status: number, body: string): string {
  try {
    const code = (JSON.parse(body) as { error?: { code?: unknown } }).error?.code;
    return typeof code === 'string' ? `${status} ${code}` : String(status);
  } catch {
    return String(status);
  }
}

export async function runLoad(options: LoadOptions): Promise<LoadReport> {
  const paths = options.paths ?? LOAD_PATHS;
  const latencies: number[] = [];
  const rejections = new Map<string, number>();
  const onResponse = (status: number, body: string) => {
    if (status < 200 || status >= 300) {
      const key = rejectionKey(status, body);
      rejections.set(key, (rejections.get(key) ?? 0) + 1);
    }
  };
  let requests = 0;
  let elapsed = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        duration: options.seconds,
        // Each connection walks the list in turn, so every query is in flight all the time.
        requests: paths.map((p) => ({ method: 'GET', path: p, onResponse })),
        timeout: 10,
        ...(options.rate === undefined ? {} : { overallRate: options.rate }),
      },
      (error, res) => (error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(res)),
    );
    // autocannon reports p97.5, not p95: keep every 2xx latency and compute the percentiles here.
    instance.on('response', (_client, status, _bytes, ms) => {
      requests += 1;
      if (status >= 200 && status < 300) {
        latencies.push(ms);
        options.served?.push(ms);
      }
    });
    instance.on('tick', () => options.onTick?.((elapsed += 1), requests));
  });
  return {
    url: options.url,
    connections: options.connections,
    seconds: result.duration,
    requests: result.requests.total,
    requestsPerSecond: result['2xx'] / Math.max(result.duration, 1e-9),
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    latency: { ...summarizeLatencies(latencies), max: latencies.reduce((a, b) => Math.max(a, b), 0) },
    rejections,
  };
}

export interface OverloadReport {
  name: 'beside' | 'overload';
  seconds: number;
  ordinary: LoadReport;
  amplification: LoadReport;
  /** Of all answers, the share that were 503 overloaded. */
  overloadedShare: number;
  /** p99 of every 2xx answer, both groups together, in ms. */
  servedP99: number;
}

export interface MixOptions {
  name: OverloadReport['name'];
  seconds: number;
  ordinaryConnections: number;
  amplificationConnections: number;
  /** Amplification-style requests per second; unset = as fast as answered. */
  amplificationRate?: number;
}

/** Length of the reference run of ordinary searches alone before the beside phase (part of the step's 30 s). */
const ALONE_SECONDS = 5;

export const BESIDE: Omit<MixOptions, 'seconds'> = { name: 'beside', ordinaryConnections: 8, amplificationConnections: 8, amplificationRate: 8 };
export const OVERLOAD: Omit<MixOptions, 'seconds'> = { name: 'overload', ordinaryConnections: 160, amplificationConnections: 40 };

/**
 * Both groups from ONE autocannon instance, their requests interleaved in proportion to their connections (160:40
 * → four ordinary, one amplification-style): of two instances started together, the later one was starved when the
 * other had 160 connections (measured: no answer at all within 6 s). Latency is timed per request, from
 * setupRequest to onResponse (a connection has one request in flight), and attributed to the request's group.
 */
async function runInterleaved(url: string, mix: MixOptions, served: number[]): Promise<[LoadReport, LoadReport]> {
  const connections = mix.ordinaryConnections + mix.amplificationConnections;
  const ratio = Math.max(1, Math.round(mix.ordinaryConnections / Math.max(mix.amplificationConnections, 1)));
  const groups = [
    { connections: mix.ordinaryConnections, latencies: [] as number[], requests: 0, ok: 0, rejections: new Map<string, number>() },
    { connections: mix.amplificationConnections, latencies: [] as number[], requests: 0, ok: 0, rejections: new Map<string, number>() },
  ];
  const list: { path: string; group: number }[] = [];
  LOAD_PATHS.forEach((path, i) => {
    list.push({ path, group: 0 });
    if ((i + 1) % ratio === 0) list.push({ path: AMPLIFICATION_PATHS[((i + 1) / ratio - 1) % AMPLIFICATION_PATHS.length]!, group: 1 });
  });
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    autocannon(
      {
        url,
        connections,
        duration: mix.seconds,
        timeout: 10,
        requests: list.map(({ path, group }) => ({
          method: 'GET' as const,
          path,
          setupRequest: (req: autocannon.Request, context: object) => {
            (context as { started?: number }).started = performance.now();
            return req;
          },
          onResponse: (status: number, body: string, context: object) => {
            const g = groups[group]!;
            g.requests += 1;
            if (status >= 200 && status < 300) {
              const ms = performance.now() - ((context as { started?: number }).started ?? performance.now());
              g.ok += 1;
              g.latencies.push(ms);
              served.push(ms);
            } else {
              const key = rejectionKey(status, body);
              g.rejections.set(key, (g.rejections.get(key) ?? 0) + 1);
            }
          },
        })),
      },
      (error, res) => (error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(res)),
    );
  });
  // Connection errors cannot be told apart by group: both carry the total.
  const report = (g: (typeof groups)[number]): LoadReport => ({
    url,
    connections: g.connections,
    seconds: result.duration,
    requests: g.requests,
    requestsPerSecond: g.ok / Math.max(result.duration, 1e-9),
    non2xx: g.requests - g.ok,
    errors: result.errors,
    timeouts: result.timeouts,
    latency: { ...summarizeLatencies(g.latencies), max: g.latencies.reduce((a, b) => Math.max(a, b), 0) },
    rejections: g.rejections,
  });
  return [report(groups[0]!), report(groups[1]!)];
}

/** Ordinary searches on some connections, amplification-style requests on others, at the same time. */
export async function runMix(url: string, mix: MixOptions): Promise<OverloadReport> {
  const { seconds } = mix;
  const served: number[] = [];
  const [ordinary, amplification] =
    mix.amplificationRate === undefined
      ? await runInterleaved(url, mix, served)
      : await Promise.all([
          runLoad({ url, connections: mix.ordinaryConnections, seconds, paths: LOAD_PATHS, served }),
          runLoad({ url, connections: mix.amplificationConnections, seconds, paths: AMPLIFICATION_PATHS, served, rate: mix.amplificationRate }),
        ]);
  const total = ordinary.requests + amplification.requests;
  const overloaded = (ordinary.rejections.get('503 overloaded') ?? 0) + (amplification.rejections.get('503 overloaded') ?? 0);
  return {
    name: mix.name,
    seconds,
    ordinary,
    amplification,
    overloadedShare: overloaded / Math.max(total, 1),
    servedP99: summarizeLatencies(served).p99,
  };
}

/**
 * What a phase must show: load shed as 503 overloaded only, never a connection error; beside amplification-style
 * requests, ordinary searches all answered with p50 under `maxOrdinaryP50`.
 */
export function overloadProblems(r: OverloadReport, maxOrdinaryP50 = 50): string[] {
  const problems: string[] = [];
  for (const [name, part] of [
    ['ordinary', r.ordinary],
    ['amplification', r.amplification],
  ] as const) {
    if (part.errors > 0) problems.push(`${r.name} ${name}: ${part.errors} connection errors (${part.timeouts} timeouts)`);
    for (const [key, n] of part.rejections) if (key !== '503 overloaded') problems.push(`${r.name} ${name}: ${n} × ${key}`);
  }
  if (r.name === 'beside') {
    if (r.ordinary.non2xx > 0) problems.push(`beside ordinary: ${r.ordinary.non2xx} not answered 2xx`);
    if (!(r.ordinary.latency.p50 < maxOrdinaryP50))
      problems.push(`beside ordinary p50 ${r.ordinary.latency.p50.toFixed(1)} ms, not under ${maxOrdinaryP50} ms`);
  }
  return problems;
}

export function formatOverload(r: OverloadReport): string {
  const ms = (n: number) => `${n.toFixed(1)} ms`;
  const line = (name: string, p: LoadReport) =>
    `  ${name.padEnd(13)} ${String(p.connections).padStart(3)} conn  ${String(p.requests).padStart(6)} requests  ` +
    `served ${(p.requestsPerSecond).toFixed(1)}/s  p50 ${ms(p.latency.p50)}  p99 ${ms(p.latency.p99)}  ` +
    `rejected ${[...p.rejections].map(([k, n]) => `${n} × ${k}`).join(', ') || 0}`;
  return [
    `${r.name}: ${r.ordinary.connections + r.amplification.connections} connections for ${r.seconds} s` +
      (r.name === 'beside' ? ` (amplification-style at ${BESIDE.amplificationRate} req/s)` : ''),
    line('ordinary', r.ordinary),
    line('amplification', r.amplification),
    `  503 overloaded ${(r.overloadedShare * 100).toFixed(1)} % of answers; p99 of served ${ms(r.servedP99)}; errors ${r.ordinary.errors + r.amplification.errors}`,
  ].join('\n');
}

/** Fails before the run if any query of the set does not answer 200, so the run only measures. */
async function preflight(url: string, paths: readonly string[]): Promise<void> {
  for (const p of paths) {
    const res = await fetch(url + p, { signal: AbortSignal.timeout(10_000) });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`GET ${p} answered ${res.status} before the load started`);
  }
}

export function formatReport(r: LoadReport): string {
  const ms = (n: number) => `${n.toFixed(1)} ms`;
  return [
    `load: ${r.connections} connections for ${r.seconds.toFixed(0)} s against ${r.url}`,
    `  requests   ${r.requests} (${r.requestsPerSecond.toFixed(1)} req/s)`,
    `  latency    p50 ${ms(r.latency.p50)}   p95 ${ms(r.latency.p95)}   p99 ${ms(r.latency.p99)}   max ${ms(r.latency.max)}`,
    `  non-2xx    ${r.non2xx}`,
    `  errors     ${r.errors} (timeouts ${r.timeouts})`,
  ].join('\n');
}

function stepSeconds(value: string): number {
  if (value === '0') return 0;
  const n = positiveInt(value);
  if (n > 30) throw new InvalidArgumentError('at most 30 (the step is bounded)');
  return n;
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('must be a positive integer');
  return n;
}

async function main(): Promise<number> {
  const opts = new Command()
    .name('load')
    .description('Sustained search load against the API; exits 1 on any error or non-2xx')
    .option('--duration <seconds>', 'how long to hold the load', positiveInt, 60)
    .option('--connections <n>', 'concurrent connections', positiveInt, 32)
    .option('--url <url>', 'a running server to load instead of spawning one on the seed corpus')
    .option('--beside-seconds <seconds>', 'amplification beside ordinary searches, at most 30 (0 skips it)', stepSeconds, 10)
    .option('--overload-seconds <seconds>', '200 connections, at most 30 (0 skips it)', stepSeconds, 15)
    .parse()
    .opts<{ duration: number; connections: number; url?: string; besideSeconds: number; overloadSeconds: number }>();

  let server: SpawnedServer | undefined;
  let dataDir: string | undefined;
  const stopServer = async () => {
    await server?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  };
  process.once('SIGINT', () => void stopServer().then(() => process.exit(130)));
  try {
    let url = opts.url?.replace(/\/+$/, '');
    if (!url) {
      dataDir = await mkdtemp(path.join(os.tmpdir(), 'policy-search-load-'));
      console.log('starting the server on the seed corpus…');
      // Caches off: every connection repeats a handful of requests, which a cache would answer without the engine,
      // and the overload step is about the engine's queue.
      server = await spawnServer({ MEILI_DATA_DIR: dataDir, RATE_LIMIT_PER_MINUTE: '0', LOG_LEVEL: 'warn', CORPUS_DIR: 'corpus', SEARCH_CACHE_MB: '0' });
      url = server.url;
    }
    await preflight(url, [...LOAD_PATHS, ...AMPLIFICATION_PATHS]);

    const bar = process.stdout.isTTY ? new SingleBar({ format: 'load [{bar}] {value}/{total} s | {requests} requests' }, Presets.shades_classic) : null;
    bar?.start(opts.duration, 0, { requests: 0 });
    const report = await runLoad({
      url,
      connections: opts.connections,
      seconds: opts.duration,
      onTick: (elapsed, requests) => bar?.update(Math.min(elapsed, opts.duration), { requests }),
    });
    bar?.stop();
    console.log(formatReport(report));
    const ok = report.errors === 0 && report.non2xx === 0;
    console.log(ok ? 'PASS: no errors, no non-2xx answers' : 'FAIL: errors or non-2xx answers under load');
    const problems: string[] = [];
    if (opts.besideSeconds > 0) {
      // The same ordinary searches alone first: what "beside amplification" is compared with on this machine.
      const alone = await runLoad({ url, connections: BESIDE.ordinaryConnections, seconds: ALONE_SECONDS, paths: LOAD_PATHS });
      console.log(
        `alone: ordinary searches on ${alone.connections} connections for ${ALONE_SECONDS} s: p50 ${alone.latency.p50.toFixed(1)} ms, p99 ${alone.latency.p99.toFixed(1)} ms`,
      );
    }
    for (const [mix, seconds] of [
      [BESIDE, opts.besideSeconds],
      [OVERLOAD, opts.overloadSeconds],
    ] as const) {
      if (seconds === 0) continue;
      const phase = await runMix(url, { ...mix, seconds });
      console.log(formatOverload(phase));
      problems.push(...overloadProblems(phase));
    }
    if (opts.besideSeconds > 0 || opts.overloadSeconds > 0) {
      console.log(
        problems.length === 0
          ? 'PASS: excess load answered 503 overloaded only; ordinary p50 under 50 ms beside amplification'
          : `FAIL: ${problems.join('; ')}`,
      );
    }
    return ok && problems.length === 0 ? 0 : 1;
  } finally {
    await stopServer();
  }
}

// Runs only as a script, so runLoad() can be imported.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main().catch((error: unknown) => {
    console.error(`load failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  });
}
