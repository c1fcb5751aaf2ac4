import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t } from '../../../server/i18n/index.ts';
import { ApiError, echo, ERROR_STATUS, toApiError } from '../../../server/http/errors.ts';
import { jsonBody } from '../../../server/http/security.ts';
import { buildApp, getError, serve, type Served } from './harness.ts';

const SECRET = 'masterKey=hunter2 at /srv/secret/path.ts:42';

let served: Served;

beforeAll(async () => {
  const api = express.Router();
  api.get('/boom', () => {
    throw new Error(SECRET);
  });
  api.get('/async-boom', async () => {
    await Promise.resolve();
    throw new TypeError(SECRET);
  });
  api.get('/engine', () => {
    throw ApiError.unavailable('engine_unavailable', new Error(SECRET));
  });
  api.get('/missing-doc', () => {
    throw ApiError.notFound('document');
  });
  api.post('/echo', jsonBody(), (req, res) => {
    res.json({ received: req.body as unknown });
  });
  served = await serve(buildApp(api));
});

afterAll(() => served.close());

describe('error responses', () => {
  it('answers unknown /api routes with a 404 in the error shape', async () => {
    const { status, body, contentType } = await getError(`${served.base}/api/nope?locale=zh`);
    expect(status).toBe(404);
    expect(contentType).toBe('application/json; charset=utf-8');
    expect(body).toEqual({ error: { code: 'not_found', message: t('zh', 'errors.not_found.route') } });
  });

  it.each(['/api/boom', '/api/async-boom'])('turns an unexpected error in %s into a generic 500', async (path) => {
    const res = await fetch(`${served.base}${path}`, { headers: { 'Accept-Language': 'zh' } });
    const text = await res.text();
    expect(res.status).toBe(500);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(JSON.parse(text)).toEqual({ error: { code: 'internal_error', message: t('zh', 'errors.internal_error') } });
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('secret');
    expect(text).not.toMatch(/at .*\.ts/);
  });

  it('maps ApiError.unavailable to 503 without leaking its cause', async () => {
    const { status, body } = await getError(`${served.base}/api/engine`);
    expect(status).toBe(503);
    expect(body.error).toEqual({ code: 'engine_unavailable', message: t('en', 'errors.engine_unavailable') });
  });

  it('maps ApiError.notFound(what) to a specific 404 message', async () => {
    const { status, body } = await getError(`${served.base}/api/missing-doc?lang=zh`);
    expect(status).toBe(404);
    expect(body.error.message).toBe(t('zh', 'errors.not_found.document'));
  });

  it('accepts a JSON body within the limit', async () => {
    const res = await fetch(`${served.base}/api/echo`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ q: '外商' }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ received: { q: '外商' } });
  });

  it('answers 413 payload_too_large for a body over 16 kb, localized', async () => {
    const { status, body } = await getError(`${served.base}/api/echo`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Accept-Language': 'zh-CN' },
      body: JSON.stringify({ q: 'x'.repeat(17 * 1024) }),
    });
    expect(status).toBe(413);
    expect(body.error).toEqual({ code: 'payload_too_large', message: t('zh', 'errors.payload_too_large') });
  });

  it('answers 400 invalid_json for malformed JSON', async () => {
    const { status, body } = await getError(`${served.base}/api/echo`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"q": ',
    });
    expect(status).toBe(400);
    expect(body.error).toEqual({ code: 'invalid_json', message: t('en', 'errors.invalid_json') });
  });
});

describe('toApiError', () => {
  it('keeps ApiErrors and their status table', () => {
    const e = ApiError.badParam('q', 'too_long', { max: 200 });
    expect(toApiError(e)).toBe(e);
    expect(e.status).toBe(ERROR_STATUS.invalid_parameter);
    expect(e.message).toBe(t('en', 'errors.param.too_long', { param: 'q', max: 200 }));
  });

  it('maps URIError to invalid_parameter and unknown values to internal_error', () => {
    expect(toApiError(new URIError('URI malformed')).code).toBe('invalid_parameter');
    expect(toApiError('a string').code).toBe('internal_error');
    expect(toApiError(null).status).toBe(500);
  });

  it('keeps the status of exposed client http errors and hides server ones', () => {
    const clientErr = Object.assign(new Error('Method Not Allowed'), { status: 405, expose: true });
    expect(toApiError(clientErr)).toMatchObject({ status: 405, code: 'bad_request' });
    const serverErr = Object.assign(new Error('boom'), { status: 502, expose: false });
    expect(toApiError(serverErr)).toMatchObject({ status: 500, code: 'internal_error' });
  });

  it('truncates very long client-supplied parameter names', () => {
    const e = ApiError.badParam('p'.repeat(500), 'unknown', { allowed: 'q' });
    expect(String(e.params.param).length).toBeLessThan(80);
  });
});

describe('echo', () => {
  it('shortens client text and neutralizes markup, quotes and invisible characters', () => {
    expect(echo('Jiangxi', 40)).toBe('Jiangxi');
    expect(echo('<script>alert("x")</script>', 40)).toBe('\uFFFDscript\uFFFDalert(\uFFFDx\uFFFD)\uFFFD/script\uFFFD');
    expect(echo('a\u202eb\u0000c', 40)).toBe('a\uFFFDb\uFFFDc');
    expect(echo('外'.repeat(50), 40)).toBe(`${'外'.repeat(40)}…`);
  });

  it('is applied to the parameter names and values that error messages quote', () => {
    const e = ApiError.badParam('<img src=x>', 'unknown_value', { value: '<script>alert(1)</script>' });
    expect(e.message).not.toMatch(/[<>]/);
    for (const locale of ['en', 'zh'] as const) expect(t(locale, e.key, e.params)).not.toMatch(/[<>]/);
  });
});
