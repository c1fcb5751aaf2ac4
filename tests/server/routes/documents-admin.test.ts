// POST /api/admin/documents and DELETE /api/admin/documents/:id over HTTP against the real engine, on a copy of the
// seed corpus. Every refused upload answers its error in the contract's shape (en and zh messages), and the live
// index (its content hash, its documents) and the corpus folder stay exactly as they were; an accepted one is in the
// next index, and a delete takes it out again.
import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t, type MessageKey } from '../../../server/i18n/index.ts';
import { IMPORT_LIMITS } from '../../../shared/limits.ts';
import { nationalDocx } from '../../fixtures/import/national.ts';
import { contractOf, getJson, startTestServer, type TestServer } from '../../helpers/server.ts';

const TOKEN = 'documents-admin-test-token-0123456789';
const AUTH = { Authorization: `Bearer ${TOKEN}` };
const ENDPOINT = '/api/admin/documents';

const KEPT = ['jiangxi-2023-fdi-manufacturing', 'national-2022-fdi-manufacturing'];

let server: TestServer;
let dir: string;
let corpus: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'documents-admin-'));
  corpus = path.join(dir, 'corpus');
  // The two documents the assertions name (an id already taken, the national measures the .docx upload must equal):
  // each build here (start, forced reindex, upload, delete) indexes two documents, not the five of the seed corpus.
  for (const id of KEPT) await cp(path.join('corpus', id), path.join(corpus, id), { recursive: true });
  server = await startTestServer({ corpus, config: { adminToken: TOKEN } });
});
afterAll(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

/** What is live: the index's content hash and its documents, and what the corpus folder holds. */
async function live() {
  const health = await getJson(server.url, '/api/health');
  const documents = await getJson(server.url, '/api/documents');
  return { index: health.body.details.index.contentHash as string, documents: documents.body, folders: (await readdir(corpus)).sort() };
}

async function send(method: 'POST' | 'DELETE', url: string, body?: FormData | string, headers: Record<string, string> = {}) {
  const res = await fetch(new URL(url, server.url), { method, ...(body === undefined ? {} : { body }), headers });
  const json: any = await res.json();
  const problems = (await contractOf(server.url)).check(method.toLowerCase(), new URL(url, server.url).pathname, res.status, json);
  expect(problems, `${method} ${url} ${res.status}: ${JSON.stringify(json).slice(0, 200)}`).toBeNull();
  return { status: res.status, body: json };
}

function form(bytes: Uint8Array, fields: Record<string, string> = {}, name = 'upload.bin'): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.append(k, v);
  data.append('file', new Blob([new Uint8Array(bytes)]), name);
  return data;
}

const fixture = (name: string) => readFile(path.join('tests/fixtures/import', name));

describe('POST /api/admin/documents refuses, and nothing indexed changes', () => {
  const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');
  const cases: { what: string; request: () => Promise<[FormData | string, Record<string, string>]>; status: number; code: string; key: MessageKey }[] = [
    {
      what: 'an image named .pdf',
      request: async () => [form(png, {}, 'scan.pdf'), AUTH],
      status: 415,
      code: 'unsupported_media_type',
      key: 'errors.document.unknown_type',
    },
    {
      what: 'an encrypted PDF',
      request: async () => [form(await fixture('encrypted.pdf')), AUTH],
      status: 422,
      code: 'invalid_document',
      key: 'errors.invalid_document.encrypted_pdf',
    },
    {
      what: 'an image-only PDF',
      request: async () => [form(await fixture('image-only.pdf')), AUTH],
      status: 422,
      code: 'invalid_document',
      key: 'errors.invalid_document.image_only_pdf',
    },
    {
      what: 'a file without text',
      request: async () => [form(Buffer.from('\n \n')), AUTH],
      status: 422,
      code: 'invalid_document',
      key: 'errors.invalid_document.empty_text',
    },
    {
      what: 'an id already in the corpus',
      request: async () => [
        form(iconv.encode(await readFile('corpus/fangchenggang-2021-fdi-work-plan/source.txt', 'utf8'), 'gbk'), { id: 'jiangxi-2023-fdi-manufacturing' }),
        AUTH,
      ],
      status: 409,
      code: 'conflict',
      key: 'errors.document.duplicate_id',
    },
    {
      what: 'an id that is not a slug',
      request: async () => [form(await nationalDocx(), { id: 'Not A Slug' }), AUTH],
      status: 400,
      code: 'bad_request',
      key: 'errors.document.invalid_id',
    },
    {
      what: 'an unknown form field',
      request: async () => [form(await nationalDocx(), { title: 'x' }), AUTH],
      status: 400,
      code: 'bad_request',
      key: 'errors.document.bad_field',
    },
    {
      what: 'a file one byte over the limit',
      request: async () => [form(Buffer.alloc(IMPORT_LIMITS.fileBytes + 1, 0x41)), AUTH],
      status: 413,
      code: 'payload_too_large',
      key: 'errors.document.too_large',
    },
    {
      what: 'a JSON body',
      request: async () => ['{"file":"x"}', { ...AUTH, 'Content-Type': 'application/json' }],
      status: 415,
      code: 'unsupported_media_type',
      key: 'errors.document.not_multipart',
    },
    {
      what: 'a form without a file',
      request: async () => {
        const data = new FormData();
        data.append('id', 'no-file');
        return [data, AUTH];
      },
      status: 400,
      code: 'bad_request',
      key: 'errors.document.missing_file',
    },
    { what: 'no admin token', request: async () => [form(await nationalDocx()), {}], status: 401, code: 'unauthorized', key: 'errors.unauthorized' },
  ];

  for (const c of cases) {
    it(c.what, async () => {
      const before = await live();
      const [body, headers] = await c.request();
      // Half the cases ask for Chinese: both catalogues carry every message.
      const locale = cases.indexOf(c) % 2 === 0 ? 'en' : 'zh';
      const { status, body: answer } = await send('POST', `${ENDPOINT}?locale=${locale}`, body, headers);
      expect(status).toBe(c.status);
      expect(answer.error.code).toBe(c.code);
      expect(answer.error.message).toBe(t(locale, c.key, { max: IMPORT_LIMITS.fileBytes / (1024 * 1024) }));
      expect(await live()).toEqual(before);
    });
  }
});

