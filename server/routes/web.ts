// The web page: the shell HTML for every client-side route, the script bundled from web/src with esbuild
// and the stylesheet. `npm run build` (server/build.ts) bundles them once with buildSite() and writes them
// beside the compiled server (dist/web/); the compiled server serves those files. Run from the sources
// (tsx: tests, `npm run dev`), there is no prebuilt copy and the same buildSite() runs in memory at the
// first request. Either way one Site object is served by one router.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Router, type Request, type Response } from 'express';
import { logger } from '../../shared/logger.ts';

/** web/ in the source tree; <outDir>/web/ (the prebuilt site) when this module runs compiled. */
const HERE_WEB_DIR = fileURLToPath(new URL('../../web/', import.meta.url));
/** The prebuilt site's table of contents, written last by writeSite(). */
export const SITE_MANIFEST = 'site.json';

/** The routes web/src/routes.ts handles in the browser; a reload on any of them gets the shell page. */
export const PAGE_ROUTES = ['/', '/documents/:id', '/glossary', '/glossary/:id', '/compare'];

interface Asset {
  body: string;
  /** Content hash: the HTML links `?v=<hash>`, so a cached copy can never be stale. */
  hash: string;
  type: string;
}

export interface Site {
  html: string;
  js: Asset;
  css: Asset;
}

/** What writeSite() records in site.json: file names relative to the site folder, and the hashes. */
interface SiteManifest {
  html: string;
  js: { file: string; hash: string };
  css: { file: string; hash: string };
}

const JS_TYPE = 'text/javascript; charset=utf-8';
const CSS_TYPE = 'text/css; charset=utf-8';

const hashOf = (text: string): string => createHash('sha256').update(text).digest('hex').slice(0, 16);

async function bundle(webDir: string, entry: string, kind: 'script' | 'style'): Promise<string> {
  // Loaded on demand: a server running a prebuilt site never starts esbuild.
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [path.join(webDir, entry)],
    bundle: true,
    minify: true,
    write: false,
    outdir: 'out',
    legalComments: 'none',
    // Keep CJK text as UTF-8 instead of \u escapes: the bundle is served with charset=utf-8.
    charset: 'utf8',
    logLevel: 'silent',
    ...(kind === 'script' ? { format: 'esm' as const, target: 'es2020', platform: 'browser' as const } : {}),
  });
  const file = result.outputFiles[0];
  if (!file) throw new Error(`esbuild produced no output for ${entry}`);
  return file.text;
}

/** Bundles the script and stylesheet of the page sources in `webDir` and links them from the shell page by content hash. */
export async function buildSite(webDir: string = HERE_WEB_DIR): Promise<Site> {
  const [js, css, shell] = await Promise.all([
    bundle(webDir, 'src/main.ts', 'script'),
    bundle(webDir, 'styles.css', 'style'),
    readFile(path.join(webDir, 'index.html'), 'utf8'),
  ]);
  const jsAsset: Asset = { body: js, hash: hashOf(js), type: JS_TYPE };
  const cssAsset: Asset = { body: css, hash: hashOf(css), type: CSS_TYPE };
  const html = shell
    .replace('src="/assets/app.js"', `src="/assets/app.js?v=${jsAsset.hash}"`)
    .replace('href="/assets/styles.css"', `href="/assets/styles.css?v=${cssAsset.hash}"`);
  return { html, js: jsAsset, css: cssAsset };
}

/** Writes a built site to `dir` (index.html, assets/, then site.json), for readSite() to serve. */
export async function writeSite(site: Site, dir: string): Promise<void> {
  await mkdir(path.join(dir, 'assets'), { recursive: true });
  const manifest: SiteManifest = {
    html: 'index.html',
    js: { file: 'assets/app.js', hash: site.js.hash },
    css: { file: 'assets/styles.css', hash: site.css.hash },
  };
  await Promise.all([
    writeFile(path.join(dir, manifest.html), site.html),
    writeFile(path.join(dir, manifest.js.file), site.js.body),
    writeFile(path.join(dir, manifest.css.file), site.css.body),
  ]);
  // The manifest last, atomically: a folder with a site.json always has complete files beside it.
  const tmp = path.join(dir, `${SITE_MANIFEST}.${process.pid}.tmp`);
  await writeFile(tmp, `${JSON.stringify(manifest, null, 2)}\n`);
  await rename(tmp, path.join(dir, SITE_MANIFEST));
}

