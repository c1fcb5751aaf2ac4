import express from 'express';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { t } from '../../../server/i18n/index.ts';
import { ApiError } from '../../../server/http/errors.ts';
import { assertWellFormedQuery, int, multi, oneOf, parseQuery, scalar } from '../../../server/http/validate.ts';
import { buildApp, getError, serve, type Served } from './harness.ts';

const searchQuery = z.object({
  q: scalar('q', { maxLength: 200 }),
  lang: oneOf('lang', ['en', 'zh', 'auto']).optional(),
  page: int('page', { min: 1, max: 50 }).default(1),
  type: multi('type', { maxLength: 10, maxValues: 3 }).optional(),
});

let served: Served;

beforeAll(async () => {
  const api = express.Router();
  api.get('/search', (req, res) => {
    res.json(parseQuery(searchQuery, req));
  });
  api.get('/documents/:id', (req, res) => {
    res.json({ id: req.params.id });
  });
  served = await serve(buildApp(api));
});

afterAll(() => served.close());

const search = (query: string, init?: RequestInit) => getError(`${served.base}/api/search?${query}`, init);

describe('parseQuery over HTTP', () => {
  it('returns typed values for a valid query', async () => {
    const res = await fetch(`${served.base}/api/search?q=${encodeURIComponent('外商投资')}&lang=zh&page=3&type=law&type=rule`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ q: '外商投资', lang: 'zh', page: 3, type: ['law', 'rule'] });
  });

  it('applies defaults and wraps a single multi value in an array', async () => {
    const res = await fetch(`${served.base}/api/search?q=x&type=law`);
    expect(await res.json()).toEqual({ q: 'x', page: 1, type: ['law'] });
  });

  it('counts characters, not UTF-16 units: 200 astral CJK characters are accepted, 201 are not', async () => {
    const ok = await fetch(`${served.base}/api/search?q=${encodeURIComponent('𠀀'.repeat(200))}`);
    expect(ok.status).toBe(200);
    const tooLong = await search(`q=${encodeURIComponent('𠀀'.repeat(201))}`);
    expect(tooLong.status).toBe(400);
  });

  it('rejects a too long q with a Chinese message when lang=zh', async () => {
    const { status, body, contentType } = await search(`q=${'a'.repeat(201)}&lang=zh`);
    expect(status).toBe(400);
    expect(contentType).toBe('application/json; charset=utf-8');
    expect(body.error.code).toBe('invalid_parameter');
    expect(body.error.message).toBe(t('zh', 'errors.param.too_long', { param: 'q', max: 200 }));
    expect(body.error.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('rejects a repeated scalar, localized from Accept-Language zh-CN', async () => {
    const { status, body } = await search('q=a&q=b', { headers: { 'Accept-Language': 'zh-CN,zh;q=0.9,en;q=0.5' } });
    expect(status).toBe(400);
    expect(body.error).toEqual({ code: 'invalid_parameter', message: t('zh', 'errors.param.repeated', { param: 'q' }) });
  });

  it('lets ?locale=en override Accept-Language for an out-of-range integer', async () => {
    const { status, body } = await search('q=a&page=51&locale=en', { headers: { 'Accept-Language': 'zh-TW' } });
    expect(status).toBe(400);
    expect(body.error.message).toBe(t('en', 'errors.param.out_of_range', { param: 'page', min: 1, max: 50 }));
  });

  it.each(['0', '1.5', '1e1', '', 'abc', ' 2'])('rejects page=%j', async (page) => {
    const { status, body } = await search(`q=a&page=${encodeURIComponent(page)}`);
    expect(status).toBe(400);
    expect(body.error.code).toBe('invalid_parameter');
    expect(body.error.message).toContain('page');
  });

  it('rejects a value outside an enum and lists the allowed ones', async () => {
    const { status, body } = await search('q=a&lang=fr', { headers: { 'Accept-Language': 'zh-Hans' } });
    expect(status).toBe(400);
    expect(body.error.message).toBe(t('zh', 'errors.param.not_one_of', { param: 'lang', values: 'en, zh, auto' }));
  });

  it('rejects a missing required parameter', async () => {
    const { status, body } = await search('page=2');
    expect(status).toBe(400);
    expect(body.error.message).toBe(t('en', 'errors.param.required', { param: 'q' }));
  });

  it('rejects too many and too long multi values', async () => {
    const many = await search('q=a&type=a&type=b&type=c&type=d');
    expect(many.body.error.message).toBe(t('en', 'errors.param.too_many', { param: 'type', max: 3 }));
    const long = await search(`q=a&type=${'x'.repeat(11)}`);
    expect(long.body.error.message).toBe(t('en', 'errors.param.too_long', { param: 'type', max: 10 }));
  });

  it('rejects unknown parameters but accepts locale', async () => {
    const { status, body } = await search('q=a&sort=date');
    expect(status).toBe(400);
    expect(body.error.message).toBe(t('en', 'errors.param.unknown', { param: 'sort', allowed: 'q, lang, page, type, locale' }));
    const withLocale = await fetch(`${served.base}/api/search?q=a&locale=zh`);
    expect(withLocale.status).toBe(200);
    expect(await withLocale.json()).toEqual({ q: 'a', page: 1 });
  });

  it.each(['q=%E4%B8%AD%ZZ', 'q=%C3%28', 'q=100%', 'q=%ED%A0%80', 'q=a&%ZZ=1'])(
    'answers 400 invalid_parameter for malformed percent-encoding %s',
    async (query) => {
      const { status, body } = await search(query);
      expect(status).toBe(400);
      expect(body.error.code).toBe('invalid_parameter');
    },
  );

  it('answers 400 for malformed percent-encoding in a path parameter', async () => {
    const { status, body } = await getError(`${served.base}/api/documents/%E4%ZZ?locale=zh`);
    expect(status).toBe(400);
    expect(body.error).toEqual({ code: 'invalid_parameter', message: t('zh', 'errors.bad_encoding') });
  });

  it('never answers 5xx whatever bytes are percent-encoded into q', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 12 }), async (bytes) => {
        const encoded = [...bytes].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
        const res = await fetch(`${served.base}/api/search?q=${encoded}`);
        await res.body?.cancel();
        expect(res.status).toBeLessThan(500);
        // Valid UTF-8 passes, anything else is rejected.
        const valid = (() => {
          try {
            new TextDecoder('utf-8', { fatal: true }).decode(bytes);
            return true;
          } catch {
            return false;
          }
        })();
        expect(res.status).toBe(valid ? 200 : 400);
      }),
      { numRuns: 60 },
    );
  });
});

