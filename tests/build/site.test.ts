// server/routes/web.ts: the prebuilt site written by `npm run build` reads back as the Site it was, and a
// folder whose files do not match its site.json is refused instead of served.
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readSite, SITE_MANIFEST, type Site, writeSite } from '../../server/routes/web.ts';

const hash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16);
const js = 'console.log("外资");';
const css = 'body{margin:0}';
const site: Site = {
  html: `<script type="module" src="/assets/app.js?v=${hash(js)}"></script>`,
  js: { body: js, hash: hash(js), type: 'text/javascript; charset=utf-8' },
  css: { body: css, hash: hash(css), type: 'text/css; charset=utf-8' },
};

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'policy-search-site-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('prebuilt site', () => {
  it('reads back what was written, manifest included, nothing else left in the folder', async () => {
    await writeSite(site, dir);
    expect(await readSite(dir)).toEqual(site);
    expect((await readdir(dir)).sort()).toEqual(['assets', 'index.html', SITE_MANIFEST]);
  });

  it('refuses a bundle that is not the one its manifest names', async () => {
    await writeSite(site, dir);
    await writeFile(path.join(dir, 'assets/app.js'), 'console.log("stale");');
    await expect(readSite(dir)).rejects.toThrow(/does not match its site\.json/);
  });

  it('fails on a folder without a manifest', async () => {
    await expect(readSite(dir)).rejects.toThrow(/ENOENT/);
  });
});
