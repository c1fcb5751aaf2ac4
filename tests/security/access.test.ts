// Access: the master key stays inside the server process, searches run with a search-only key, admin
// reindexing needs ADMIN_TOKEN, and the HTTP hardening (headers, body limit, rate limit, CORS) holds on the
// real server.
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { MeilisearchApiError } from 'meilisearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { meiliClient, meiliErrorCode } from '../../engine/client.ts';
import type { EngineHandle } from '../../engine/connect.ts';
import { SEARCH_KEY_UID, searchKey } from '../../engine/keys.ts';
import { HTTP_LIMITS, LOG_LIMITS } from '../../shared/limits.ts';
import type { RunningServer } from '../../server/server.ts';
import { dropFilePrefixes, sharedEngine, testPrefix } from '../helpers/engine.ts';
import { captureLogger, eventually, isErrorShape, searchUrl, startLoggedServer, timedFetch, type SearchBody, type Timed } from '../reliability/helpers.ts';

const ADMIN_TOKEN = 'admin-token-for-tests-0123456789';
const ALLOWED_ORIGIN = 'https://policy.example.org';
const RATE_LIMIT = 5;

let engine: EngineHandle;
// Writes (admin reindex): indexes of its own on the shared engine, one prefix for its three servers, over a copy of
// two seed documents (the ones its requests name): each build indexes two documents, not five.
const PREFIX = testPrefix('access');
const KEPT = ['jiangxi-2023-fdi-manufacturing', 'national-2022-fdi-manufacturing'];
let work: string;
let corpus: string;
let server: RunningServer;
// No ADMIN_TOKEN, a small rate limit and one CORS origin.
let variant: RunningServer;
// ADMIN_TOKEN and a small general rate limit; short socket timeouts.
let guarded: RunningServer;
const log = captureLogger();

beforeAll(async () => {
  engine = await sharedEngine(log.logger);
  work = await mkdtemp(path.join(os.tmpdir(), 'access-'));
  corpus = path.join(work, 'corpus');
  for (const id of KEPT) await cp(path.join('corpus', id), path.join(corpus, id), { recursive: true });
  server = await startLoggedServer({ engine, corpus, prefix: PREFIX, logger: log.logger, config: { adminToken: ADMIN_TOKEN } });
  variant = await startLoggedServer({
    engine,
    corpus,
    prefix: PREFIX,
    logger: log.logger,
    config: { adminToken: undefined, rateLimitPerMinute: RATE_LIMIT, corsOrigins: [ALLOWED_ORIGIN] },
  });
  guarded = await startLoggedServer({
    engine,
    corpus,
    prefix: PREFIX,
    logger: log.logger,
    config: { adminToken: ADMIN_TOKEN, rateLimitPerMinute: RATE_LIMIT },
    socketLimits: { headersTimeoutMs: 300, requestTimeoutMs: 600, connectionsCheckingIntervalMs: 100 },
  });
});

afterAll(async () => {
  await guarded?.close();
  await variant?.close();
  await server?.close();
  await dropFilePrefixes();
  if (work) await rm(work, { recursive: true, force: true });
});

const reindex = (base: string, init: { token?: string; body?: string; type?: string } = {}) =>
  timedFetch(`${base}/api/admin/reindex`, {
    method: 'POST',
    headers: {
      ...(init.token === undefined ? {} : { Authorization: `Bearer ${init.token}` }),
      ...(init.body === undefined ? {} : { 'Content-Type': init.type ?? 'application/json' }),
    },
    ...(init.body === undefined ? {} : { body: init.body }),
  });

/** HTTP status of the engine's refusal; the client may wrap the API error one `cause` deep. */
function apiStatus(error: unknown): number | undefined {
  for (let e: unknown = error; e instanceof Error; e = e.cause) if (e instanceof MeilisearchApiError) return e.response.status;
  return undefined;
}

function expectError(res: Timed, status: number, code: string): void {
  expect(res.status).toBe(status);
  expect(isErrorShape(res.body) && res.body.error.code).toBe(code);
}

