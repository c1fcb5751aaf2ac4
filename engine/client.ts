// The one Meilisearch client factory of the project, and the one reading of its failures.
//
// Requests go through node:http with a keep-alive agent instead of the global fetch: on a reused
// connection, fetch (undici) and Meilisearch's HTTP server fall into a Nagle / delayed-ACK stall of
// ~40 ms on most requests (measured: 6 ms per search with node:http, 50 ms with fetch).
import { AsyncLocalStorage } from 'node:async_hooks';
import http from 'node:http';
import https from 'node:https';
import { Meilisearch, MeilisearchApiError, MeilisearchError, MeilisearchRequestError } from 'meilisearch';
import { MeilisearchRequestTimeOutError, MeilisearchTaskTimeOutError } from 'meilisearch';
import { z } from 'zod';

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

/** An engine request cancelled by the signal given to withAbortSignal (its API client went away). */
export class EngineRequestAbortedError extends Error {
  override name = 'EngineRequestAbortedError';
}

function send(url: URL, init: RequestInit): Promise<{ status: number; statusText: string; text: string }> {
  const own = requestSignal.getStore();
  const signal = own && init.signal ? AbortSignal.any([init.signal, own]) : (own ?? init.signal ?? undefined);
  // The client's own timeout aborts init.signal with a marker it recognises, so that reason is passed on as is.
  const reason = () => (own?.aborted ? new EngineRequestAbortedError('request aborted', { cause: own.reason }) : signal?.reason);
  const headers = Object.fromEntries(new Headers(init.headers).entries());
  const body = typeof init.body === 'string' ? init.body : undefined;
  if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
  const transport = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    // With `signal`, node destroys the socket on abort (also when aborted already) and the request fails.
    const options = { method: init.method ?? 'GET', headers, agent: agents[url.protocol as 'http:' | 'https:'], ...(signal ? { signal } : {}) };
    const req = transport.request(url, options, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, statusText: res.statusMessage ?? '', text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', (error) => reject(signal?.aborted ? reason() : error));
    });
    req.on('error', (error) => reject(signal?.aborted ? reason() : error));
    req.end(body);
  });
}

// Meilisearch's error body. An answer that is not JSON (a proxy's error page) fails to parse: the engine is unavailable.
const ErrorBody = z.object({ message: z.string(), code: z.string(), type: z.string(), link: z.string() });

async function httpClient(input: Parameters<typeof fetch>[0], init: RequestInit = {}): Promise<unknown> {
  const res = await send(new URL(input instanceof Request ? input.url : String(input)), init);
  const body: unknown = res.text === '' ? undefined : JSON.parse(res.text);
  if (res.status < 400) return body;
  throw new MeilisearchApiError(new Response(res.text, { status: res.status, statusText: res.statusText }), ErrorBody.safeParse(body).data);
}

/** A client whose every request times out, so an unreachable engine fails fast; '' means an engine without keys. */
export function meiliClient(host: string, apiKey: string, timeoutMs = 5000): Meilisearch {
  return new Meilisearch({
    host,
    ...(apiKey === '' ? {} : { apiKey }),
    timeout: timeoutMs,
    httpClient,
    defaultWaitOptions: { timeout: 600_000, interval: 100 },
  });
}

/**
 * One kind per failure, each with the one error class that describes it: the engine answered with an error (api),
 * did not answer in time (timeout), the API request it served went away (aborted), or it is out of reach: refused,
 * reset, unresolvable, unreadable answer (unavailable).
 */
export type EngineFailure =
  | { kind: 'api'; status: number; code: string | undefined; error: MeilisearchApiError }
  | { kind: 'timeout'; error: MeilisearchRequestTimeOutError | MeilisearchTaskTimeOutError }
  | { kind: 'aborted'; error: EngineRequestAbortedError }
  | { kind: 'unavailable'; error: MeilisearchError };

/** Classifies an error thrown by a meiliClient call; undefined when it did not come from the engine client. */
export function engineFailure(error: unknown): EngineFailure | undefined {
  if (!(error instanceof MeilisearchError)) return undefined;
  // The client wraps whatever its transport throws in a MeilisearchRequestError: the wrapped error tells what failed.
  const inner = error instanceof MeilisearchRequestError ? error.cause : error;
  if (inner instanceof MeilisearchApiError) return { kind: 'api', status: inner.response.status, code: inner.cause?.code, error: inner };
  if (inner instanceof MeilisearchRequestTimeOutError || inner instanceof MeilisearchTaskTimeOutError) return { kind: 'timeout', error: inner };
  if (inner instanceof EngineRequestAbortedError) return { kind: 'aborted', error: inner };
  return { kind: 'unavailable', error };
}

/** The engine's error code (`index_not_found`, ...) of a failed call. */
export function meiliErrorCode(error: unknown): string | undefined {
  const failure = engineFailure(error);
  return failure?.kind === 'api' ? failure.code : undefined;
}

/** Whether the error came from the engine client at all (any kind of failure). */
export function isEngineError(error: unknown): boolean {
  return engineFailure(error) !== undefined;
}

export type ProbeResult = { status: 'ok' } | { status: 'unreachable' | 'rejected'; reason: string };

/**
 * Whether the engine at `url` answers and `masterKey` may manage keys there (only the master key may list them);
 * with an empty key, whether it serves unauthenticated requests.
 */
export async function probeEngine(url: string, masterKey: string, timeoutMs: number): Promise<ProbeResult> {
  const client = meiliClient(url, masterKey, timeoutMs);
  try {
    await (masterKey === '' ? client.getVersion() : client.getKeys({ limit: 1 }));
    return { status: 'ok' };
  } catch (error) {
    const failure = engineFailure(error);
    if (failure?.kind === 'api') return { status: 'rejected', reason: failure.error.message };
    const cause = failure?.error.cause instanceof Error ? `: ${failure.error.cause.message}` : '';
    return { status: 'unreachable', reason: `${error instanceof Error ? error.message : String(error)}${cause}` };
  }
}
