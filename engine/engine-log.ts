// Turns the engine's console output into structured log records.
import readline from 'node:readline';
import type { Readable } from 'node:stream';
import { z } from 'zod';
import type { Logger } from '../shared/logger.ts';

export interface EngineLogLine {
  level: 'debug' | 'warn';
  msg: string;
  target?: string;
}

// What `--experimental-logs-mode json` prints per line; banners and panics stay plain text.
const JsonLine = z.object({
  level: z.string(),
  fields: z.object({ message: z.string() }).partial().optional(),
  target: z.string().optional(),
});

const ALARMING = /\b(error|panic(ked)?|fatal|warn(ing)?)\b/i;
// The engine warns about every 4xx it answers; the caller gets that error and reports it itself.
const CLIENT_ERROR = /ResponseError \{ code: 4\d\d\b/;

/** Classifies one output line: warnings and errors at warn, everything else at debug; blank lines dropped. */
export function parseEngineLine(raw: string): EngineLogLine | undefined {
  const line = raw.trim();
  if (line === '') return undefined;
  if (line.startsWith('{')) {
    try {
      const parsed = JsonLine.safeParse(JSON.parse(line));
      if (parsed.success) {
        const { level, fields, target } = parsed.data;
        return {
          level: /^(warn|error)$/i.test(level) && !CLIENT_ERROR.test(fields?.message ?? '') ? 'warn' : 'debug',
          msg: fields?.message ?? line,
          ...(target === undefined ? {} : { target }),
        };
      }
    } catch {
      // Not JSON after all: classified as plain text below.
    }
  }
  return { level: ALARMING.test(line) ? 'warn' : 'debug', msg: line };
}

/** Logs each line of `stream` and keeps the last `tailSize` lines in `tail` for start-up failure reports. */
export function relayEngineOutput(stream: Readable, logger: Logger, tail: string[], tailSize = 20): void {
  readline.createInterface({ input: stream, crlfDelay: Infinity }).on('line', (raw) => {
    const entry = parseEngineLine(raw);
    if (entry === undefined) return;
    tail.push(entry.msg);
    if (tail.length > tailSize) tail.shift();
    logger[entry.level](entry.target === undefined ? {} : { target: entry.target }, entry.msg);
  });
}
