// Process liveness and identity from the pid alone, so state and lock files survive crashes and pid reuse.
import fs from 'node:fs';

// USER_HZ: the unit of /proc/<pid>/stat start times; 100 on every mainstream Linux build.
const CLOCK_TICKS_PER_SECOND = 100;
// /proc start times are rebuilt from the boot time in whole seconds.
const START_TIME_SLACK_MS = 2000;

function procStat(pid: number): string[] | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: split after its closing one.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

function bootTimeMs(): number | undefined {
  try {
    const line = /^btime (\d+)$/m.exec(fs.readFileSync('/proc/stat', 'utf8'));
    return line?.[1] === undefined ? undefined : Number(line[1]) * 1000;
  } catch {
    return undefined;
  }
}

/** True while the process exists and is not a zombie (an exited child nobody has reaped yet). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  return procStat(pid)?.[0] !== 'Z';
}

/** When the process started, where /proc tells (Linux); undefined elsewhere or when it is gone. */
export function processStartTime(pid: number): Date | undefined {
  const ticks = procStat(pid)?.[19]; // field 22 (starttime); the array starts at field 3
  const boot = bootTimeMs();
  if (ticks === undefined || boot === undefined) return undefined;
  return new Date(boot + (Number(ticks) * 1000) / CLOCK_TICKS_PER_SECOND);
}

/**
 * True when `pid` is alive and was already running at `seenAt`: a recorded pid that now names a process started
 * later has been reused by the system and must not be trusted (or signalled).
 */
export function isSameProcess(pid: number, seenAt: Date): boolean {
  if (!isAlive(pid)) return false;
  const started = processStartTime(pid);
  return started === undefined || started.getTime() <= seenAt.getTime() + START_TIME_SLACK_MS;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Resolves true once the process is gone, false if it still runs after `timeoutMs`. */
export async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid)) {
    if (Date.now() >= deadline) return false;
    await sleep(50);
  }
  return true;
}

/** Blocking variant for 'exit' handlers, where no timer or promise will ever run again. */
export function waitForExitSync(pid: number, timeoutMs: number): boolean {
  const deadline = Date.now() + timeoutMs;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  while (isAlive(pid)) {
    if (Date.now() >= deadline) return false;
    Atomics.wait(pause, 0, 0, 50);
  }
  return true;
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // Already gone.
  }
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves when the process is gone. */
export async function terminate(pid: number, graceMs: number): Promise<void> {
  signal(pid, 'SIGTERM');
  if (await waitForExit(pid, graceMs)) return;
  signal(pid, 'SIGKILL');
  await waitForExit(pid, graceMs);
}

/** Blocking variant of terminate() for 'exit' handlers. */
export function terminateSync(pid: number, graceMs: number): void {
  signal(pid, 'SIGTERM');
  if (waitForExitSync(pid, graceMs)) return;
  signal(pid, 'SIGKILL');
  waitForExitSync(pid, graceMs);
}
