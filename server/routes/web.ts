// The web page: the shell HTML for every client-side route, the script bundled from web/src with esbuild
// and the stylesheet. Built once per process, at the first request, so `npm start` needs no build step.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { Router, type Request, type Response } from 'express';
import { logger } from '../../shared/logger.ts';

const WEB_DIR = fileURLToPath(new URL('../../web/', import.meta.url));

/** The routes web/src/routes.ts handles in the browser; a reload on any of them gets the shell page. */
export const PAGE_ROUTES = ['/', '/documents/:id', '/glossary', '/glossary/:id'];

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

const hashOf = (text: string): string => createHash('sha256').update(text).digest('hex').slice(0, 16);

async function bundle(entry: string, kind: 'script' | 'style'): Promise<string> {
  const result = await build({
    entryPoints: [`${WEB_DIR}${entry}`],
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

/** Bundles the script and stylesheet and links them from the shell page by content hash. */
export async function buildSite(): Promise<Site> {
  const [js, css, shell] = await Promise.all([bundle('src/main.ts', 'script'), bundle('styles.css', 'style'), readFile(`${WEB_DIR}index.html`, 'utf8')]);
  const jsAsset: Asset = { body: js, hash: hashOf(js), type: 'text/javascript; charset=utf-8' };
  const cssAsset: Asset = { body: css, hash: hashOf(css), type: 'text/css; charset=utf-8' };
  const html = shell
    .replace('src="/assets/app.js"', `src="/assets/app.js?v=${jsAsset.hash}"`)
    .replace('href="/assets/styles.css"', `href="/assets/styles.css?v=${cssAsset.hash}"`);
  return { html, js: jsAsset, css: cssAsset };
}

let site: Promise<Site> | null = null;

function currentSite(): Promise<Site> {
  if (!site) {
    const started = Date.now();
    site = buildSite().then(
      (built) => {
        logger.info({ ms: Date.now() - started, jsBytes: built.js.body.length, cssBytes: built.css.body.length }, 'web bundle built');
        return built;
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

export function webRouter(): Router {
  const router = Router();
  router.get('/assets/app.js', async (req, res) => sendAsset(req, res, (await currentSite()).js));
  router.get('/assets/styles.css', async (req, res) => sendAsset(req, res, (await currentSite()).css));
  router.get(PAGE_ROUTES, async (_req, res) => {
    const { html } = await currentSite();
    res.set('Cache-Control', 'no-cache').type('html').send(html);
  });
  return router;
}
