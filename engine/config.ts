// Engine settings from the environment, validated once at the boundary; their type is the schema's output.
import path from 'node:path';
import { z } from 'zod';
import { EngineConnectError } from './errors.ts';

/**
 * MEILI_URL / MEILI_MASTER_KEY: a running Meilisearch instead of the embedded one. MEILI_DATA_DIR: the embedded
 * engine's database, key, state and lock files. MEILI_PORT: its fixed port (a free one when unset).
 * MEILI_TIMEOUT_MS: bound of every HTTP call to the engine. MEILI_MAX_INDEXING_MEMORY: Meilisearch defaults to two
 * thirds of RAM and pays for it in every indexing batch (2+ s per batch with 24 GiB, ~0.2 s with 1 GiB).
 */
const EngineEnv = z
  .object({
    MEILI_URL: z.url({ protocol: /^https?$/ }).optional(),
    MEILI_MASTER_KEY: z.string().min(1).optional(),
    MEILI_DATA_DIR: z.string().min(1).default('data/meili'),
    MEILI_PORT: z.coerce.number().int().min(1).max(65_535).optional(),
    MEILI_TIMEOUT_MS: z.coerce.number().int().positive().default(5000),
    MEILI_MAX_INDEXING_MEMORY: z
      .string()
      .regex(/^\d+(\.\d+)?\s*[KMGT]i?B$/i, 'a size such as 1GiB or 512MiB')
      .default('1GiB'),
  })
  .transform((env) => ({
    ...(env.MEILI_URL === undefined ? {} : { url: env.MEILI_URL.replace(/\/+$/, '') }),
    ...(env.MEILI_MASTER_KEY === undefined ? {} : { masterKey: env.MEILI_MASTER_KEY }),
    ...(env.MEILI_PORT === undefined ? {} : { port: env.MEILI_PORT }),
    dataDir: env.MEILI_DATA_DIR,
    requestTimeoutMs: env.MEILI_TIMEOUT_MS,
    maxIndexingMemory: env.MEILI_MAX_INDEXING_MEMORY,
  }));

/** `dataDir` is absolute once loaded. */
export type EngineConfig = z.output<typeof EngineEnv>;

/** Reads the MEILI_* settings above; empty values count as unset. */
export function loadEngineConfig(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): EngineConfig {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = EngineEnv.safeParse(present);
  if (!parsed.success) throw new EngineConnectError(`invalid engine settings:\n${z.prettifyError(parsed.error)}`);
  return { ...parsed.data, dataDir: path.resolve(cwd, parsed.data.dataDir) };
}
