import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EngineStartError } from '../../engine/errors.ts';
import { lockFilePath, withStartLock } from '../../engine/lock.ts';
import { tempDataDirs } from './helpers.ts';

const dataDir = tempDataDirs();

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A pid that belonged to a process which has exited. */
function deadPid(): number {
  const { pid } = spawnSync('true');
  if (pid === undefined) throw new Error('cannot spawn');
  return pid;
}

describe('withStartLock', () => {
  it('lets one holder in at a time and releases the lock afterwards', async () => {
    const dir = dataDir();
    let inside = 0;
    let most = 0;
    await Promise.all(
      Array.from({ length: 4 }, () =>
        withStartLock(dir, 5000, async () => {
          inside += 1;
          most = Math.max(most, inside);
          await sleep(30);
          inside -= 1;
        }),
      ),
    );
    expect(most).toBe(1);
    expect(fs.existsSync(lockFilePath(dir))).toBe(false);
  });

  it('returns the result and releases the lock when the work throws', async () => {
    const dir = dataDir();
    expect(await withStartLock(dir, 1000, async () => 42)).toBe(42);
    await expect(withStartLock(dir, 1000, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(fs.existsSync(lockFilePath(dir))).toBe(false);
  });

  it('takes over a lock whose holder died', async () => {
    const dir = dataDir();
    fs.writeFileSync(lockFilePath(dir), String(deadPid()));
    expect(await withStartLock(dir, 1000, async () => 'ran')).toBe('ran');
  });

  it('gives up on a live holder after the timeout, naming it', async () => {
    const dir = dataDir();
    fs.writeFileSync(lockFilePath(dir), String(process.pid));
    const started = Date.now();
    const attempt = withStartLock(dir, 300, async () => 'ran');
    await expect(attempt).rejects.toThrow(EngineStartError);
    await expect(attempt).rejects.toThrow(`pid ${process.pid}`);
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect(fs.readFileSync(lockFilePath(dir), 'utf8')).toBe(String(process.pid));
  });
});
