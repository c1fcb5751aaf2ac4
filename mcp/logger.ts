// The MCP process's logger: stdout carries the protocol, so everything is logged to stderr.
import { pino, type Logger } from 'pino';

export function stderrLogger(level: string): Logger {
  // The same redaction as shared/logger.ts: keys and tokens never reach a log.
  return pino(
    {
      level,
      redact: {
        paths: ['masterKey', 'apiKey', 'adminKey', 'searchKey', '*.masterKey', '*.apiKey', '*.adminKey', '*.searchKey'],
        censor: '[redacted]',
      },
    },
    pino.destination(2),
  );
}