describe('engine keys', () => {
  it('searches with a search-only key that cannot write', async () => {
    const used = server.runtime.client.config.apiKey;
    expect(used).toBeTypeOf('string');
    expect(used).not.toBe(engine.adminKey);
    expect(used).toBe(await searchKey(engine));
    const key = await meiliClient(engine.url, engine.adminKey).getKey(SEARCH_KEY_UID);
    expect(key.actions).toEqual(['search']);

    const refusal = async (call: () => Promise<unknown>) => {
      const error = await call().then(
        () => undefined,
        (e: unknown) => e,
      );
      return { code: meiliErrorCode(error), status: apiStatus(error) };
    };
    const forbidden = { code: 'invalid_api_key', status: 403 };
    const { clauses } = server.runtime.names;
    expect(await refusal(() => server.runtime.client.index(clauses).addDocuments([{ id: 'intruder', text: 'x' }]))).toEqual(forbidden);
    expect(await refusal(() => server.runtime.client.deleteIndex(clauses))).toEqual(forbidden);
    expect(await refusal(() => server.runtime.client.getKeys())).toEqual(forbidden);
    // The index is untouched.
    expect((await timedFetch(searchUrl(server.url, 'intruder'))).status).toBe(200);
    expect(
      await meiliClient(engine.url, engine.adminKey)
        .index(clauses)
        .getDocument('intruder')
        .catch((e: unknown) => meiliErrorCode(e)),
    ).toBe('document_not_found');
  });

  it('never sends the master key or the search key to clients, nor logs them', async () => {
    const secrets = [engine.adminKey, await searchKey(engine)];
    const search = await timedFetch(searchUrl(server.url, '外商投资'));
    const clauseId = (search.body as SearchBody).hits[0]!.id;
    const urls = [
      '/',
      '/assets/app.js',
      '/assets/styles.css',
      '/documents/jiangxi-2023-fdi-manufacturing',
      '/api/health',
      '/api/search?q=negative%20list&region=jiangxi',
      '/api/search?q=%22OR',
      '/api/documents',
      '/api/documents/jiangxi-2023-fdi-manufacturing',
      `/api/clauses/${clauseId}`,
      '/api/glossary',
      '/api/glossary/negative-list',
      '/api/openapi.json',
      '/api/nope',
      '/api/search?limit=0',
    ];
    const responses = [search, ...(await Promise.all(urls.map((u) => timedFetch(server.url + u))))];
    responses.push(await reindex(server.url, { token: ADMIN_TOKEN }));
    responses.push(await reindex(server.url, { token: 'wrong-token-0123456789' }));
    expect(responses.filter((r) => r.status === 200).length).toBeGreaterThanOrEqual(13);

    for (const res of responses) {
      const headers = [...res.headers].map(([k, v]) => `${k}: ${v}`).join('\n');
      for (const secret of secrets) {
        expect(res.text.includes(secret)).toBe(false);
        expect(headers.includes(secret)).toBe(false);
      }
    }
    // Captured without redaction: nothing may depend on the production logger's censoring.
    const logs = log.text();
    expect(logs.length).toBeGreaterThan(1000);
    for (const secret of [...secrets, ADMIN_TOKEN]) expect(logs.includes(secret)).toBe(false);
  });
});