/** Reads a site written by writeSite(); the hashes are checked against the files. */
export async function readSite(dir: string): Promise<Site> {
  const manifest = JSON.parse(await readFile(path.join(dir, SITE_MANIFEST), 'utf8')) as SiteManifest;
  const read = (file: string) => readFile(path.join(dir, file), 'utf8');
  const [html, js, css] = await Promise.all([read(manifest.html), read(manifest.js.file), read(manifest.css.file)]);
  const site: Site = { html, js: { body: js, hash: manifest.js.hash, type: JS_TYPE }, css: { body: css, hash: manifest.css.hash, type: CSS_TYPE } };
  for (const asset of [site.js, site.css]) {
    if (hashOf(asset.body) !== asset.hash) throw new Error(`prebuilt site in ${dir} does not match its ${SITE_MANIFEST}: run npm run build`);
  }
  return site;
}

/** The prebuilt site beside this module when there is one (compiled server), else the page sources bundled in memory. */
function loadSite(): Promise<Site> {
  if (existsSync(path.join(HERE_WEB_DIR, SITE_MANIFEST))) return readSite(HERE_WEB_DIR);
  if (!existsSync(path.join(HERE_WEB_DIR, 'src'))) {
    return Promise.reject(new Error(`no web page in ${HERE_WEB_DIR}: neither a prebuilt ${SITE_MANIFEST} nor sources (run npm run build)`));
  }
  return buildSite(HERE_WEB_DIR);
}

let site: Promise<Site> | null = null;

function currentSite(): Promise<Site> {
  if (!site) {
    const started = Date.now();
    site = loadSite().then(
      (loaded) => {
        logger.info({ ms: Date.now() - started, jsBytes: loaded.js.body.length, cssBytes: loaded.css.body.length }, 'web page ready');
        return loaded;
      },
      (error: unknown) => {
        // Let the next request try again (e.g. after fixing a syntax error and saving).
        site = null;
        throw error;
      },
    );
  }
  return site;
}

function sendAsset(req: Request, res: Response, asset: Asset): void {
  // Versioned URLs never change content; anything else must be revalidated (ETag makes that cheap).
  const versioned = req.query.v === asset.hash;
  res.set('Cache-Control', versioned ? 'public, max-age=31536000, immutable' : 'no-cache');
  res.type(asset.type).send(asset.body);
}

export interface WebRouterOptions {
  /** Whether the live index has this document: false makes /documents/<id> a 404; undefined (no index yet) does not. */
  knowsDocument?: (id: string) => boolean | undefined;
}

async function sendShell(res: Response, status = 200): Promise<void> {
  const { html } = await currentSite();
  res.status(status).set('Cache-Control', 'no-cache').type('html').send(html);
}

/**
 * The page's routes, its assets and, for any other GET outside /api (mount it after the API), the page again with
 * status 404: the page shows its not-found view, in the reader's language, with a way back; a crawler or a link
 * checker sees the 404.
 */
export function webRouter(opts: WebRouterOptions = {}): Router {
  const router = Router();
  router.get('/assets/app.js', async (req, res) => sendAsset(req, res, (await currentSite()).js));
  router.get('/assets/styles.css', async (req, res) => sendAsset(req, res, (await currentSite()).css));
  router.get('/documents/:id', async (req, res, next) => {
    if (opts.knowsDocument?.(req.params.id) === false) await sendShell(res, 404);
    else next();
  });
  router.get(PAGE_ROUTES, async (_req, res) => sendShell(res));
  router.get(/^(?!\/api(?:\/|$))/, async (_req, res) => sendShell(res, 404));
  return router;
}
