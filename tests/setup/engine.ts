// globalSetup of the integration project: ONE embedded Meilisearch for the whole run (temp data folder, free port,
// its own master key), and the seed corpus indexed once under a read-only prefix. Test files reach it through
// tests/helpers/engine.ts, each under index prefixes of its own; files that only read may share the seed index.
// The seed build runs while the first files (CLIs, engines of their own) already start: readers wait for it
// (`seedReady()`), and a failed build fails them with its error (recorded under the prefix's name, see below).
import type { TestProject } from 'vitest/node';
import { meiliClient } from '../../indexer/meili-client.ts';
import { runIndex } from '../../indexer/pipeline.ts';
import { startPrivateEngine } from '../../server/private.ts';
import type { TestEngineInfo } from '../helpers/engine.ts';

/** The seed corpus, indexed here once; servers over it must not write (tests/helpers/engine.ts `seedPrefix`). */
export const SEED_PREFIX = 'seed-readonly';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const own = await startPrivateEngine();
  const admin = meiliClient(own.engine.url, own.engine.adminKey, 60_000);
  const info: TestEngineInfo = { url: own.engine.url, masterKey: own.engine.adminKey, dataDir: own.dataDir, seedPrefix: SEED_PREFIX };
  project.provide('testEngine', info);
  const build = runIndex({ client: admin, prefix: SEED_PREFIX }).then(
    (summary) => {
      if (summary.status !== 'indexed') throw new Error(`seed index: ${summary.status}`);
    },
    async (error: unknown) => {
      // Readers poll for the seed index: an index named after the failure tells them to stop waiting.
      const message = error instanceof Error ? error.message : String(error);
      console.error(`globalSetup: the seed index could not be built: ${message}`);
      await admin.createIndex(`${SEED_PREFIX}_failed`).waitTask();
    },
  );
  return async () => {
    await build.catch(() => undefined);
    await own.cleanup();
  };
}
