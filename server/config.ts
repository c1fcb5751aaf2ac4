// Server settings from the environment, validated once at start-up.
import { z } from 'zod';
import { SEARCH_CACHE } from '../shared/limits.ts';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface AppConfig {
  port: number;
  /** Undefined = listen on all interfaces. */
  host: string | undefined;
  /** Undefined = admin routes are disabled (answer 404). */
  adminToken: string | undefined;
  /** Empty = CORS off (same-origin only). */
  corsOrigins: string[];
  /** Requests per IP per minute; 0 = no rate limit. */
  rateLimitPerMinute: number;
  trustProxy: boolean;
  logLevel: LogLevel;
  /** What `npm start` indexes when the index is missing or stale. */
  corpusDir: string;
  /** Index names are `<prefix>_clauses`, `_documents`, `_meta`. */
  indexPrefix: string;
  /** A search slower than this answers 503 instead of holding the client. */
  searchTimeoutMs: number;
  /** Bytes of the search answer and facet caches (server/search/cache.ts); 0 = off. */
  searchCacheBytes: number;
}

export const MIN_ADMIN_TOKEN_LENGTH = 16;

// An empty variable (`PORT=`) means "not set", as in most shells' and compose files' usage.
const unsetIfEmpty = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

const origin = z.string().refine(
  (s) => {
    if (s === '*') return true;
    if (!URL.canParse(s)) return false;
    const url = new URL(s);
    // An origin is scheme://host[:port], nothing more; browsers compare it byte for byte.
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === s;
  },
  { error: (iss) => `"${String(iss.input)}" is not an origin like https://example.org (no path, no trailing slash)` },
);

const envSchema = z.object({
  PORT: z.preprocess(
    unsetIfEmpty,
    z.coerce
      .number({ error: 'must be an integer between 0 and 65535' })
      .int('must be an integer between 0 and 65535')
      .min(0, 'must be an integer between 0 and 65535')
      .max(65535, 'must be an integer between 0 and 65535')
      .default(3000),
  ),
  HOST: z.preprocess(unsetIfEmpty, z.string().optional()),
  ADMIN_TOKEN: z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .min(MIN_ADMIN_TOKEN_LENGTH, `must be at least ${MIN_ADMIN_TOKEN_LENGTH} characters`)
      .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces (it is sent in a header)')
      .optional(),
  ),
  CORS_ORIGINS: z.preprocess(
    (v) =>
      typeof v === 'string'
        ? v
            .split(',')
            .map((s) => s.trim())
            .filter((s) => s !== '')
        : [],
    z.array(origin).refine((list) => !list.includes('*') || list.length === 1, '"*" cannot be combined with other origins'),
  ),
  RATE_LIMIT_PER_MINUTE: z.preprocess(
    unsetIfEmpty,
    z.coerce
      .number({ error: 'must be a non-negative integer (0 disables rate limiting)' })
      .int('must be a non-negative integer (0 disables rate limiting)')
      .min(0, 'must be a non-negative integer (0 disables rate limiting)')
      .default(6000),
  ),
  TRUST_PROXY: z.preprocess(unsetIfEmpty, z.stringbool({ error: 'must be true/false (or 1/0, yes/no, on/off)' }).default(false)),
  CORPUS_DIR: z.preprocess(unsetIfEmpty, z.string().default('corpus')),
  INDEX_PREFIX: z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .regex(/^[a-z0-9][a-z0-9_-]{0,40}$/, 'must be lowercase letters, digits, - or _ (at most 41)')
      .default('policy'),
  ),
  SEARCH_TIMEOUT_MS: z.preprocess(
    unsetIfEmpty,
    z.coerce
      .number({ error: 'must be an integer number of milliseconds' })
      .int('must be an integer number of milliseconds')
      .min(100, 'must be at least 100')
      .default(1500),
  ),
  SEARCH_CACHE_MB: z.preprocess(
    unsetIfEmpty,
    z.coerce
      .number({ error: 'must be a non-negative integer number of megabytes (0 turns the search cache off)' })
      .int('must be a non-negative integer number of megabytes (0 turns the search cache off)')
      .min(0, 'must be a non-negative integer number of megabytes (0 turns the search cache off)')
      .max(4096, 'must be at most 4096')
      .default(SEARCH_CACHE.defaultBytes / 2 ** 20),
  ),
  LOG_LEVEL: z.preprocess(
    (v) => (typeof v === 'string' ? unsetIfEmpty(v.toLowerCase()) : v),
    z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  ),
});

/** Reads and validates the server settings; throws one Error listing every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const result = envSchema.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => {
      const [name, index] = issue.path;
      return `  ${String(name)}${typeof index === 'number' ? `[${index}]` : ''}: ${issue.message}`;
    });
    throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  }
  const e = result.data;
  return {
    port: e.PORT,
    host: e.HOST,
    adminToken: e.ADMIN_TOKEN,
    corsOrigins: e.CORS_ORIGINS,
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    trustProxy: e.TRUST_PROXY,
    logLevel: e.LOG_LEVEL,
    corpusDir: e.CORPUS_DIR,
    indexPrefix: e.INDEX_PREFIX,
    searchTimeoutMs: e.SEARCH_TIMEOUT_MS,
    searchCacheBytes: e.SEARCH_CACHE_MB * 2 ** 20,
  };
}
