import { defineConfig } from 'vitest/config';

/**
 * Test files that run whole processes or a browser: a CLI or the built server as a child process, an engine killed
 * or hung, a shutdown, a rebuild under load, Chromium against the real server. They form the `system` project
 * (`npm run test:system`); `npm test` leaves them out to stay a quick loop, CI runs both (`npm run test:all`).
 */
export const SYSTEM = [
  // Engines and CLIs killed, hung, shut down or retried over time.
  'tests/engine/orphan.test.ts',
  'tests/reliability/crash-safety.test.ts',
  'tests/reliability/last-good-index.test.ts',
  'tests/reliability/outage-embedded.test.ts',
  'tests/reliability/outage-remote.test.ts',
  'tests/reliability/reindex-under-load.test.ts',
  'tests/reliability/shutdown.test.ts',
  'tests/reliability/incremental-kill.test.ts',
  // The compiled build, started as `npm start` runs it.
  'tests/build/**/*.test.ts',
  // CLIs run as child processes.
  'tests/indexer/cli/**/*.test.ts',
  'tests/indexer/import-translation.test.ts',
  'tests/glossary/userdict.test.ts',
  'tests/translator/cli.test.ts',
  'tests/bench/bench-flow.test.ts',
  'tests/bench/spawn-server.test.ts',
  // Chromium against the real server.
  'tests/web/browser.test.ts',
  'tests/web/journalist.test.ts',
  'tests/web/search-page.test.ts',
  'tests/web/reader-nav.test.ts',
  'tests/web/translator.test.ts',
];

/**
 * Test files that talk to the shared engine or a real server over HTTP, in process. They form the `integration`
 * project; every other test file is pure and belongs to `unit` (or `unit-isolated`, below).
 */
export const INTEGRATION = [
  // Engines of their own, started and stopped in the file.
  'tests/engine/**/*.test.ts',
  // The shared engine and the real server.
  'tests/reliability/**/*.test.ts',
  'tests/security/**/*.test.ts',
  'tests/server/routes/**/*.test.ts',
  'tests/server/openapi.test.ts',
  'tests/server/runtime-units.test.ts',
  'tests/server/search/execute-engine.test.ts',
  'tests/server/search/cache-engine.test.ts',
  'tests/mcp/**/*.test.ts',
  'tests/indexer/pipeline.test.ts',
  'tests/indexer/incremental.test.ts',
  // Plain Express apps listening on a port.
  'tests/server/http/**/*.test.ts',
  'tests/web/server-route.test.ts',
];

/**
 * Pure files that reload jieba's (per-thread) dictionary: run with modules of their own, or they would leave a
 * stale segmenter in the shared enricher cache (indexer/pipeline.ts loadEnricher) of the files after them.
 */
const OWN_MODULES = ['tests/indexer/segment.test.ts', 'tests/translator/candidates.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: both projects share two workers, so pure files fill the gaps while integration files wait on I/O.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/**/*.test.ts'],
          exclude: [...SYSTEM, ...INTEGRATION, ...OWN_MODULES],
          pool: 'threads',
          // Pure files share their worker's modules (the glossary, jieba and its dictionary load once per worker,
          // not once per file): each file must leave no global state behind (timers, prototypes, env).
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'unit-isolated',
          include: OWN_MODULES,
          pool: 'threads',
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: INTEGRATION,
          exclude: SYSTEM,
          // One Meilisearch for the whole run (tests/setup/engine.ts); each file works under index prefixes of its own.
          globalSetup: ['tests/setup/engine.ts'],
          pool: 'forks',
        },
      },
      {
        extends: true,
        test: {
          name: 'system',
          include: SYSTEM,
          // And one Chromium for the browser files (tests/setup/browser.ts).
          globalSetup: ['tests/setup/engine.ts', 'tests/setup/browser.ts'],
          pool: 'forks',
        },
      },
    ],
  },
});
