// The OpenAPI document is generated from the operation registry and the contract's zod schemas. These checks call
// every operation of a real server (real engine, the seed corpus) with good and bad inputs and validate every
// answer with ajv against the document the server serves (tests/helpers/server.ts getJson), hold the generated
// parameters to what the routes accept, and prove that the validator rejects what does not fit.
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATEGORIES, CLAUSE_KINDS, LEVELS, STATUSES } from '../../shared/types.ts';
import { ERROR_CODES, ERROR_STATUS } from '../../shared/contract/errors.ts';
import { t, type MessageKey, type MessageParams } from '../../server/i18n/index.ts';
import { OPERATIONS } from '../../server/operations/index.ts';
import { seedPrefix } from '../helpers/engine.ts';
import { contractOf, getJson, startTestServer, type Contract, type TestServer } from '../helpers/server.ts';

const ADMIN_TOKEN = 'openapi-test-admin-token-0123456789';

let server: TestServer;
let writer: TestServer;
let contract: Contract;
let dir: string;

beforeAll(async () => {
  // Reads on the run's seed index; the admin operations (reindex, upload, delete) on a writable copy of one seed
  // document, its own build: one small build instead of the whole corpus.
  dir = await mkdtemp(path.join(tmpdir(), 'openapi-corpus-'));
  const id = 'jilin-2023-fdi-environment-draft';
  await cp(path.join('corpus', id), path.join(dir, 'corpus', id), { recursive: true });
  [server, writer] = await Promise.all([
    startTestServer({ prefix: seedPrefix() }),
    startTestServer({ corpus: path.join(dir, 'corpus'), config: { adminToken: ADMIN_TOKEN } }),
  ]);
  contract = await contractOf(server.url);
});
afterAll(async () => {
  await Promise.all([server?.close(), writer?.close()]);
  await rm(dir, { recursive: true, force: true });
});

// Which operations answered which kind of status, to show at the end that every one was called both ways.
const seen = new Map<string, Set<'ok' | 'error'>>();
function record(method: string, path: string, status: number) {
  const op = contract.operation(method, new URL(path, server.url).pathname);
  if (!op) return;
  const id = (contract.document.paths[op.path]![method] as { operationId: string }).operationId;
  seen.set(id, (seen.get(id) ?? new Set()).add(status < 400 ? 'ok' : 'error'));
}

/**
 * GET through the validating helper: a response outside the document throws. A download (`format=csv`, `tbx`)
 * must have a media type the document lists for the operation's 200.
 */
async function get(path: string, headers?: Record<string, string>) {
  const url = new URL(path, server.url);
  if (/[?&]format=(?!json)/.test(url.search)) {
    const res = await fetch(url, { headers });
    const type = (res.headers.get('content-type') ?? '').split(';')[0]!;
    const ok = contract.operation('get', url.pathname)?.responses['200'] as { content?: Record<string, unknown> } | undefined;
    if (res.status === 200) expect(Object.keys(ok?.content ?? {}), path).toContain(type);
    record('get', path, res.status);
    return { status: res.status, body: type.endsWith('json') ? await res.json() : await res.text() };
  }
  const res = await getJson(server.url, path, headers);
  record('get', path, res.status);
  return res;
}

async function post(path: string, body: string, headers: Record<string, string> = {}) {
  const res = await fetch(new URL(path, writer.url), { method: 'POST', body, headers: { 'Content-Type': 'application/json', ...headers } });
  const json: unknown = await res.json();
  expect(contract.check('post', path, res.status, json), `POST ${path} ${res.status}`).toBeNull();
  record('post', path, res.status);
  return { status: res.status, body: json as any };
}

/** An admin request with the token, any body (a FormData sets its own multipart Content-Type), checked against the document. */
async function send(method: 'POST' | 'DELETE', path: string, body?: FormData | string, headers: Record<string, string> = {}) {
  const res = await fetch(new URL(path, writer.url), {
    method,
    ...(body === undefined ? {} : { body }),
    headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, ...headers },
  });
  const json: unknown = await res.json();
  expect(contract.check(method.toLowerCase(), path, res.status, json), `${method} ${path} ${res.status}`).toBeNull();
  record(method.toLowerCase(), path, res.status);
  return { status: res.status, body: json as any };
}

const message = (key: MessageKey, params: MessageParams) => t('en', key, params);

