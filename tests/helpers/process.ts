// Test utilities of every suite: throwaway folders, a log sink, waiting for a condition.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach } from 'vitest';

export function tempDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'engine-test-'));
}

/** A maker of throwaway data folders, each removed after the test that made it. */
export function tempDataDirs(): () => string {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));
  return () => {
    const dir = tempDataDir();
    dirs.push(dir);
    return dir;
  };
}

/** A debug logger whose parsed records, and raw text for secret scans, the test can read. */
export function captureLogger() {
  let text = '';
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString();
      done();
    },
  });
  return {
    logger: pino({ level: 'debug' }, sink),
    records: (): Array<Record<string, unknown> & { level: number; msg: string }> =>
      text
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line)),
    text: () => text,
  };
}

export async function eventually(check: () => boolean | Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return check();
}
