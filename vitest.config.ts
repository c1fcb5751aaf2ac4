import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Integration suites each start their own Meilisearch; two cores cannot run many at once.
    maxWorkers: 2,
    fileParallelism: true,
  },
});
