// One structured logger for the server, engine and indexer. Secrets are redacted wherever they appear.
import { pino, type Logger } from 'pino';

export type { Logger };

const defaultLevel = process.env.VITEST ? 'silent' : 'info';

export const logger: Logger = pino({
  level: process.env.LOG_LEVEL ?? defaultLevel,
  redact: {
    paths: [
      'masterKey',
      'apiKey',
      'adminKey',
      'searchKey',
      '*.masterKey',
      '*.apiKey',
      '*.adminKey',
      '*.searchKey',
      'req.headers.authorization',
      'req.headers.cookie',
      'req.headers["x-admin-token"]',
    ],
    censor: '[redacted]',
  },
});
