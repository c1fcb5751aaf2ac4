// server/routes/web.ts: the shell page on every client route, the bundled script and stylesheet.
import http, { type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webRouter } from '../../server/routes/web.ts';

let server: Server;
let base: string;

beforeAll(async () => {
  const app = express();
  app.use(webRouter());
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
});

async function shell(path = '/') {
  const res = await fetch(base + path);
  return { res, html: await res.text() };
}

describe('web router', () => {
  it('serves the shell page on every client route, never cached stale', async () => {
    for (const path of ['/', '/documents/jiangxi-2023-fdi-manufacturing', '/glossary', '/glossary/negative-list', '/glossary/']) {
      const { res, html } = await shell(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(html).toMatch(/<script type="module" src="\/assets\/app\.js\?v=[0-9a-f]{16}"><\/script>/);
      expect(html).toMatch(/<link rel="stylesheet" href="\/assets\/styles\.css\?v=[0-9a-f]{16}">/);
    }
  });

  it('answers other page paths with the page and status 404 (its not-found view), never JSON', async () => {
    for (const path of ['/nope', '/documents/a/b', '/glossary/a/b', '/assets/nope.js', `/${'x'.repeat(300)}`]) {
      const { res, html } = await shell(path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type'), path).toMatch(/^text\/html/);
      expect(html, path).toContain('<script type="module" src="/assets/app.js?v=');
    }
    // Not a page: /api and other methods are left to the handlers after it (the API's JSON 404; here Express's own).
    for (const [path, method] of [
      ['/api/nope', 'GET'],
      ['/nope', 'POST'],
    ] as const) {
      const res = await fetch(base + path, { method });
      expect(res.status, path).toBe(404);
      expect(await res.text(), path).not.toContain('/assets/app.js');
    }
  });

  it('answers a document the index does not have with status 404, and one it may have (no index yet) with 200', async () => {
    const app = express();
    const known: Record<string, boolean | undefined> = { kept: true, gone: false };
    app.use(webRouter({ knowsDocument: (id) => known[id] }));
    const other = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    try {
      const url = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
      const statuses = await Promise.all(['kept', 'gone', 'unknown-yet'].map(async (id) => (await fetch(`${url}/documents/${id}`)).status));
      expect(statuses).toEqual([200, 404, 200]);
    } finally {
      other.closeAllConnections();
      await new Promise<void>((resolve) => other.close(() => resolve()));
    }
  });

  it('has nothing the CSP would block: no inline scripts, styles or style attributes', async () => {
    const { html } = await shell();
    for (const tag of html.match(/<script\b[^>]*>/g) ?? []) expect(tag).toMatch(/\ssrc="/);
    expect(html).not.toMatch(/<style\b/i);
    expect(html).not.toMatch(/\sstyle=/i);
    expect(html).not.toMatch(/\son[a-z]+=/i);
  });

  it('serves the bundle with long caching for its versioned URL only', async () => {
    const { html } = await shell();
    const src = /src="(\/assets\/app\.js\?v=[0-9a-f]+)"/.exec(html)![1]!;
    const versioned = await fetch(base + src);
    expect(versioned.status).toBe(200);
    expect(versioned.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(versioned.headers.get('cache-control')).toContain('immutable');
    const js = await versioned.text();
    // The catalogues are bundled, and CJK stays readable UTF-8.
    expect(js).toContain('政策检索');
    expect(js).toContain('Policy Search');
    // Minified ESM, not a dev build.
    expect(js.split('\n').length).toBeLessThan(20);

    const plain = await fetch(`${base}/assets/app.js`);
    expect(plain.headers.get('cache-control')).toBe('no-cache');
    const etag = plain.headers.get('etag');
    expect(etag).toBeTruthy();
    // node:http rather than fetch, which adds `Cache-Control: no-cache` to conditional requests.
    const status = await new Promise<number | undefined>((resolve, reject) => {
      http
        .get(`${base}/assets/app.js`, { headers: { 'If-None-Match': etag! } }, (res) => {
          res.resume();
          resolve(res.statusCode);
        })
        .on('error', reject);
    });
    expect(status).toBe(304);
  });

  it('serves the stylesheet', async () => {
    const { html } = await shell();
    const href = /href="(\/assets\/styles\.css\?v=[0-9a-f]+)"/.exec(html)![1]!;
    const res = await fetch(base + href);
    expect(res.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(await res.text()).toContain('.hit');
  });
});
