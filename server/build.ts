// `npm run build`: the server compiled to JavaScript (tsc -p tsconfig.build.json) and the page bundled
// (buildSite() of server/routes/web.ts, the same function a server run from the sources uses in memory),
// side by side in dist/ so that `node dist/server/main.js` needs neither tsx nor esbuild:
//   dist/server/main.js, dist/{shared,engine,glossary,indexer,translator}/…   compiled modules (+ source maps)
//   dist/web/index.html, dist/web/assets/*, dist/web/site.json       the page, linked by content hash
//
//   tsx server/build.ts [--out <dir>] [--if-stale]
//
// The output is built in a sibling folder and swapped in whole, so a failed build leaves the last good one.
// `--if-stale` (npm's prestart) returns at once when <out>/build-stamp.json names the current hash of the
// inputs: `npm start` builds on a fresh clone and after a change, and costs ~0.5 s (tsx start-up) otherwise.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** Compiled by tsconfig.build.json (its `include`). */
// translator/: its pure modules serve the glossary endpoints (tsc compiles them as the server imports them).
const COMPILED = ['shared', 'engine', 'glossary', 'indexer', 'translator', 'server'];
/** Files read at run time by `new URL(<relative>, import.meta.url)`, which tsc does not emit: copied as they are (none today: the OpenAPI document is generated from the contract). */
const DATA_FILES: string[] = [];
/** Besides the sources of COMPILED and web/, what changes the output. */
const CONFIG_FILES = ['tsconfig.json', 'tsconfig.build.json', 'package.json', 'package-lock.json'];
const STAMP = 'build-stamp.json';

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(path.join(ROOT, dir), { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.relative(ROOT, path.join(e.parentPath, e.name)));
}

/** Hash of every input of the build: paths and contents (a few hundred small files, ~50 ms). */
export async function inputsHash(): Promise<string> {
  const compiled = (await Promise.all(COMPILED.map(filesUnder))).flat().filter((f) => /\.(ts|json)$/.test(f));
  const files = [...compiled, ...(await filesUnder('web')), ...CONFIG_FILES].sort();
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(`${file}\0`);
    hash.update(await readFile(path.join(ROOT, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

async function stampOf(out: string): Promise<string | undefined> {
  try {
    return (JSON.parse(await readFile(path.join(out, STAMP), 'utf8')) as { inputs?: string }).inputs;
  } catch {
    return undefined;
  }
}

function compile(outDir: string): void {
  let tsc: string;
  try {
    tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  } catch {
    throw new Error('TypeScript is not installed (a dev dependency): run npm install, not npm install --omit=dev, to build');
  }
  const result = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--outDir', outDir], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`tsc -p tsconfig.build.json failed (exit ${result.status ?? result.signal})`);
}

/** Builds into `out` (swapped in whole); with `ifStale`, only when the inputs changed since the last build there. */
export async function build(out: string, opts: { ifStale?: boolean } = {}): Promise<'built' | 'up to date'> {
  const inputs = await inputsHash();
  if (opts.ifStale && (await stampOf(out)) === inputs) return 'up to date';
  const staging = `${out}.building-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  try {
    compile(staging);
    await Promise.all(DATA_FILES.map((file) => cp(path.join(ROOT, file), path.join(staging, file))));
    // Imported here, not at the top: `--if-stale` with nothing to do need not load Express and pino.
    const { buildSite, writeSite } = await import('./routes/web.ts');
    await writeSite(await buildSite(path.join(ROOT, 'web')), path.join(staging, 'web'));
    await writeFile(path.join(staging, STAMP), `${JSON.stringify({ inputs, builtAt: new Date().toISOString() }, null, 2)}\n`);
    // Swap: the old output stays whole until the new one is complete.
    const old = `${out}.old-${process.pid}`;
    if (existsSync(out)) await rename(out, old);
    await rename(staging, out);
    await rm(old, { recursive: true, force: true });
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return 'built';
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const outIndex = args.indexOf('--out');
  const out = path.resolve(ROOT, outIndex >= 0 && args[outIndex + 1] ? args[outIndex + 1]! : 'dist');
  const started = Date.now();
  try {
    const result = await build(out, { ifStale: args.includes('--if-stale') });
    console.error(
      `build: ${result === 'built' ? `built ${path.relative(process.cwd(), out) || out}` : `${path.relative(process.cwd(), out) || out} is up to date`} (${Date.now() - started} ms)`,
    );
  } catch (error) {
    console.error(`build: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}
