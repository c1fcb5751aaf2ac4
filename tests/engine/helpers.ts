// Shared by the engine tests: process checks, and whether the engine can run.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { locateBinary } from '../../engine/binary.ts';

/** Why the Meilisearch binary cannot run here, or undefined when it can: tests that need it skip with this reason. */
export const engineMissing = ((): string | undefined => {
  try {
    const run = spawnSync(locateBinary(), ['--version'], { encoding: 'utf8' });
    return run.status === 0 ? undefined : `meilisearch --version failed: ${run.error?.message ?? run.stderr}`;
  } catch (error) {
    return (error as Error).message;
  }
})();
if (engineMissing !== undefined) console.log(`engine tests skipped: ${engineMissing}`);

/** True while the process exists and is not a zombie (the container's init may be slow to reap orphans). */
export function isAlive(pid: number): boolean {
  try {
    return fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0] !== 'Z';
  } catch {
    return false;
  }
}

/** Pids of live processes whose command line matches `pattern` (the engine and its watchdog name the data folder). */
export function processesMentioning(pattern: string): number[] {
  // pgrep never lists itself; zombies have an empty command line. Exit code 1: nothing found.
  const out = spawnSync('pgrep', ['-f', pattern], { encoding: 'utf8' }).stdout;
  return out.split('\n').filter(Boolean).map(Number).filter(isAlive);
}

/** Pids of the Meilisearch processes (not their watchdogs, which run /bin/sh) serving `dataDir`. */
export const enginesOf = (dataDir: string) => processesMentioning(`^\\S*meilisearch .*${path.join(dataDir, 'db')}`);