async function expectRejected(path: string, param: string, reason: string, params: MessageParams = {}) {
  const { status, body } = await get(path);
  expect(status, path).toBe(400);
  expect(body.error.code).toBe('invalid_parameter');
  expect(body.error.message, path).toBe(message(`errors.param.${reason}` as MessageKey, { ...params, param }));
}

async function expectAccepted(path: string) {
  const { status, body } = await get(path);
  expect(status, `${path}: ${JSON.stringify(body).slice(0, 200)}`).toBe(200);
}

const query = (entries: [string, string][]) => new URLSearchParams(entries).toString();

interface Param {
  name: string;
  in: string;
  style?: string;
  explode?: boolean;
  required?: boolean;
  schema: {
    type?: string;
    enum?: string[];
    minimum?: number;
    maximum?: number;
    maxLength?: number;
    maxItems?: number;
    items?: { enum?: string[]; maxLength?: number };
  };
}
const paramsOf = (path: string, method = 'get'): Param[] =>
  ((contract.document.paths[path]![method]!.parameters ?? []) as (Param | { $ref: string })[]).filter((p): p is Param => !('$ref' in p));

/** A concrete URL for an operation's path, with real ids. */
const SAMPLE_IDS: Record<string, string> = {
  '/api/documents/{id}': '/api/documents/national-2022-fdi-manufacturing',
  '/api/clauses/{id}': '/api/clauses/national-2022-fdi-manufacturing--p1',
  '/api/glossary/{id}': '/api/glossary/negative-list',
  '/api/glossary/{id}/concordance': '/api/glossary/national-treatment/concordance',
  '/api/clauses/{id}/related': '/api/clauses/jiangxi-2023-fdi-manufacturing--p2-i12/related',
  '/api/documents/{id}/implementation': '/api/documents/jiangxi-2023-fdi-manufacturing/implementation',
};
const sample = (path: string) => SAMPLE_IDS[path] ?? path;
/** Values for the required query parameters (ids), so that the other parameters of an operation can be probed alone. */
const REQUIRED: Record<string, string> = {
  a: 'national-2022-fdi-manufacturing--p2-i10',
  b: 'jiangxi-2023-fdi-manufacturing--p2-i12',
  of: 'national-2022-fdi-manufacturing',
  q: '国民待遇',
};
/** Required parameters that name something: a valid value naming nothing is a 404. */
const ID_PARAMS = new Set(['a', 'b', 'of']);

describe('the generated document', () => {
  it('is OpenAPI 3.1 and has every operation of the registry, and no other but itself', () => {
    expect(contract.document.openapi).toMatch(/^3\.1\.\d+$/);
    const served = Object.entries(contract.document.paths).flatMap(([path, item]) =>
      Object.entries(item).map(([method, op]) => `${method} ${path} ${op.operationId}`),
    );
    const registered = OPERATIONS.map((op) => `${op.method} ${op.path} ${op.id}`);
    expect(served.sort()).toEqual([...registered, 'get /api/openapi.json getOpenApi'].sort());
  });

  it('resolves every $ref', () => {
    const refs: string[] = [];
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (typeof node === 'object' && node !== null)
        for (const [k, v] of Object.entries(node)) {
          if (k === '$ref' && typeof v === 'string') refs.push(v);
          else walk(v);
        }
    };
    walk(contract.document);
    expect(refs.length).toBeGreaterThan(50);
    for (const ref of new Set(refs)) {
      const target = ref
        .slice(2)
        .split('/')
        .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key.replaceAll('~1', '/').replaceAll('~0', '~')], contract.document);
      expect(target, ref).toBeTypeOf('object');
    }
  });

  it('uses the shared enums and the error codes of the contract', () => {
    const schemas = contract.document.components.schemas as Record<string, { enum?: unknown[]; properties?: any }>;
    expect(schemas.Level?.enum).toEqual([...LEVELS]);
    expect(schemas.Status?.enum).toEqual([...STATUSES]);
    expect(schemas.ClauseKind?.enum).toEqual([...CLAUSE_KINDS]);
    expect(schemas.Category?.enum).toEqual([...CATEGORIES]);
    expect(schemas.Error?.properties.error.properties.code.enum).toEqual(ERROR_CODES);
    expect(paramsOf('/api/search').find((p) => p.name === 'level')?.schema.items?.enum).toEqual([...LEVELS]);
    expect(paramsOf('/api/glossary').find((p) => p.name === 'category')?.schema.enum).toEqual([...CATEGORIES]);
  });

  it('lists each error response under the status of its codes', () => {
    for (const [path, item] of Object.entries(contract.document.paths)) {
      for (const [method, op] of Object.entries(item)) {
        if (path === '/api/openapi.json') continue;
        for (const [status, res] of Object.entries(op.responses)) {
          if (status === '200') continue;
          const codes = (res as any).content['application/json'].schema.allOf[1].properties.error.properties.code.enum as (keyof typeof ERROR_STATUS)[];
          expect(codes.length, `${method} ${path} ${status}`).toBeGreaterThan(0);
          for (const code of codes) expect(String(ERROR_STATUS[code]), `${method} ${path} ${code}`).toBe(status);
        }
        expect(Object.keys(op.responses), `${method} ${path}`).toEqual(expect.arrayContaining(['200', '429', '500']));
      }
    }
  });
});

