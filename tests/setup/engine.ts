// globalSetup of the integration project: ONE embedded Meilisearch for the whole run (temp data folder, free port,
// its own master key), and the seed corpus indexed once under a read-only prefix. Test files reach it through
// tests/helpers/engine.ts, each under index prefixes of its own; files that only read may share the seed index.
import type { TestProject } from 'vitest/node';
import { meiliClient } from '../../indexer/meili-client.ts';
import { runIndex } from '../../indexer/pipeline.ts';
import { startPrivateEngine } from '../../server/private.ts';
import type { TestEngineInfo } from '../helpers/engine.ts';

/** The seed corpus, indexed here once; servers over it must not write (tests/helpers/engine.ts `seedPrefix`). */
export const SEED_PREFIX = 'seed-readonly';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const own = await startPrivateEngine();
  try {
    const summary = await runIndex({ client: meiliClient(own.engine.url, own.engine.adminKey, 60_000), prefix: SEED_PREFIX });
    if (summary.status !== 'indexed') throw new Error(`seed index: ${summary.status}`);
  } catch (error) {
    await own.cleanup();
    throw error;
  }
  const info: TestEngineInfo = { url: own.engine.url, masterKey: own.engine.adminKey, dataDir: own.dataDir, seedPrefix: SEED_PREFIX };
  project.provide('testEngine', info);
  return async () => {
    await own.cleanup();
  };
}