describe('admin reindex', () => {
  it('requires the admin token', async () => {
    const missing = await reindex(server.url);
    expectError(missing, 401, 'unauthorized');
    expect(missing.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expectError(await reindex(server.url, { token: `${ADMIN_TOKEN}x` }), 401, 'unauthorized');
  });

  it('does not exist without ADMIN_TOKEN (404), even when a token is sent', async () => {
    expectError(await reindex(variant.url, { token: ADMIN_TOKEN }), 404, 'not_found');
  });

  it('rebuilds with the token, and refuses a second build while one runs (409)', async () => {
    const before = await timedFetch(searchUrl(server.url, 'tax'));
    const [a, b] = await Promise.all([
      reindex(server.url, { token: ADMIN_TOKEN, body: '{"force":true}' }),
      reindex(server.url, { token: ADMIN_TOKEN, body: '{"force":true}' }),
    ]);
    const done = [a, b].find((r) => r.status === 200);
    const refused = [a, b].find((r) => r.status === 409);
    expect(done?.body).toMatchObject({ status: 'indexed', documents: KEPT.length });
    // Every clause of the corpus, as the reader serves them (was: more than 100, of the five seed documents).
    let clauses = 0;
    for (const id of KEPT) clauses += ((await timedFetch(`${server.url}/api/documents/${id}`)).body as { clauses: unknown[] }).clauses.length;
    expect(clauses).toBeGreaterThan(KEPT.length);
    expect((done?.body as { clauses: number }).clauses).toBe(clauses);
    expect((done?.body as { seconds: number }).seconds).toBeGreaterThan(0);
    expect(refused && isErrorShape(refused.body)).toBe(true);

    const unchanged = await reindex(server.url, { token: ADMIN_TOKEN, body: '{}' });
    expect(unchanged.body).toMatchObject({ status: 'unchanged' });
    const after = await timedFetch(searchUrl(server.url, 'tax'));
    expect((after.body as SearchBody).hits.map((h) => h.id)).toEqual((before.body as SearchBody).hits.map((h) => h.id));
  });

  it('validates the body', async () => {
    expectError(await reindex(server.url, { token: ADMIN_TOKEN, body: '{"force":"yes"}' }), 400, 'bad_request');
    expectError(await reindex(server.url, { token: ADMIN_TOKEN, body: '{"force":true,"corpus":"/etc"}' }), 400, 'bad_request');
    expectError(await reindex(server.url, { token: ADMIN_TOKEN, body: '{"force":' }), 400, 'invalid_json');
    expectError(
      await reindex(server.url, { token: ADMIN_TOKEN, body: 'force=true', type: 'application/x-www-form-urlencoded' }),
      415,
      'unsupported_media_type',
    );
    const huge = JSON.stringify({ force: true, padding: 'x'.repeat(20_000) });
    expectError(await reindex(server.url, { token: ADMIN_TOKEN, body: huge }), 413, 'payload_too_large');
  });
});

describe('HTTP hardening', () => {
  it('sends security headers and no X-Powered-By', async () => {
    for (const path of ['/', '/api/search?q=tax']) {
      const res = await timedFetch(server.url + path);
      expect(res.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
      expect(res.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('strict-transport-security')).toBeTruthy();
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('x-powered-by')).toBeNull();
    }
  });

  it('answers URLs beyond 16 KB in the error shape, with a code of their own', async () => {
    expectError(await timedFetch(searchUrl(server.url, 'x'.repeat(20_000))), 431, 'headers_too_large');
  });

  it('forbids framing in both headers alike', async () => {
    const res = await timedFetch(`${server.url}/`);
    expect(res.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
    expect(res.headers.get('x-frame-options')).toBe('DENY');
  });

  it('answers OPTIONS with 204 and the allowed methods, not text/plain', async () => {
    for (const [path, allow] of [
      ['/api/search', 'GET, HEAD, OPTIONS'],
      ['/api/admin/reindex', 'POST, DELETE, OPTIONS'],
      ['/', 'GET, HEAD, OPTIONS'],
    ] as const) {
      const res = await timedFetch(server.url + path, { method: 'OPTIONS' });
      expect(res.status, path).toBe(204);
      expect(res.headers.get('allow'), path).toBe(allow);
      expect(res.headers.get('content-type'), path).toBeNull();
      expect(res.text, path).toBe('');
    }
  });

  it('checks header and request timeouts often enough for them to hold', async () => {
    expect(server.server.headersTimeout).toBe(HTTP_LIMITS.headersTimeoutMs);
    expect(server.server.requestTimeout).toBe(HTTP_LIMITS.requestTimeoutMs);
    // Node's default, 30 s, let the 15 s header timeout fire after ~31 s.
    expect((server.server as { connectionsCheckingInterval?: number }).connectionsCheckingInterval).toBeLessThanOrEqual(1000);
  });

  it('answers a client whose headers never finish with 408 request_timeout, and logs it', async () => {
    const socket = connect(Number(new URL(guarded.url).port), '127.0.0.1');
    let answer = '';
    socket.on('data', (d: Buffer) => (answer += d.toString()));
    socket.write('GET /api/health HTTP/1.1\r\nHost: x\r\nX-Slow: ');
    const closed = new Promise((resolve) => socket.on('close', resolve));
    expect(await eventually(() => answer.includes('\r\n\r\n'), 30_000)).toBe(true);
    await closed;
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toMatchObject({ error: { code: 'request_timeout' } });
    expect(await eventually(() => log.records().some((r) => (r.res as { statusCode?: number } | undefined)?.statusCode === 408), 30_000)).toBe(true);
  });

  it('has CORS off by default', async () => {
    const simple = await timedFetch(searchUrl(server.url, 'tax'), { headers: { Origin: ALLOWED_ORIGIN } });
    expect(simple.status).toBe(200);
    expect(simple.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await timedFetch(`${server.url}/api/search`, {
      method: 'OPTIONS',
      headers: { Origin: ALLOWED_ORIGIN, 'Access-Control-Request-Method': 'GET' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('allows exactly the configured CORS origins, and rate-limits per IP with a 429 in the error shape', async () => {
    const allowed = await timedFetch(`${variant.url}/api/health`, { headers: { Origin: ALLOWED_ORIGIN } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);
    const other = await timedFetch(`${variant.url}/api/health`, { headers: { Origin: 'https://evil.example' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();

    // Earlier tests spent part of this server's budget; what is left is used up here.
    const statuses: number[] = [allowed.status, other.status];
    let limited: Timed | undefined;
    while (!limited && statuses.length <= RATE_LIMIT + 1) {
      const res = await timedFetch(`${variant.url}/api/health`);
      statuses.push(res.status);
      if (res.status === 429) limited = res;
    }
    expect(statuses.slice(0, 2)).toEqual([200, 200]);
    expect(statuses.length).toBeLessThanOrEqual(RATE_LIMIT + 1);
    expect(statuses.slice(0, -1).every((s) => s === 200)).toBe(true);
    expect(limited).toBeDefined();
    expectError(limited!, 429, 'rate_limited');
    expect(limited!.headers.get('ratelimit-policy')).toMatch(new RegExp(`; q=${RATE_LIMIT}; w=60`));
    // The other server's budget is its own: the limit is per server and per IP, not global.
    expect((await timedFetch(`${server.url}/api/health`)).status).toBe(200);
  });

  it('logs every request as one structured line with latency', () => {
    const lines = log.records().filter((r) => r.req !== undefined && r.latencyMs !== undefined);
    expect(lines.length).toBeGreaterThan(30);
    for (const line of lines) {
      const req = line.req as { id?: unknown; method?: unknown; url?: unknown };
      expect(req.id).toBeTypeOf('string');
      expect(req.method).toMatch(/^(GET|POST|OPTIONS)$/);
      expect(req.url).toBeTypeOf('string');
      expect((line.res as { statusCode?: unknown }).statusCode).toBeTypeOf('number');
      expect(line.latencyMs).toBeTypeOf('number');
      expect(line).not.toHaveProperty('req.headers');
    }
  });
});

describe('error messages', () => {
  it('never echo markup from the input', async () => {
    const hostile = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', '\u202e<b>'];
    for (const value of hostile) {
      for (const path of [
        `/api/search?region=${encodeURIComponent(value)}`,
        `/api/search?${encodeURIComponent(value)}=1`,
        `/api/search?term=${encodeURIComponent(value)}`,
      ]) {
        const res = await timedFetch(server.url + path);
        expect(res.status, path).toBe(400);
        const message = (res.body as { error: { message: string } }).error.message;
        expect(message, path).not.toMatch(/[<>"\u202e]/);
        // What is echoed is still recognisable.
        expect(message, path).toMatch(/script|img|b/);
      }
    }
  });
});

describe('admin route guard', () => {
  it('checks the token before reading the body', async () => {
    expectError(await reindex(guarded.url, { token: 'wrong-token-0123456789', body: '{"force":' }), 401, 'unauthorized');
    expectError(await reindex(guarded.url, { body: 'x'.repeat(20_000) }), 401, 'unauthorized');
  });

  it('has a rate limit of its own: searches do not use it up, and token guesses are limited', async () => {
    let searches = 0;
    while ((await timedFetch(`${guarded.url}/api/health`)).status !== 429) expect(++searches).toBeLessThanOrEqual(RATE_LIMIT);
    // General budget spent; the admin route still answers.
    const done = await reindex(guarded.url, { token: ADMIN_TOKEN, body: '{}' });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'unchanged' });
    // Guesses are counted by the admin limit (this test's earlier requests included).
    const statuses: number[] = [];
    while (statuses.at(-1) !== 429 && statuses.length <= HTTP_LIMITS.adminRequestsPerMinute) {
      statuses.push((await reindex(guarded.url, { token: 'wrong-token-0123456789' })).status);
    }
    expect(statuses.at(-1)).toBe(429);
    expect(statuses.slice(0, -1).every((s) => s === 401)).toBe(true);
    expect(statuses.length + 3).toBe(HTTP_LIMITS.adminRequestsPerMinute + 1);
    expectError(await reindex(guarded.url, { token: ADMIN_TOKEN, body: '{}' }), 429, 'rate_limited');
  });
});

describe('request logs', () => {
  const linesFor = (needle: string) =>
    log
      .text()
      .split('\n')
      .filter((l) => l.includes(needle));

  it('log a long URL once per request, cut to a bounded line', async () => {
    const marker = `m${Date.now()}`;
    const res = await timedFetch(`${server.url}/api/search?q=${marker}&region=${'x'.repeat(10_000)}`);
    expect(res.status).toBe(400);
    expect(await eventually(() => linesFor(marker).length > 0, 30_000)).toBe(true);
    const [line, ...more] = linesFor(marker);
    expect(more).toEqual([]);
    expect(Buffer.byteLength(line!)).toBeLessThan(LOG_LIMITS.bytesPerRequest);
    expect(line!.split(marker)).toHaveLength(2);
  });

  it('log requests that the HTTP parser rejects (431, 400)', async () => {
    const marker = `t${Date.now()}`;
    expectError(await timedFetch(`${server.url}/api/search?q=${marker}&pad=${'x'.repeat(20_000)}`), 431, 'headers_too_large');
    expect(await eventually(() => linesFor(marker).length > 0, 30_000)).toBe(true);
    const logged = JSON.parse(linesFor(marker)[0]!) as { level: number; req: { method: string; url: string }; res: { statusCode: number } };
    expect(logged).toMatchObject({ level: 40, req: { method: 'GET' }, res: { statusCode: 431 } });
    expect(Buffer.byteLength(linesFor(marker)[0]!)).toBeLessThan(LOG_LIMITS.bytesPerRequest);

    const socket = connect(Number(new URL(server.url).port), '127.0.0.1');
    let answer = '';
    socket.on('data', (d: Buffer) => (answer += d.toString()));
    const closed = new Promise((resolve) => socket.on('close', resolve));
    socket.write(`NOT HTTP AT ALL ${marker}x\r\n\r\n`);
    await closed;
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(
      await eventually(
        () => log.records().some((r) => (r.res as { statusCode?: number } | undefined)?.statusCode === 400 && r.parserError !== undefined),
        30_000,
      ),
    ).toBe(true);
  });
});