describe('every operation, called with good inputs, answers as documented', () => {
  it('health', async () => {
    const { status, body } = await get('/api/health');
    expect(status).toBe(200);
    expect(body.status).toBe('ok');
  });

  it('search: Chinese, English, pinyin, filters, browsing', async () => {
    const zh = await get(`/api/search?${query([['q', '负面清单']])}`);
    expect(zh.status).toBe(200);
    expect(zh.body.hits.length).toBeGreaterThan(0);
    expect(zh.body.expansions.map((e: { entryId: string }) => e.entryId)).toContain('negative-list');
    for (const q of [
      [
        ['q', 'negative list'],
        ['lang', 'en'],
        ['limit', '5'],
      ],
      [['q', 'fumian qingdan']],
      [
        ['q', '"负面清单"'],
        ['level', 'provincial'],
        ['level', 'national'],
      ],
      [
        ['category', 'market-access'],
        ['offset', '3'],
      ],
      [
        ['q', '1586号'],
        ['locale', 'zh'],
      ],
      [
        ['term', 'negative-list'],
        ['year', '2022'],
      ],
    ] as [string, string][][]) {
      const { status, body } = await get(`/api/search?${query(q)}`);
      expect(status, query(q)).toBe(200);
      expect(body.hits.length, query(q)).toBeGreaterThan(0);
    }
  });

  it('documents, a document, a clause', async () => {
    const list = await get('/api/documents');
    expect(list.status).toBe(200);
    const id = list.body.documents[0].id as string;
    const doc = await get(`/api/documents/${id}`);
    expect(doc.status).toBe(200);
    expect(doc.body.clauses.length).toBeGreaterThan(0);
    const clause = await get(`/api/clauses/${doc.body.clauses[1].id}`);
    expect(clause.status).toBe(200);
    expect(clause.body.document.id).toBe(id);
    for (const path of [
      sample('/api/clauses/{id}/related'),
      `/api/compare?a=${REQUIRED.a}&b=${REQUIRED.b}`,
      `${sample('/api/documents/{id}/implementation')}?of=${REQUIRED.of}`,
    ]) {
      expect((await get(path)).status, path).toBe(200);
    }
  });

  it('the glossary, looked up, filtered, paged, and an entry with its concordance', async () => {
    for (const q of ['', 'q=负面清单', 'q=negativ%20list', 'category=tax&limit=2&offset=1']) {
      const { status, body } = await get(`/api/glossary?${q}`);
      expect(status, q).toBe(200);
      expect(body.entries.length, q).toBeGreaterThan(0);
    }
    const entry = await get('/api/glossary/negative-list');
    expect(entry.status).toBe(200);
    expect(entry.body.concordance.length).toBeGreaterThan(0);
    for (const path of [
      '/api/glossary/national-treatment/concordance?sort=left',
      '/api/concordance?q=national%20treatment',
      '/api/glossary/export?category=tax',
    ]) {
      const { status, body } = await get(path);
      expect(status, path).toBe(200);
      expect(body.total, path).toBeGreaterThan(0);
    }
    expect((await get('/api/glossary/export?format=tbx')).body).toContain('<conceptEntry');
  });

  it('admin reindex with the token', async () => {
    const { status, body } = await post('/api/admin/reindex', '{}', { Authorization: `Bearer ${ADMIN_TOKEN}` });
    expect(status).toBe(200);
    expect(body.status).toBe('unchanged');
  });

  it('admin documents with the token: a multipart upload, then its delete', async () => {
    const upload = new FormData();
    upload.append('id', 'openapi-upload');
    upload.append('file', new Blob(['关于促进外资的若干措施\n一、优化投资环境。做好外资准入负面清单落实工作。\n']), 'upload.txt');
    const added = await send('POST', '/api/admin/documents', upload);
    expect(added.status).toBe(200);
    expect(added.body).toMatchObject({ id: 'openapi-upload', format: 'text', index: { status: 'indexed' } });
    const deleted = await send('DELETE', '/api/admin/documents/openapi-upload');
    expect(deleted.status).toBe(200);
  });
});

