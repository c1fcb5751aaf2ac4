// One starter at a time per data folder: an exclusive lock file naming its holder's pid.
import type { Stats } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { EngineStartError } from './errors.ts';
import { isSameProcess } from './process-info.ts';

// A lock file not yet holding its pid is being written; past this age its writer died in between.
const UNWRITTEN_LOCK_GRACE_MS = 5000;

export function lockFilePath(dataDir: string): string {
  return path.join(dataDir, 'engine.lock');
}

async function tryAcquire(file: string): Promise<boolean> {
  try {
    const handle = await fs.open(file, 'wx');
    try {
      await handle.writeFile(String(process.pid));
    } finally {
      await handle.close();
    }
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/** Removes the lock when its holder is dead (or its pid now names a newer process); true if it is gone. */
async function clearIfStale(file: string): Promise<boolean> {
  let content: string;
  let seen: Stats;
  try {
    [content, seen] = await Promise.all([fs.readFile(file, 'utf8'), fs.stat(file)]);
  } catch {
    return true; // released meanwhile
  }
  const pid = Number.parseInt(content, 10);
  const stale = Number.isInteger(pid) && pid > 0
    ? !isSameProcess(pid, seen.mtime)
    : Date.now() - seen.mtimeMs > UNWRITTEN_LOCK_GRACE_MS;
  if (!stale) return false;
  // Only remove the very file judged stale, not a fresh lock another starter took since.
  const now = await fs.stat(file).catch(() => undefined);
  if (now?.ino === seen.ino && now.mtimeMs === seen.mtimeMs) await fs.rm(file, { force: true });
  return true;
}

/** Runs `fn` while holding `<dataDir>/engine.lock`, waiting up to `timeoutMs` for a live holder to finish. */
export async function withStartLock<T>(dataDir: string, timeoutMs: number, fn: () => Promise<T>): Promise<T> {
  const file = lockFilePath(dataDir);
  await fs.mkdir(dataDir, { recursive: true });
  const deadline = Date.now() + timeoutMs;
  while (!(await tryAcquire(file))) {
    if (await clearIfStale(file)) continue;
    if (Date.now() >= deadline) {
      throw new EngineStartError(`another process holds ${file} (pid ${(await fs.readFile(file, 'utf8').catch(() => '?')).trim()})`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  try {
    return await fn();
  } finally {
    await fs.rm(file, { force: true });
  }
}
