// The Meilisearch client every part of the project uses.
//
// Requests go through node:http with a keep-alive agent instead of the global fetch: on a reused
// connection, fetch (undici) and Meilisearch's HTTP server fall into a Nagle / delayed-ACK stall of
// ~40 ms on most requests (measured: 6 ms per search with node:http, 50 ms with fetch).
import { AsyncLocalStorage } from 'node:async_hooks';
import http from 'node:http';
import https from 'node:https';
import { Meilisearch, MeilisearchApiError, MeilisearchError } from 'meilisearch';

const agents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 256 }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 256 }),
};

// The abort signal of the API request being served, if any: engine calls made while serving it are cancelled when
// its client goes away. Carried by async context so that search code needs no signal parameter threaded through.
const requestSignal = new AsyncLocalStorage<AbortSignal>();

/** Runs `work` so that every engine request it makes is aborted (socket destroyed) once `signal` aborts. */
export function withAbortSignal<T>(signal: AbortSignal, work: () => Promise<T>): Promise<T> {
  return requestSignal.run(signal, work);
}

/** Runs `work` outside any request's signal: for engine work shared by several requests, which none may cancel. */
export function detachedFromRequest<T>(work: () => Promise<T>): Promise<T> {
  return requestSignal.exit(work);
}

function send(url: URL, init: RequestInit): Promise<{ status: number; statusText: string; text: string }> {
  const own = requestSignal.getStore();
  const signal = own && init.signal ? AbortSignal.any([init.signal, own]) : (own ?? init.signal ?? undefined);
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const transport = url.protocol === 'https:' ? https : http;
    const headers = Object.fromEntries(new Headers(init.headers).entries());
    const body = typeof init.body === 'string' ? init.body : undefined;
    if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
    const onAbort = () => {
      req.destroy();
      reject(signal?.reason);
    };
    const req = transport.request(url, { method: init.method ?? 'GET', headers, agent: agents[url.protocol as 'http:' | 'https:'] }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        signal?.removeEventListener('abort', onAbort);
        resolve({ status: res.statusCode ?? 0, statusText: res.statusMessage ?? '', text: Buffer.concat(chunks).toString('utf8') });
      });
      res.on('error', reject);
    });
    signal?.addEventListener('abort', onAbort, { once: true });
    req.on('error', (error) => {
      signal?.removeEventListener('abort', onAbort);
      reject(signal?.aborted ? signal.reason : error);
    });
    req.end(body);
  });
}

async function httpClient(input: Parameters<typeof fetch>[0], init: RequestInit = {}): Promise<unknown> {
  const url = new URL(input instanceof Request ? input.url : String(input));
  const res = await send(url, init);
  const body: unknown = res.text === '' ? undefined : JSON.parse(res.text);
  if (res.status >= 400) {
    throw new MeilisearchApiError(new Response(res.text, { status: res.status, statusText: res.statusText }), body as never);
  }
  return body;
}

/** A client whose every request times out, so an unreachable engine fails fast instead of hanging. */
export function meiliClient(host: string, apiKey: string, timeoutMs = 5000): Meilisearch {
  return new Meilisearch({ host, apiKey, timeout: timeoutMs, httpClient, defaultWaitOptions: { timeout: 600_000, interval: 100 } });
}

/**
 * The engine's error code (`index_not_found`, ...) of a failed call. The client wraps errors raised by
 * a custom transport, so the API error may sit one `cause` deeper.
 */
export function meiliErrorCode(error: unknown): string | undefined {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    if (e instanceof MeilisearchApiError) return e.cause?.code;
  }
  return undefined;
}

export function isEngineError(error: unknown): boolean {
  return error instanceof MeilisearchError;
}