describe('every operation, called with bad inputs, answers in the documented error shape', () => {
  it('unknown ids are 404s', async () => {
    for (const path of [
      '/api/documents/no-such-document',
      '/api/documents/not%20a%20slug',
      '/api/clauses/no-such--p1',
      '/api/glossary/no-such-entry',
      '/api/glossary/no-such-entry/concordance',
      '/api/clauses/no-such--p1/related',
      '/api/compare?a=no-such--p1&b=jiangxi-2023-fdi-manufacturing--p2-i12',
      '/api/documents/no-such-document/implementation?of=national-2022-fdi-manufacturing',
    ]) {
      const { status, body } = await get(path);
      expect(status, path).toBe(404);
      expect(body.error.code).toBe('not_found');
    }
  });

  it('an unknown filter value, bad percent-encoding and a localized message are 400s', async () => {
    await expectRejected('/api/search?region=Atlantis', 'region', 'unknown_value', { value: 'Atlantis' });
    await expectRejected('/api/search?q=%E8%B4', 'q', 'bad_encoding');
    const zh = await get('/api/search?order=x&locale=zh');
    expect(zh.status).toBe(400);
    expect(zh.body.error.message).toMatch(/^未知参数/);
  });

  it('admin reindex: no token, a bad body, not JSON', async () => {
    expect((await post('/api/admin/reindex', '{}')).status).toBe(401);
    const bad = await post('/api/admin/reindex', '{"force":"yes"}', { Authorization: `Bearer ${ADMIN_TOKEN}` });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('bad_request');
    const form = await post('/api/admin/reindex', 'force=true', {
      Authorization: `Bearer ${ADMIN_TOKEN}`,
      'Content-Type': 'application/x-www-form-urlencoded',
    });
    expect(form.status).toBe(415);
  });

  it('admin documents: a body that is not multipart, an unknown id', async () => {
    expect((await send('POST', '/api/admin/documents', '{}', { 'Content-Type': 'application/json' })).status).toBe(415);
    expect((await send('DELETE', '/api/admin/documents/no-such-document')).status).toBe(404);
  });

  it('documents its multipart request body', () => {
    const body = (contract.document.paths['/api/admin/documents']!.post as any).requestBody;
    expect(Object.keys(body.content)).toEqual(['multipart/form-data']);
    const schema = contract.document.components.schemas.AddDocumentRequest as any;
    expect(schema.properties.file).toMatchObject({ type: 'string', format: 'binary' });
    expect(schema.required).toEqual(['file']);
  });

  it('each operation with parameters declares exactly those its route accepts', async () => {
    for (const op of OPERATIONS.filter((o) => o.method === 'get' && o.query)) {
      const { status, body } = await get(`${sample(op.path)}?not_a_parameter=1`);
      expect(status, op.id).toBe(400);
      const allowed = /Allowed parameters: (.*)\.$/.exec(body.error.message)?.[1]?.split(', ');
      const declared = paramsOf(op.path)
        .filter((p) => p.in === 'query')
        .map((p) => p.name);
      expect(allowed?.sort(), op.id).toEqual([...declared, 'locale'].sort());
    }
  });

  it('ranges, lengths, enums and repetition are enforced as documented', async () => {
    for (const op of OPERATIONS.filter((o) => o.method === 'get' && o.query)) {
      const base = sample(op.path);
      const params = paramsOf(op.path).filter((q) => q.in === 'query');
      for (const p of params) {
        // The operation's other required parameters get real values, so each failure is the probed parameter's.
        const others = params.filter((o) => o.required && o.name !== p.name).map((o): [string, string] => [o.name, REQUIRED[o.name]!]);
        const url = (entries: [string, string][]) => `${base}?${query([...entries, ...others])}`;
        const s = p.schema;
        if (s.type === 'array') {
          expect(p.style === 'form' && p.explode === true, p.name).toBe(true);
          if (s.items?.enum) await expectAccepted(url(s.items.enum.slice(0, 2).map((v) => [p.name, v])));
          await expectRejected(url(Array.from({ length: s.maxItems! + 1 }, (_, i) => [p.name, `v${i}`])), p.name, 'too_many', { max: s.maxItems! });
          if (s.items?.maxLength !== undefined)
            await expectRejected(url([[p.name, 'x'.repeat(s.items.maxLength + 1)]]), p.name, 'too_long', { max: s.items.maxLength });
          continue;
        }
        await expectRejected(
          url([
            [p.name, '1'],
            [p.name, '1'],
          ]),
          p.name,
          'repeated',
        );
        if (s.type === 'integer') {
          await expectAccepted(url([[p.name, String(s.minimum)]]));
          await expectAccepted(url([[p.name, String(s.maximum)]]));
          await expectRejected(url([[p.name, String(s.maximum! + 1)]]), p.name, 'out_of_range', { min: s.minimum!, max: s.maximum! });
          await expectRejected(url([[p.name, String(s.minimum! - 1)]]), p.name, 'out_of_range', { min: s.minimum!, max: s.maximum! });
          await expectRejected(url([[p.name, '1.5']]), p.name, 'not_integer');
        } else if (s.enum) {
          for (const v of s.enum) await expectAccepted(url([[p.name, v]]));
          await expectRejected(url([[p.name, 'not-a-value']]), p.name, 'not_one_of', { values: s.enum.join(', ') });
        } else {
          // Lengths are in characters: an astral character (two UTF-16 units) counts once. An id that long is
          // valid input naming nothing: 404, not 400.
          if (ID_PARAMS.has(p.name)) expect((await get(url([[p.name, '𠀀'.repeat(s.maxLength!)]]))).status).toBe(404);
          else await expectAccepted(url([[p.name, '𠀀'.repeat(s.maxLength!)]]));
          await expectRejected(url([[p.name, 'x'.repeat(s.maxLength! + 1)]]), p.name, 'too_long', { max: s.maxLength! });
        }
      }
    }
  });

  it('health takes no input: unknown parameters are ignored', async () => {
    expect((await get('/api/health?anything=1')).status).toBe(200);
  });

  it('called every operation with good inputs, and every one that takes input with bad ones', () => {
    for (const op of OPERATIONS) {
      const takesInput = op.params !== undefined || op.query !== undefined || op.body !== undefined || op.upload !== undefined;
      expect([...(seen.get(op.id) ?? [])].sort(), op.id).toEqual(takesInput ? ['error', 'ok'] : ['ok']);
    }
  });
});

