// Responses are compressed as the client accepts (brotli or gzip): a search answer against the seed index,
// read as raw bytes (fetch would decode them silently) and decoded back to the same JSON.
import { request } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedPrefix } from '../../helpers/engine.ts';
import { startTestServer, type TestServer } from '../../helpers/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ prefix: seedPrefix() });
});
afterAll(async () => {
  await server?.close();
});

function raw(path: string, acceptEncoding: string): Promise<{ encoding: string | undefined; type: string | undefined; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, server.url), { headers: { 'accept-encoding': acceptEncoding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ encoding: res.headers['content-encoding'], type: res.headers['content-type'], body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

const PATH = '/api/search?q=negative%20list&limit=20';

describe('response compression', () => {
  it('sends JSON brotli- or gzip-compressed when asked, smaller, decoding to the identity body', async () => {
    const plain = await raw(PATH, 'identity');
    expect(plain.encoding).toBeUndefined();
    expect(plain.type).toMatch(/^application\/json/);
    const br = await raw(PATH, 'br');
    expect(br.encoding).toBe('br');
    const gzip = await raw(PATH, 'gzip');
    expect(gzip.encoding).toBe('gzip');
    // processingTimeMs differs between requests: compare the hits.
    const hits = (b: Buffer) => (JSON.parse(b.toString('utf8')) as { hits: unknown[] }).hits;
    expect(hits(brotliDecompressSync(br.body))).toEqual(hits(plain.body));
    expect(hits(gunzipSync(gzip.body))).toEqual(hits(plain.body));
    expect(br.body.length).toBeLessThan(plain.body.length / 3);
    expect(gzip.body.length).toBeLessThan(plain.body.length / 3);
    console.info(`compression ${PATH}: identity ${plain.body.length} B, gzip ${gzip.body.length} B, br ${br.body.length} B`);
  });
});
