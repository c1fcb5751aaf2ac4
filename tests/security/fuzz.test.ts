// Bad input: a few thousand random and hostile requests (fast-check, fixed seed) against one real server.
// Every answer is 200 or 4xx, every 4xx of the API is the error shape whose message never carries markup from the
// input, highlights escape everything but <mark>, HTML pages never echo the input, no response carries an engine
// key, and the request log stays under LOG_LIMITS.bytesPerRequest per request (URLs reach 10 KB here).
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchKey } from '../../engine/keys.ts';
import { LOG_LIMITS } from '../../shared/limits.ts';
import { seedPrefix } from '../helpers/engine.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { captureLogger, isErrorShape, timedFetch, type SearchBody, type Timed } from '../reliability/helpers.ts';

const SEED = 20_240_817;
// Requests sent concurrently per property run (one keep-alive pool, so ~this many sockets).
const BATCH = 8;

let server: TestServer;
let secrets: string[];
const log = captureLogger();
const stats = { requests: 0, byStatus: new Map<number, number>(), hitsChecked: 0 };

beforeAll(async () => {
  // Inputs, not load, are under test here (tests/reliability/overload.test.ts covers shedding): a gate roomy
  // enough that a busy CI machine never turns a fuzz batch into 503 overloaded.
  // Reads only (no admin route is fuzzed with a token): the run's seed index.
  server = await startTestServer({
    prefix: seedPrefix(),
    logger: log.logger,
    engineLimits: { concurrency: 8, queue: 64, queueWaitMs: 30_000, heavyConcurrency: 2, heavyQueue: 64 },
  });
  secrets = [server.engine.adminKey, await searchKey(server.engine)];
  expect(secrets.every((s) => s.length >= 16)).toBe(true);
});

afterAll(async () => {
  await server?.close();
});

// ---- inputs ---------------------------------------------------------------------------------------------

const HOSTILE = [
  '" OR id EXISTS',
  ')',
  '\\',
  'Jiangxi" OR "1"="1',
  'region=Jiangxi" OR "1"="1',
  "' OR 1=1 --",
  'docId EXISTS OR docId NOT EXISTS',
  '_geoRadius(0, 0, 1)',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(1)>',
  '</mark><script>alert(1)</script><mark>',
  '<mark>x</mark>',
  '&lt;b&gt;&amp;',
  '\u0000\u0001\u001b[31m',
  '\u202e\u200b\ufeff',
  '${7*7}{{7*7}}',
  '__proto__',
  '../../etc/passwd',
  '*',
  '"',
  '""',
  '"外商投资',
];
const REAL = ['外商投资', 'tax', 'negative list', '准入', '江西', 'Jiangxi', 'national', '2023', 'negative-list', 'waishang'];
const cjk = fc.integer({ min: 0x4e00, max: 0x9fff }).map((c) => String.fromCodePoint(c));

const text = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE) },
  { weight: 4, arbitrary: fc.tuple(fc.constantFrom(...REAL), fc.constantFrom(...HOSTILE), fc.boolean()).map(([r, h, first]) => (first ? h + r : r + h)) },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: cjk, minLength: 1, maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 250 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary-ascii', minLength: 180, maxLength: 220 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1000, maxLength: 10_000 }) },
);

const NAMES = [
  'q',
  'lang',
  'limit',
  'offset',
  'doc',
  'region',
  'level',
  'year',
  'term',
  'category',
  'locale',
  'page',
  'q[]',
  'q[a]',
  '__proto__',
  'constructor',
  'filter',
  '',
];
const value = fc.oneof(
  { weight: 3, arbitrary: text },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      'en',
      'zh',
      'auto',
      '0',
      '-1',
      '+1',
      '1e3',
      '1.5',
      '100',
      '101',
      '1000',
      '1001',
      '99999999999999999999',
      'NaN',
      ' 1',
      'jiangxi',
      'national',
      '2023',
      'negative-list',
      'market-access',
      'jiangxi-2023-fdi-manufacturing',
    ),
  },
);
// Names may repeat: `doc=a&doc=b` is legal, `q=a&q=b` is not.
const params = fc.array(fc.tuple(fc.constantFrom(...NAMES), value), { maxLength: 6 });

const encode = (pairs: [string, string][]) => pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');

// Raw query text, including percent-encodings that are not UTF-8 (lone surrogate, overlong, truncated).
const RAW = [
  '%',
  '%Z',
  '%ZZ',
  '%C3%28',
  '%ED%A0%80',
  '%FF',
  '%E4%B8',
  '%C0%AF',
  '%00',
  '%0A',
  '%25',
  '+',
  '&',
  '=',
  'q',
  'q=',
  'limit=',
  'region=',
  '[]',
  '%5B%5D',
  '%3Cscript%3E',
  'a',
  ';',
  '%E5%A4%96',
];
const rawQuery = fc.array(fc.constantFrom(...RAW), { minLength: 1, maxLength: 12 }).map((pieces) => pieces.join(''));

const ENDPOINTS = [
  '/api/search',
  '/api/glossary',
  '/api/documents',
  '/api/health',
  '/api/openapi.json',
  '/api/documents/jiangxi-2023-fdi-manufacturing',
  '/api/glossary/negative-list',
  '/',
];
const PATH_PREFIXES = ['/api/documents/', '/api/clauses/', '/api/glossary/', '/api/', '/documents/', '/glossary/', '/', '/assets/'];
const segment = fc.oneof(
  text.map((s) => encodeURIComponent(s)),
  rawQuery,
  fc.constantFrom('..', '%2e%2e', '%2F', '.', ''),
);

