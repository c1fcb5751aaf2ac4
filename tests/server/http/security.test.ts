import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { t } from '../../../server/i18n/index.ts';
import { requireAdmin } from '../../../server/http/security.ts';
import { buildApp, getError, serve, type Served } from './harness.ts';

const ADMIN_TOKEN = 'test-admin-token-0123456789';

function api(adminToken?: string): express.Router {
  const router = express.Router();
  router.get('/ping', (_req, res) => {
    res.json({ ok: true });
  });
  router.post('/admin/reindex', requireAdmin({ adminToken }), (_req, res) => {
    res.json({ started: true });
  });
  return router;
}

const opened: Served[] = [];
async function start(router: express.Router, config: Parameters<typeof buildApp>[1] = {}): Promise<string> {
  const served = await serve(buildApp(router, config));
  opened.push(served);
  return served.base;
}

afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
});

describe('security headers', () => {
  it('sets helmet headers with a same-origin CSP allowing data: images', async () => {
    const base = await start(api());
    const res = await fetch(`${base}/api/ping`);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("img-src 'self' data:");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    // The same policy as frame-ancestors 'none' (SAMEORIGIN contradicted it).
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  it('sets the headers on error responses too', async () => {
    const base = await start(api());
    const res = await fetch(`${base}/api/unknown`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
  });
});

describe('CORS', () => {
  const origin = 'https://policy.example.org';

  it('is off by default', async () => {
    const base = await start(api());
    const res = await fetch(`${base}/api/ping`, { headers: { Origin: origin } });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('allows exactly the configured origins', async () => {
    const base = await start(api(), { corsOrigins: [origin] });
    const allowed = await fetch(`${base}/api/ping`, { headers: { Origin: origin } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe(origin);
    const other = await fetch(`${base}/api/ping`, { headers: { Origin: 'https://evil.example.com' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await fetch(`${base}/api/ping`, {
      method: 'OPTIONS',
      headers: { Origin: origin, 'Access-Control-Request-Method': 'GET' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-methods')).toContain('GET');
  });
});

describe('rate limiting', () => {
  it('answers 429 in the localized error shape with RateLimit headers once the limit is reached', async () => {
    const base = await start(api(), { rateLimitPerMinute: 3 });
    for (let i = 0; i < 3; i++) {
      const res = await fetch(`${base}/api/ping`);
      expect(res.status).toBe(200);
      expect(res.headers.get('ratelimit')).toMatch(/r=\d+/);
    }
    const limited = await fetch(`${base}/api/ping?locale=zh`);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited.headers.get('ratelimit-policy')).toContain('3');
    expect(await limited.json()).toEqual({ error: { code: 'rate_limited', message: t('zh', 'errors.rate_limited') } });
  });

  it('is off when the limit is 0', async () => {
    const base = await start(api(), { rateLimitPerMinute: 0 });
    const statuses = await Promise.all(Array.from({ length: 20 }, () => fetch(`${base}/api/ping`).then((r) => r.status)));
    expect(statuses.every((s) => s === 200)).toBe(true);
    const res = await fetch(`${base}/api/ping`);
    expect(res.headers.get('ratelimit')).toBeNull();
  });
});

describe('requireAdmin', () => {
  const reindex = (base: string, authorization?: string) =>
    fetch(`${base}/api/admin/reindex`, {
      method: 'POST',
      headers: authorization === undefined ? {} : { Authorization: authorization },
    });

  it('hides admin routes (404) when ADMIN_TOKEN is unset, even with a token', async () => {
    const base = await start(api(undefined));
    const res = await reindex(base, `Bearer ${ADMIN_TOKEN}`);
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_found');
  });

  it('requires the token: missing → 401 with WWW-Authenticate', async () => {
    const base = await start(api(ADMIN_TOKEN));
    const res = await reindex(base);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(await res.json()).toEqual({ error: { code: 'unauthorized', message: t('en', 'errors.unauthorized') } });
  });

  it.each([`Bearer ${ADMIN_TOKEN}x`, `Bearer ${ADMIN_TOKEN.slice(0, -1)}`, ADMIN_TOKEN, `Basic ${ADMIN_TOKEN}`, 'Bearer '])(
    'rejects a wrong credential %j with 401',
    async (authorization) => {
      const base = await start(api(ADMIN_TOKEN));
      const { status, body } = await getError(`${base}/api/admin/reindex`, {
        method: 'POST',
        headers: { Authorization: authorization, 'Accept-Language': 'zh' },
      });
      expect(status).toBe(401);
      expect(body.error).toEqual({ code: 'unauthorized', message: t('zh', 'errors.unauthorized') });
    },
  );

  it('lets the right token through (scheme is case-insensitive)', async () => {
    const base = await start(api(ADMIN_TOKEN));
    for (const scheme of ['Bearer', 'bearer']) {
      const res = await reindex(base, `${scheme} ${ADMIN_TOKEN}`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ started: true });
    }
  });
});
