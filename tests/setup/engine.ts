// globalSetup of the integration and system projects: ONE embedded Meilisearch per project run (temp data folder,
// free port, its own master key), and the seed corpus indexed once under a read-only prefix. Test files reach it through
// tests/helpers/engine.ts, each under index prefixes of its own; files that only read may share the seed index.
// The seed build runs as `npm run index` would, in a child process, while the first files (CLIs, engines of their
// own) already start: readers wait for it (`seedReady()`); a failed build fails them (a marker index, see below).
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { connectEngine } from '../../engine/connect.ts';
import { meiliClient } from '../../engine/client.ts';
import type { TestEngineInfo } from '../helpers/engine.ts';

/** The seed corpus, indexed here once; servers over it must not write (tests/helpers/engine.ts `seedPrefix`). */
export const SEED_PREFIX = 'seed-readonly';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'policy-search-tests-engine-'));
  const engine = await connectEngine({ dataDir, supervise: false });
  const info: TestEngineInfo = { url: engine.url, masterKey: engine.adminKey, dataDir, seedPrefix: SEED_PREFIX };
  project.provide('testEngine', info);

  const child = spawn(process.execPath, ['--import', 'tsx', 'indexer/cli/index.ts', '--prefix', SEED_PREFIX], {
    cwd: ROOT,
    env: { ...process.env, MEILI_URL: engine.url, MEILI_MASTER_KEY: engine.adminKey, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const build = new Promise<void>((resolve) => {
    child.once('close', (code) => {
      if (code === 0) return resolve();
      console.error(`globalSetup: the seed index could not be built (exit ${code}):\n${output}`);
      // Readers poll for the seed index: an index named after the failure tells them to stop waiting.
      meiliClient(engine.url, engine.adminKey)
        .createIndex(`${SEED_PREFIX}_failed`)
        .waitTask()
        .then(
          () => resolve(),
          () => resolve(),
        );
    });
  });

  return async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await build;
    await engine.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
}
