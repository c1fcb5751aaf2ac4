// `npm run load [-- --duration 60 --connections 32 --url http://host:port]`: holds N concurrent connections
// against the API over a mixed query set (each connection rotating through it request by request), then
// prints throughput and p50/p95/p99 latency. Exits 1 on any error or non-2xx answer.
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
}

export interface LoadOptions {
  url: string;
  connections: number;
  seconds: number;
  paths?: readonly string[];
  onTick?(elapsedSeconds: number, requests: number): void;
}

export async function runLoad(options: LoadOptions): Promise<LoadReport> {
  const paths = options.paths ?? LOAD_PATHS;
  const latencies: number[] = [];
  let requests = 0;
  let elapsed = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        duration: options.seconds,
        // Each connection walks the list in turn, so every query is in flight all the time.
        requests: paths.map((p) => ({ method: 'GET', path: p })),
        timeout: 10,
      },
      (error, res) => (error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(res)),
    );
    // autocannon reports p97.5, not p95: keep every 2xx latency and compute the percentiles here.
    instance.on('response', (_client, status, _bytes, ms) => {
      requests += 1;
      if (status >= 200 && status < 300) latencies.push(ms);
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
  };
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
    .parse()
    .opts<{ duration: number; connections: number; url?: string }>();

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
      server = await spawnServer({ MEILI_DATA_DIR: dataDir, RATE_LIMIT_PER_MINUTE: '0', LOG_LEVEL: 'warn', CORPUS_DIR: 'corpus' });
      url = server.url;
    }
    await preflight(url, LOAD_PATHS);

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
    return ok ? 0 : 1;
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
