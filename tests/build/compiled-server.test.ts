// `npm run build` (server/build.ts) and the server it produces: compiled into a private folder, started with
// plain `node` (no tsx, no esbuild) from the repository root as `npm start` does, and asked for the page, its
// bundle, the health check and a search.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, symlink } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../server/build.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

let tmp: string;
let out: string;
let child: ChildProcess | undefined;
let exited: Promise<unknown> | undefined;
let base: string;
let output = '';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function until(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return true;
    if (child?.exitCode !== null) return false;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'policy-search-build-'));
  // The compiled modules import packages: resolved from <tmp>/node_modules, as dist/ finds the repository's.
  await symlink(path.join(ROOT, 'node_modules'), path.join(tmp, 'node_modules'), 'dir');
  out = path.join(tmp, 'out');
  expect(await build(out)).toBe('built');

  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  child = spawn(process.execPath, ['--enable-source-maps', path.join(out, 'server/main.js')], {
    cwd: ROOT,
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(port),
      MEILI_DATA_DIR: path.join(tmp, 'meili'),
      MEILI_URL: '',
      LOG_LEVEL: 'info',
      RATE_LIMIT_PER_MINUTE: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  exited = new Promise((resolve) => child!.once('exit', resolve));
  const healthy = async () => (await fetch(`${base}/api/health`)).status === 200;
  expect(await until(healthy, 60_000), output).toBe(true);
}, 120_000);

afterAll(async () => {
  if (child && child.exitCode === null && child.signalCode === null) {
    child.kill('SIGTERM');
    const stopped = await Promise.race([exited, new Promise((resolve) => setTimeout(() => resolve('timeout'), 10_000))]);
    if (stopped === 'timeout') {
      child.kill('SIGKILL');
      await exited;
    }
  }
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe('npm run build', () => {
  it('emits JavaScript whose relative imports all name emitted .js/.json files', async () => {
    const files = (await readdir(out, { recursive: true })).filter((f) => f.endsWith('.js'));
    expect(files).toContain(path.join('server', 'main.js'));
    for (const file of files) {
      const code = await readFile(path.join(out, file), 'utf8');
      for (const [, spec] of code.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)) {
        expect(spec, `${file}: ${spec}`).toMatch(/\.(js|json)$/);
        expect(existsSync(path.join(out, path.dirname(file), spec!)), `${file}: ${spec}`).toBe(true);
      }
    }
  });

  it('writes the page bundle and a stamp, and does nothing more while the inputs are unchanged', async () => {
    const manifest = JSON.parse(await readFile(path.join(out, 'web/site.json'), 'utf8')) as { js: { file: string; hash: string } };
    expect(manifest.js.hash).toMatch(/^[0-9a-f]{16}$/);
    expect((await readFile(path.join(out, 'web', manifest.js.file))).length).toBeGreaterThan(1000);
    expect(await build(out, { ifStale: true })).toBe('up to date');
  });
});

describe('the compiled server', () => {
  it('serves the prebuilt page and bundle', async () => {
    const page = await fetch(`${base}/`);
    expect(page.status).toBe(200);
    const html = await page.text();
    const src = /src="(\/assets\/app\.js\?v=([0-9a-f]{16}))"/.exec(html);
    expect(src, html).not.toBeNull();
    const bundle = await fetch(base + src![1]);
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get('cache-control')).toContain('immutable');
    // Byte for byte the file the build wrote: out/web has no page sources to bundle from.
    expect(await bundle.text()).toBe(await readFile(path.join(out, 'web/assets/app.js'), 'utf8'));
    expect(existsSync(path.join(out, 'web/src'))).toBe(false);
    expect((await fetch(`${base}/assets/styles.css`)).status).toBe(200);
  });

  it('answers the health check and searches the corpus', async () => {
    const health = await fetch(`${base}/api/health`);
    expect(health.status).toBe(200);
    const search = await fetch(`${base}/api/search?q=${encodeURIComponent('外资')}`);
    expect(search.status, await search.clone().text()).toBe(200);
    const body = (await search.json()) as { total?: number; hits?: unknown[] };
    expect(body.hits?.length ?? 0).toBeGreaterThan(0);
    // The OpenAPI document is a data file read beside its module: copied by the build.
    expect((await fetch(`${base}/api/openapi.json`)).status).toBe(200);
  });
});