describe('assertWellFormedQuery', () => {
  it('accepts any well-formed encoded string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme' }), (k, v) => {
        expect(() => assertWellFormedQuery(`/x?${encodeURIComponent(k)}=${encodeURIComponent(v)}&b=+`)).not.toThrow();
      }),
    );
  });

  it('names the offending parameter', () => {
    let caught: unknown;
    try {
      assertWellFormedQuery('/x?ok=1&bad=%E4%B8');
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ApiError);
    expect((caught as ApiError).params).toMatchObject({ param: 'bad' });
    expect((caught as ApiError).key).toBe('errors.param.bad_encoding');
  });
});

describe('parseQuery with plain zod schemas', () => {
  const req = (query: Record<string, unknown>) => ({ query, originalUrl: '/x' });
  const plain = z.object({ s: z.string().max(3), e: z.enum(['a', 'b']).optional() });

  it.each([
    [{ s: 'abcd' }, 'too_long'],
    [{ s: ['a', 'b'] }, 'repeated'],
    [{}, 'required'],
    [{ s: 'a', e: 'c' }, 'not_one_of'],
  ])('maps native zod issues for %j to %s', (query, reason) => {
    expect(() => parseQuery(plain, req(query))).toThrow(expect.objectContaining({ code: 'invalid_parameter', key: `errors.param.${reason}` }));
  });

  it('does not reject unknown keys for schemas that accept extra keys', () => {
    const loose = z.looseObject({ s: z.string() });
    expect(parseQuery(loose, req({ s: 'a', other: 'b' }))).toEqual({ s: 'a', other: 'b' });
  });
});
