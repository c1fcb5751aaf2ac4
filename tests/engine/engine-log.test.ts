import { describe, expect, it } from 'vitest';
import { parseEngineLine } from '../../engine/engine-log.ts';

const json = (level: string, message: string) =>
  JSON.stringify({ timestamp: '2025-01-01T00:00:00Z', level, fields: { message }, target: 'meilisearch' });

describe('parseEngineLine', () => {
  it('keeps info and debug records at debug, with their target', () => {
    expect(parseEngineLine(json('INFO', 'starting 2 workers'))).toEqual({
      level: 'debug',
      msg: 'starting 2 workers',
      target: 'meilisearch',
    });
    expect(parseEngineLine(json('DEBUG', 'x'))?.level).toBe('debug');
  });

  it('raises warnings and errors to warn', () => {
    expect(parseEngineLine(json('WARN', 'disk almost full'))?.level).toBe('warn');
    expect(parseEngineLine(json('ERROR', 'index corrupted'))?.level).toBe('warn');
    const notFound = 'Error encountered while processing the incoming HTTP request: ResponseError { code: 404, message: "Index `x` not found." }';
    expect(parseEngineLine(json('WARN', notFound))?.level).toBe('debug');
    expect(parseEngineLine(json('WARN', notFound.replace('404', '500')))?.level).toBe('warn');
  });

  it('classifies plain text (banner, panics) by its words', () => {
    expect(parseEngineLine('Database path:\t\t"/data/db"')).toEqual({ level: 'debug', msg: 'Database path:\t\t"/data/db"' });
    expect(parseEngineLine("thread 'main' panicked at src/main.rs")?.level).toBe('warn');
    expect(parseEngineLine('Error: Address already in use (os error 98)')?.level).toBe('warn');
  });

  it('drops blank lines and survives broken JSON', () => {
    expect(parseEngineLine('   ')).toBeUndefined();
    expect(parseEngineLine('{"level": "ERROR", trunc')).toEqual({ level: 'warn', msg: '{"level": "ERROR", trunc' });
  });
});