describe('the validator', () => {
  it('rejects a response missing a required field, an undocumented field, a code of another status and an undocumented status', async () => {
    const { body } = await get('/api/documents/national-2022-fdi-manufacturing');
    const path = '/api/documents/national-2022-fdi-manufacturing';
    expect(contract.check('get', path, 200, body)).toBeNull();

    const { title: _title, ...untitled } = body.document;
    expect(contract.check('get', path, 200, { ...body, document: untitled })).toMatch(/must have required property 'title'/);
    const { text: _text, ...textless } = body.clauses[0];
    expect(contract.check('get', path, 200, { ...body, clauses: [textless] })).toMatch(/must have required property 'text'/);
    expect(contract.check('get', path, 200, { ...body, extra: 1 })).toMatch(/must NOT have additional properties/);
    expect(contract.check('get', path, 200, { ...body, document: { ...body.document, level: 'county' } })).toMatch(
      /must be equal to one of the allowed values/,
    );
    expect(contract.check('get', path, 404, { error: { code: 'overloaded', message: 'x' } })).toMatch(/allowed values/);
    expect(contract.check('get', path, 418, { error: { code: 'not_found', message: 'x' } })).toMatch(/status 418 is not documented/);
    expect(contract.check('get', '/api/search', 200, { query: '' })).toMatch(/required property 'hits'/);
  });
});