// ---- checks ---------------------------------------------------------------------------------------------

const isJson = (res: Timed) => (res.headers.get('content-type') ?? '').startsWith('application/json');

function check(path: string, res: Timed): void {
  stats.requests += 1;
  stats.byStatus.set(res.status, (stats.byStatus.get(res.status) ?? 0) + 1);
  const where = `${res.status} ${path.slice(0, 300)}`;
  expect(res.status === 200 || (res.status >= 400 && res.status < 500), where).toBe(true);
  expect(res.headers.get('x-content-type-options'), where).toBe('nosniff');
  for (const secret of secrets) {
    expect(res.text.includes(secret), where).toBe(false);
    for (const [, v] of res.headers) expect(v.includes(secret), where).toBe(false);
  }
  if (res.status === 404 && !path.startsWith('/api') && !isJson(res)) {
    // A page path naming nothing: the page itself with status 404 (its not-found view), which quotes nothing back.
    expect(res.headers.get('content-type'), where).toMatch(/^text\/html/);
    expect(res.text, where).toContain('/assets/app.js?v=');
    expect(res.text, where).not.toMatch(/<script>alert|<svg|<img|<mark|on(error|load)\s*=|\{\{7\*7\}\}/i);
  } else if (res.status >= 400) {
    expect(isJson(res), where).toBe(true);
    expect(isErrorShape(res.body), where).toBe(true);
    // Input is echoed (parameter names, unknown values) only with markup neutralized.
    expect((res.body as { error: { message: string } }).error.message, where).not.toContain('<');
  } else if (!isJson(res)) {
    // Only the web page's shell and assets are not JSON; none of the injected markup may come back in them.
    expect(res.text, where).not.toMatch(/<script>alert|<svg|<img|<mark|on(error|load)\s*=|\{\{7\*7\}\}/i);
  }
  if (res.status === 200 && path.startsWith('/api/search?')) {
    for (const hit of (res.body as SearchBody).hits) {
      stats.hitsChecked += 1;
      expect(hit.highlight.replaceAll('<mark>', '').replaceAll('</mark>', ''), where).not.toContain('<');
    }
  }
}

async function sendAll(paths: string[]): Promise<void> {
  const results = await Promise.all(paths.map(async (p) => [p, await timedFetch(server.url + p)] as const));
  for (const [p, res] of results) check(p, res);
}

describe('fuzzed requests', () => {
  it('search: random and hostile parameters', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(params, { minLength: BATCH, maxLength: BATCH }), (batch) => sendAll(batch.map((pairs) => `/api/search?${encode(pairs)}`))),
      { seed: SEED, numRuns: 120 },
    );
  });

  it('search: hostile text in q only, so most requests reach the engine and highlight', async () => {
    const q = fc.tuple(text, fc.constantFrom('auto', 'zh', 'en'));
    await fc.assert(
      fc.asyncProperty(fc.array(q, { minLength: BATCH, maxLength: BATCH }), (batch) =>
        sendAll(
          batch.map(
            ([s, lang]) =>
              `/api/search?${encode([
                ['q', s],
                ['lang', lang],
                ['limit', '20'],
              ])}`,
          ),
        ),
      ),
      { seed: SEED + 1, numRuns: 60 },
    );
    // Highlights were really exercised.
    expect(stats.hitsChecked).toBeGreaterThan(200);
  });

  it('every endpoint: raw query strings with invalid percent-encoding', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.constantFrom(...ENDPOINTS), rawQuery), { minLength: BATCH, maxLength: BATCH }), (batch) =>
        sendAll(batch.map(([endpoint, raw]) => `${endpoint}?${raw}`)),
      ),
      { seed: SEED + 2, numRuns: 40 },
    );
  });

  it('every endpoint: random parameters of the other routes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.constantFrom(...ENDPOINTS), params), { minLength: BATCH, maxLength: BATCH }), (batch) =>
        sendAll(batch.map(([endpoint, pairs]) => `${endpoint}?${encode(pairs)}`)),
      ),
      { seed: SEED + 3, numRuns: 30 },
    );
  });

  it('paths: hostile ids and segments', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.constantFrom(...PATH_PREFIXES), segment), { minLength: BATCH, maxLength: BATCH }), (batch) =>
        sendAll(batch.map(([prefix, seg]) => prefix + seg)),
      ),
      { seed: SEED + 4, numRuns: 30 },
    );
  });

  it('covered both answers and rejections', () => {
    expect(stats.requests).toBeGreaterThanOrEqual(2000);
    expect(stats.byStatus.get(200) ?? 0).toBeGreaterThan(300);
    expect(stats.byStatus.get(400) ?? 0).toBeGreaterThan(300);
    expect(stats.byStatus.get(404) ?? 0).toBeGreaterThan(10);
  });

  it('kept the request log bounded: one line per request, each under the stated size', () => {
    const lines = log.text().split('\n').filter(Boolean);
    // Express's request lines, and those of requests the HTTP parser rejected (431 for the longest URLs).
    const requestLines = lines.filter((l) => l.includes('"latencyMs"') || l.includes('"parserError"'));
    // pino-http writes the line when the response has finished; every fuzz request has been answered.
    expect(requestLines.length).toBeGreaterThanOrEqual(stats.requests);
    const longest = Math.max(...lines.map((l) => Buffer.byteLength(l)));
    expect(longest).toBeLessThan(LOG_LIMITS.bytesPerRequest);
    expect(Buffer.byteLength(log.text()) / stats.requests).toBeLessThan(LOG_LIMITS.bytesPerRequest);
  });
});
