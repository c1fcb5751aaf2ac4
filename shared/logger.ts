// One structured logger for the server, engine and indexer. Secrets are redacted wherever they appear.
import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

const defaultLevel = process.env.VITEST ? 'silent' : 'info';

const REDACT = {
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
};

/** A logger with the project's redaction, to stdout or to `destination` (the MCP server's stderr: stdout is its protocol). */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return destination ? pino({ level, redact: REDACT }, destination) : pino({ level, redact: REDACT });
}

export const logger: Logger = createLogger(process.env.LOG_LEVEL ?? defaultLevel);
