// Where an API request's engine time goes: a recording proxy between a spawned API server and the engine,
// then each bench query sent once. Lists the engine calls each query costs, the searches in them, the time
// the engine reports for them and the bytes it sends back.
import { Agent, createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { apiPath, type BenchQuery } from './queries.ts';
import { spawnServer } from './spawn-server.ts';

export interface EngineCall {
  method: string;
  /** Route without the query string, index names replaced by `<index>`. */
  route: string;
  /** Searches the call runs (a multi-search runs several). */
  searches: number;
  /** processingTimeMs the engine reports (summed over a non-federated multi-search); null if none. */
  engineMs: number | null;
  responseBytes: number;
}

export interface QueryCalls {
  query: BenchQuery;
  calls: EngineCall[];
}

/** Pure: what one proxied engine call was, from its route and bodies. */
export function describeCall(method: string, url: string, requestBody: string, responseBody: string): EngineCall {
  const route = url.split('?')[0]!.replace(/^\/indexes\/[^/]+/, '/indexes/<index>');
  let searches = route.endsWith('/search') ? 1 : 0;
  let engineMs: number | null = null;
  try {
    const req = requestBody ? (JSON.parse(requestBody) as { queries?: unknown[] }) : {};
    if (route === '/multi-search') searches = req.queries?.length ?? 0;
    const res = JSON.parse(responseBody) as { processingTimeMs?: number; results?: { processingTimeMs?: number }[] };
    if (typeof res.processingTimeMs === 'number') engineMs = res.processingTimeMs;
    else if (Array.isArray(res.results)) engineMs = res.results.reduce((n, r) => n + (r.processingTimeMs ?? 0), 0);
  } catch {
    // Not JSON (or empty): count the call, without engine time.
  }
  return { method, route, searches, engineMs, responseBytes: Buffer.byteLength(responseBody) };
}

/** The whole body of a request or response stream. */
export const readBody = (stream: IncomingMessage) =>
  new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });

/** Forwards everything to the engine; while `recording`, keeps what the search calls were. */
function recordingProxy(engineUrl: string): { server: Server; calls: EngineCall[]; setRecording(on: boolean): void } {
  const target = new URL(engineUrl);
  const agent = new Agent({ keepAlive: true });
  const calls: EngineCall[] = [];
  let recording = false;
  const server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      // Uncompressed answers, so that they can be read here and their size is what the engine produced.
      const headers = { ...req.headers, host: target.host, 'accept-encoding': 'identity' };
      const upstream = request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers, agent }, (up) => {
        void readBody(up).then((answer) => {
          // Background work of the server (catalog refresh on the meta index) is not the query's.
          if (recording && !/_meta/.test(req.url ?? '')) {
            calls.push(describeCall(req.method ?? 'GET', req.url ?? '', body.toString('utf8'), answer.toString('utf8')));
          }
          res.writeHead(up.statusCode ?? 502, up.headers);
          res.end(answer);
        });
      });
      upstream.on('error', () => {
        res.writeHead(502);
        res.end();
      });
      upstream.end(body);
    })();
  });
  return { server, calls, setRecording: (on) => (recording = on) };
}

export interface TraceOptions {
  engineUrl: string;
  engineKey: string;
  prefix: string;
  corpus: string;
  docId: string;
  queries: readonly BenchQuery[];
}

/** Sends each query once (after one unrecorded warm-up pass) through a server whose engine is the proxy. */
export async function traceEngineCalls(options: TraceOptions): Promise<QueryCalls[]> {
  const proxy = recordingProxy(options.engineUrl);
  await new Promise<void>((resolve) => proxy.server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = proxy.server.address() as AddressInfo;
  try {
    const api = await spawnServer({
      MEILI_URL: `http://127.0.0.1:${port}`,
      MEILI_MASTER_KEY: options.engineKey,
      INDEX_PREFIX: options.prefix,
      CORPUS_DIR: options.corpus,
      // What a request costs the engine when it is not cached: the traced requests repeat the warm-up's.
      SEARCH_CACHE_MB: '0',
    });
    try {
      const ask = async (query: BenchQuery) => {
        const res = await fetch(`${api.url}${apiPath(query, options.docId)}`);
        await res.arrayBuffer();
        if (!res.ok) throw new Error(`${query.q}: ${res.status}`);
      };
      for (const query of options.queries) await ask(query);
      const traced: QueryCalls[] = [];
      for (const query of options.queries) {
        proxy.calls.length = 0;
        proxy.setRecording(true);
        await ask(query);
        proxy.setRecording(false);
        traced.push({ query, calls: [...proxy.calls] });
      }
      return traced;
    } finally {
      await api.stop();
    }
  } finally {
    proxy.server.closeAllConnections();
    await new Promise<void>((resolve) => proxy.server.close(() => resolve()));
  }
}
