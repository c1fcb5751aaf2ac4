// Search benchmark: autocannon against our /api/search and against raw Meilisearch's search route with the
// equivalent request, alternating api/raw at each connection level in the same run.
import { request } from 'node:http';
import autocannon from 'autocannon';
import { cpuDuring } from './cpu.ts';
import { apiPath, rawBody, type BenchQuery } from './queries.ts';
import { median, summarizeLatencies, type LatencySummary } from './stats.ts';

export type Target = 'api' | 'raw';

export interface LoadTargets {
  /** Our API's base URL. */
  apiUrl: string;
  engineUrl: string;
  engineKey: string;
  rawIndex: string;
  /** Document the `inDocument` queries are restricted to. */
  docId: string;
  queries: readonly BenchQuery[];
  /** Processes whose CPU time is accounted per request (Linux /proc). */
  pids?: { engine?: number; server?: number };
}

export interface LoadPoint {
  target: Target;
  connections: number;
  /** 2xx responses per second over the measured duration. */
  requestsPerSecond: number;
  ok: number;
  non2xx: number;
  /** Connection errors, timeouts included. */
  errors: number;
  seconds: number;
  /** Of 2xx responses, in ms. */
  latency: LatencySummary;
  /** CPU ms per 2xx response used by each process during the measurement; null where not measurable. */
  cpuMsPerRequest: { engine: number | null; server: number | null; loadGenerator: number | null };
}

interface Requests {
  url: string;
  requests: autocannon.Request[];
  headers?: Record<string, string>;
}