describe('an upload while a build runs', () => {
  it('is refused with 409 before the corpus is touched', async () => {
    const before = await live();
    const reindex = fetch(new URL('/api/admin/reindex', server.url), {
      method: 'POST',
      body: '{"force":true}',
      headers: { ...AUTH, 'Content-Type': 'application/json' },
    });
    let settled = false;
    void reindex.finally(() => (settled = true));
    // Until the forced build is seen running (it takes seconds; the health check answers in milliseconds).
    while (!(await getJson(server.url, '/api/health')).body.details.build.running) expect(settled).toBe(false);
    const { status, body } = await send('POST', ENDPOINT, form(await nationalDocx(), { id: 'uploaded-while-busy' }), AUTH);
    expect(status).toBe(409);
    expect(body.error.message).toBe(t('en', 'errors.conflict.reindex_running'));
    expect((await reindex).status).toBe(200);
    const after = await live();
    expect(after.folders).toEqual(before.folders);
    expect(after.documents).toEqual(before.documents);
  });
});

describe('an accepted upload is indexed, and a delete takes it out', () => {
  it('adds the national measures as .docx under a new id, then deletes it', async () => {
    const before = await live();
    const added = await send('POST', ENDPOINT, form(await nationalDocx(), { id: 'national-docx-upload' }, 'measures.txt'), AUTH);
    expect(added.status).toBe(200);
    expect(added.body).toMatchObject({
      id: 'national-docx-upload',
      format: 'docx',
      meta: { docNumber: '发改外资〔2022〕1586号', date: '2022-10-25', level: 'national', region: { zh: '中国', en: 'China' } },
      index: { status: 'indexed', documents: before.documents.documents.length + 1 },
    });
    expect(added.body.inferred).toEqual(expect.arrayContaining(['title.zh', 'title.en', 'docNumber', 'date']));
    expect((await readdir(path.join(corpus, 'national-docx-upload'))).sort()).toEqual(['meta.yaml', 'original.docx', 'source.txt']);
    const doc = await getJson(server.url, '/api/documents/national-docx-upload');
    const seed = await getJson(server.url, '/api/documents/national-2022-fdi-manufacturing');
    expect(doc.status).toBe(200);
    expect(doc.body.clauses.map((c: { path: unknown; text: string }) => [c.path, c.text])).toEqual(
      seed.body.clauses.map((c: { path: unknown; text: string }) => [c.path, c.text]),
    );
    expect((await live()).index).not.toBe(before.index);

    const unauthorized = await send('DELETE', `${ENDPOINT}/national-docx-upload`);
    expect(unauthorized.status).toBe(401);
    const deleted = await send('DELETE', `${ENDPOINT}/national-docx-upload`, undefined, AUTH);
    expect(deleted.status).toBe(200);
    expect(deleted.body).toMatchObject({ id: 'national-docx-upload', index: { documents: before.documents.documents.length } });
    expect((await getJson(server.url, '/api/documents/national-docx-upload')).status).toBe(404);
    const after = await live();
    expect(after.folders).toEqual(before.folders);
    expect(after.documents).toEqual(before.documents);

    const again = await send('DELETE', `${ENDPOINT}/national-docx-upload?locale=zh`, undefined, AUTH);
    expect(again.status).toBe(404);
    expect(again.body.error.message).toBe(t('zh', 'errors.not_found.corpus_document'));
  });
});

describe('a change the index cannot be built with', () => {
  it('is undone: deleting the only document answers 409 and leaves it in the corpus and the index', async () => {
    const single = path.join(dir, 'single');
    await cp('corpus/fangchenggang-2021-fdi-work-plan', path.join(single, 'fangchenggang-2021-fdi-work-plan'), { recursive: true });
    const own = await startTestServer({ corpus: single, config: { adminToken: TOKEN } });
    try {
      const state = async () => ({
        index: (await getJson(own.url, '/api/health')).body.details.index.contentHash,
        documents: (await getJson(own.url, '/api/documents')).body,
        folders: await readdir(single),
      });
      const before = await state();
      const res = await fetch(new URL(`${ENDPOINT}/fangchenggang-2021-fdi-work-plan`, own.url), { method: 'DELETE', headers: AUTH });
      const body: any = await res.json();
      expect((await contractOf(own.url)).check('delete', `${ENDPOINT}/fangchenggang-2021-fdi-work-plan`, res.status, body)).toBeNull();
      expect(res.status).toBe(409);
      expect(body.error.message).toBe(t('en', 'errors.conflict.build_failed'));
      expect(await state()).toEqual(before);
      expect(before.documents.documents).toHaveLength(1);
    } finally {
      await own.close();
    }
  });
});
