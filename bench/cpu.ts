// CPU time of processes, to tell where a load test's time goes on a machine with few cores: the engine, the
// API server or the load generator itself.
import { readFile } from 'node:fs/promises';

/** Linux USER_HZ, the unit of utime/stime in /proc/<pid>/stat (100 on every mainstream kernel build). */
const CLOCK_TICKS_PER_SECOND = 100;

/** Pure: user + system CPU seconds from the text of /proc/<pid>/stat; null if it cannot be read. */
export function parseProcStat(text: string): number | null {
  // The command name (field 2) is in parentheses and may contain spaces: count fields after its closing one.
  const rest = text.slice(text.lastIndexOf(')') + 2).split(' ');
  // rest[0] is field 3 (state); utime and stime are fields 14 and 15.
  const utime = Number(rest[11]);
  const stime = Number(rest[12]);
  if (!Number.isFinite(utime) || !Number.isFinite(stime)) return null;
  return (utime + stime) / CLOCK_TICKS_PER_SECOND;
}

/** CPU seconds a process has used so far; null where /proc is not available or the process is gone. */
export async function processCpuSeconds(pid: number): Promise<number | null> {
  if (pid === process.pid) {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1e6;
  }
  const text = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null);
  return text === null ? null : parseProcStat(text);
}

/** CPU seconds each of `pids` used while `work` ran (null for a pid that could not be read). */
export async function cpuDuring<T>(
  pids: Record<string, number | undefined>,
  work: () => Promise<T>,
): Promise<{ result: T; cpu: Record<string, number | null> }> {
  const read = async () =>
    Object.fromEntries(
      await Promise.all(Object.entries(pids).map(async ([name, pid]) => [name, pid === undefined ? null : await processCpuSeconds(pid)] as const)),
    );
  const before = await read();
  const result = await work();
  const after = await read();
  const cpu: Record<string, number | null> = {};
  for (const name of Object.keys(pids)) {
    const a = after[name];
    const b = before[name];
    cpu[name] = a === null || a === undefined || b === null || b === undefined ? null : a - b;
  }
  return { result, cpu };
}

/** MB of the `VmRSS` (resident now) and `VmHWM` (peak resident) lines of /proc/<pid>/status; null when absent. */
export function parseProcStatus(text: string): { rssMb: number | null; peakRssMb: number | null } {
  const kb = (field: string) => {
    const m = new RegExp(`^${field}:\\s+(\\d+)\\s+kB`, 'm').exec(text);
    return m ? Number(m[1]) / 1024 : null;
  };
  return { rssMb: kb('VmRSS'), peakRssMb: kb('VmHWM') };
}