function requestsFor(target: Target, t: LoadTargets): Requests {
  if (target === 'api') {
    return { url: t.apiUrl, requests: t.queries.map((q) => ({ method: 'GET', path: apiPath(q, t.docId) })) };
  }
  return {
    url: t.engineUrl,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${t.engineKey}` },
    requests: t.queries.map((q) => ({ method: 'POST', path: `/indexes/${t.rawIndex}/search`, body: JSON.stringify(rawBody(q, t.docId)) })),
  };
}

const perRequest = (seconds: number | null | undefined, requests: number) =>
  seconds === null || seconds === undefined || requests === 0 ? null : (seconds * 1000) / requests;

/** One autocannon run; every connection cycles through the whole query set. */
function load(target: Target, t: LoadTargets, connections: number, seconds: number): Promise<LoadPoint> {
  return measure(target, requestsFor(target, t), connections, seconds, t.pids);
}

async function measure(
  target: Target,
  { url, requests, headers }: Requests,
  connections: number,
  seconds: number,
  processes: LoadTargets['pids'],
  /** A fixed number of requests instead of a duration. */
  amount?: number,
): Promise<LoadPoint> {
  const latencies: number[] = [];
  const pids = { engine: processes?.engine, server: processes?.server, loadGenerator: process.pid };
  const started = performance.now();
  const { result, cpu } = await cpuDuring(
    pids,
    () =>
      new Promise<autocannon.Result>((resolve, reject) => {
        const run = amount === undefined ? { duration: seconds } : { amount };
        const instance = autocannon({ url, connections, ...run, requests, ...(headers ? { headers } : {}) }, (error, res) =>
          error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(res),
        );
        // autocannon reports p97.5 but not p95: keep every 2xx latency and compute the percentiles here.
        instance.on('response', (_client, status, _bytes, ms) => {
          if (status >= 200 && status < 300) latencies.push(ms);
        });
      }),
  );
  const ok = result['2xx'];
  // autocannon reports whole seconds: a fixed number of requests is timed here.
  const elapsed = amount === undefined ? result.duration : (performance.now() - started) / 1000;
  return {
    target,
    connections,
    requestsPerSecond: ok / Math.max(elapsed, 1e-9),
    ok,
    non2xx: result.non2xx,
    errors: result.errors,
    seconds: elapsed,
    latency: summarizeLatencies(latencies),
    cpuMsPerRequest: {
      engine: perRequest(cpu.engine, ok),
      server: perRequest(cpu.server, ok),
      loadGenerator: perRequest(cpu.loadGenerator, ok),
    },
  };
}

export interface LoadOptions {
  connections: number[];
  durationSeconds: number;
  /** Unmeasured run before each measured one (JIT, engine caches, keep-alive pools). */
  warmupSeconds: number;
  onPoint?(point: LoadPoint): void;
}

/** api@c, raw@c for each connection level c, in that order, each after its own warm-up. */
export async function runSearchLoad(t: LoadTargets, options: LoadOptions): Promise<LoadPoint[]> {
  const points: LoadPoint[] = [];
  for (const connections of options.connections) {
    for (const target of ['api', 'raw'] as const) {
      if (options.warmupSeconds > 0) await load(target, t, connections, options.warmupSeconds);
      const point = await load(target, t, connections, options.durationSeconds);
      options.onPoint?.(point);
      points.push(point);
    }
  }
  return points;
}

/**
 * Our API alone (no raw side) at one connection level, after a warm-up: for query sets raw Meilisearch has no
 * counterpart for, such as English queries over untranslated Chinese.
 */
export async function runApiLoad(
  apiUrl: string,
  queries: readonly BenchQuery[],
  options: { connections: number; durationSeconds: number; warmupSeconds: number; pids?: LoadTargets['pids'] },
): Promise<LoadPoint> {
  const requests: Requests = { url: apiUrl, requests: queries.map((q) => ({ method: 'GET', path: apiPath(q, '') })) };
  if (options.warmupSeconds > 0) await measure('api', requests, options.connections, options.warmupSeconds, options.pids);
  return measure('api', requests, options.connections, options.durationSeconds, options.pids);
}

/**
 * One pass through a fixed sequence of requests, in order across all connections (each connection takes the next
 * one, not its own copy of the sequence): how a server with caches meets a query log.
 */
export function runSequence(
  target: Target,
  url: string,
  sequence: readonly { path: string; body?: string }[],
  options: { connections: number; headers?: Record<string, string>; method: 'GET' | 'POST'; pids?: LoadTargets['pids'] },
): Promise<LoadPoint> {
  let next = 0;
  const request: autocannon.Request = {
    method: options.method,
    path: sequence[0]!.path,
    setupRequest: (req) => {
      const item = sequence[next++ % sequence.length]!;
      return { ...req, path: item.path, ...(item.body === undefined ? {} : { body: item.body }) };
    },
  };
  const requests: Requests = { url, requests: [request], ...(options.headers ? { headers: options.headers } : {}) };
  return measure(target, requests, options.connections, 0, options.pids, sequence.length);
}

export interface QueryProbe {
  query: BenchQuery;
  api: { ms: number; total: number };
  raw: { ms: number; total: number };
}

/**
 * One request on a fresh connection: on a reused loopback connection, a response the engine writes in two
 * segments can wait ~40 ms for the client's delayed ACK (Nagle), which would swamp the engine's time.
 */
function timed(url: string, method: 'GET' | 'POST', headers: Record<string, string> = {}, body?: string): Promise<{ ms: number; total: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = request(url, { method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const ms = performance.now() - started;
        const text = Buffer.concat(chunks).toString('utf8');
        const status = res.statusCode ?? 0;
        if (status < 200 || status >= 300) return reject(new Error(`${method} ${url}: ${status} ${text.slice(0, 300)}`));
        const parsed = JSON.parse(text) as { total?: number; estimatedTotalHits?: number };
        resolve({ ms, total: parsed.total ?? parsed.estimatedTotalHits ?? 0 });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Each query alone, sequentially: median latency and hit count on both sides. Fails on any non-2xx, so a
 * broken request is found before the load test counts it as an error.
 */
export async function probeQueries(t: LoadTargets, repeats: number): Promise<QueryProbe[]> {
  const api = requestsFor('api', t);
  const raw = requestsFor('raw', t);
  const probes: QueryProbe[] = [];
  for (const [i, query] of t.queries.entries()) {
    const a: { ms: number; total: number }[] = [];
    const r: { ms: number; total: number }[] = [];
    for (let n = 0; n < repeats; n++) {
      a.push(await timed(`${api.url}${api.requests[i]!.path!}`, 'GET'));
      const req = raw.requests[i]!;
      r.push(await timed(`${raw.url}${req.path!}`, 'POST', raw.headers, req.body as string));
    }
    probes.push({
      query,
      api: { ms: median(a.map((x) => x.ms)), total: a[0]!.total },
      raw: { ms: median(r.map((x) => x.ms)), total: r[0]!.total },
    });
  }
  return probes;
}
