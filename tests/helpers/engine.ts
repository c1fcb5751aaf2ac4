// The run's one Meilisearch (started by tests/setup/engine.ts, the integration project's globalSetup) and the index
// prefixes that keep test files apart on it.
//
// Every test file writes only under prefixes of its own, from `testPrefix()`: the file's random token makes them
// unique in the run, so no file sees another's indexes. Files that only READ the seed corpus may instead use
// `seedPrefix()`, indexed once for the whole run; a server over it is started with autoIndex off and must never be
// asked to reindex. Files whose subject is the engine process keep engines of their own (`startOwnEngine`).
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { connectEngine, type EngineHandle } from '../../engine/connect.ts';
import { meiliClient } from '../../engine/client.ts';
import { readLiveState } from '../../indexer/publish.ts';
import { indexNames } from '../../indexer/search-documents.ts';
import { logger as defaultLogger, type Logger } from '../../shared/logger.ts';

export { startPrivateEngine as startOwnEngine } from '../../server/private.ts';

export interface TestEngineInfo {
  url: string;
  masterKey: string;
  /** The shared engine's data folder: belongs to the globalSetup, never write into it. */
  dataDir: string;
  /** The seed corpus, indexed once by the globalSetup: read-only. */
  seedPrefix: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    testEngine: TestEngineInfo;
  }
}

export function testEngineInfo(): TestEngineInfo {
  const info = inject('testEngine');
  if (!info) throw new Error('no shared test engine: run this file in the integration project (tests/setup/engine.ts)');
  return info;
}

// Each test file has its own module registry, hence its own token.
const FILE_TOKEN = randomBytes(4).toString('hex');
let issued = 0;
const prefixes: string[] = [];

/** An index prefix unique to this test file (and this call): `name-<file token>-<n>`. */
export function testPrefix(name = 't'): string {
  const prefix = `${name}-${FILE_TOKEN}-${++issued}`;
  prefixes.push(prefix);
  return prefix;
}

/** The prefix of the seed index built once for the run. Read-only: never reindex, write or delete under it. */
export function seedPrefix(): string {
  return testEngineInfo().seedPrefix;
}

/**
 * Resolves once the globalSetup's seed build is live (it runs while the first files start); throws if it failed.
 * startTestServer waits for it by itself; call it before reading the seed index any other way.
 */
export async function seedReady(): Promise<void> {
  const { url, masterKey, seedPrefix: prefix } = testEngineInfo();
  const admin = meiliClient(url, masterKey, 30_000);
  for (;;) {
    if (await readLiveState(admin, indexNames(prefix))) return;
    const failed = await admin.getIndex(`${prefix}_failed`).then(
      () => true,
      () => false,
    );
    if (failed) throw new Error('the seed index could not be built: see the globalSetup error at the start of the run');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A handle on the shared engine (remote mode, with its master key); stop() leaves the engine running. */
export function sharedEngine(logger: Logger = defaultLogger): Promise<EngineHandle> {
  const { url, masterKey } = testEngineInfo();
  return connectEngine({ url, masterKey, logger });
}

/** Deletes the indexes under `prefix` (live and staging) from the shared engine. */
export async function dropPrefix(prefix: string): Promise<void> {
  if (prefix === seedPrefix()) throw new Error('the seed index is shared by the run: not dropped');
  const { url, masterKey } = testEngineInfo();
  const admin = meiliClient(url, masterKey, 30_000);
  const { results } = await admin.getRawIndexes({ limit: 1000 });
  await Promise.all(results.filter((i) => i.uid.startsWith(`${prefix}_`)).map((i) => admin.deleteIndex(i.uid).waitTask({ timeout: 30_000 })));
}

/** Deletes every index of the prefixes this file was given. */
export async function dropFilePrefixes(): Promise<void> {
  for (const prefix of prefixes.splice(0)) await dropPrefix(prefix);
}
