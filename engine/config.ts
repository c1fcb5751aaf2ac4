// Engine settings from the environment, validated once at the boundary.
import path from 'node:path';
import { z } from 'zod';
import { EngineConnectError } from './errors.ts';

/**
 * `url` and `masterKey`: a running Meilisearch to use instead of the embedded one. `dataDir` (absolute): the embedded
 * engine's database, master key, state and lock files. `port`: fixed port of the embedded engine (a free one when
 * absent). `requestTimeoutMs`: bound of every single HTTP call to the engine. `maxIndexingMemory`: Meilisearch
 * defaults to two thirds of RAM and pays for it in every indexing batch (2+ s per batch with 24 GiB, ~0.2 s with 1 GiB).
 */
export interface EngineConfig {
  url?: string;
  masterKey?: string;
  dataDir: string;
  port?: number;
  requestTimeoutMs: number;
  maxIndexingMemory: string;
}

const EngineEnv = z.object({
  MEILI_URL: z.url({ protocol: /^https?$/ }).optional(),
  MEILI_MASTER_KEY: z.string().min(1).optional(),
  MEILI_DATA_DIR: z.string().min(1).default('data/meili'),
  MEILI_PORT: z.coerce.number().int().min(1).max(65_535).optional(),
  MEILI_TIMEOUT_MS: z.coerce.number().int().positive().default(5000),
  MEILI_MAX_INDEXING_MEMORY: z
    .string()
    .regex(/^\d+(\.\d+)?\s*[KMGT]i?B$/i, 'a size such as 1GiB or 512MiB')
    .default('1GiB'),
});

/** Reads MEILI_URL, MEILI_MASTER_KEY, MEILI_DATA_DIR, MEILI_PORT, MEILI_TIMEOUT_MS and MEILI_MAX_INDEXING_MEMORY; empty values count as unset. */
export function loadEngineConfig(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): EngineConfig {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = EngineEnv.safeParse(present);
  if (!parsed.success) throw new EngineConnectError(`invalid engine settings:\n${z.prettifyError(parsed.error)}`);
  const { MEILI_URL, MEILI_MASTER_KEY, MEILI_DATA_DIR, MEILI_PORT, MEILI_TIMEOUT_MS, MEILI_MAX_INDEXING_MEMORY } = parsed.data;
  return {
    ...(MEILI_URL === undefined ? {} : { url: MEILI_URL.replace(/\/+$/, '') }),
    ...(MEILI_MASTER_KEY === undefined ? {} : { masterKey: MEILI_MASTER_KEY }),
    ...(MEILI_PORT === undefined ? {} : { port: MEILI_PORT }),
    dataDir: path.resolve(cwd, MEILI_DATA_DIR),
    requestTimeoutMs: MEILI_TIMEOUT_MS,
    maxIndexingMemory: MEILI_MAX_INDEXING_MEMORY,
  };
}
