import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { cpuDuring, parseProcStat, parseProcStatus, processCpuSeconds } from '../../bench/cpu.ts';

describe('parseProcStat', () => {
  it('reads utime + stime in seconds, even with spaces and parentheses in the command name', () => {
    const stat = '4242 (node (worker) x) S 1 4242 1 0 -1 4194304 102 0 0 0 250 50 0 0 20 0 1 0 309424 3133440 388';
    expect(parseProcStat(stat)).toBeCloseTo(3);
  });

  it('is null for text that is not a stat line', () => {
    expect(parseProcStat('garbage')).toBeNull();
  });
});

describe('parseProcStatus', () => {
  it('reads resident and peak resident memory in MB', () => {
    const status = 'Name:\tnode\nVmPeak:\t 1200000 kB\nVmHWM:\t  409600 kB\nVmRSS:\t  307200 kB\nThreads:\t11\n';
    expect(parseProcStatus(status)).toEqual({ rssMb: 300, peakRssMb: 400 });
  });

  it('is null where a line is missing, and reads this process on Linux', async () => {
    expect(parseProcStatus('Name:\tnode\n')).toEqual({ rssMb: null, peakRssMb: null });
    const own = await readFile('/proc/self/status', 'utf8').catch(() => null);
    if (own !== null) expect(parseProcStatus(own).rssMb).toBeGreaterThan(10);
  });
});

describe('processCpuSeconds and cpuDuring', () => {
  it('measures CPU the current process burns during the work', async () => {
    const before = await processCpuSeconds(process.pid);
    expect(before).toBeGreaterThan(0);
    // Bracketed by the process's own CPU clock (process.cpuUsage, the whole process like /proc/<pid>/stat), not by
    // wall time: the work burns 0.2 s of CPU however loaded the machine, and the reading lies between what was
    // burnt inside the work and around the call, give or take a clock tick of utime and of stime (10 ms each).
    const cpuSeconds = (since?: NodeJS.CpuUsage) => {
      const u = process.cpuUsage(since);
      return (u.user + u.system) / 1e6;
    };
    const TICKS = 0.02;
    const outer = process.cpuUsage();
    let inner = 0;
    const { result, cpu } = await cpuDuring({ self: process.pid, none: undefined }, async () => {
      const start = process.cpuUsage();
      let x = 0;
      while (cpuSeconds(start) < 0.2) for (let i = 0; i < 10_000; i++) x += Math.sqrt(x + 1);
      inner = cpuSeconds(start);
      return x;
    });
    const around = cpuSeconds(outer);
    expect(result).toBeGreaterThan(0);
    expect(inner).toBeGreaterThanOrEqual(0.2);
    expect(cpu.self).toBeGreaterThanOrEqual(inner - TICKS);
    expect(cpu.self).toBeLessThanOrEqual(around + TICKS);
    expect(cpu.none).toBeNull();
  });

  it('is null for a process that does not exist', async () => {
    expect(await processCpuSeconds(2 ** 30)).toBeNull();
  });
});
