import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diskBytes, indexFolders, isoDurationSeconds, newIndexBytes, summarizeBatches, traceDurationSeconds } from '../../bench/engine-stats.ts';

describe('duration parsing', () => {
  it('reads ISO 8601 durations', () => {
    expect(isoDurationSeconds('PT1.25S')).toBeCloseTo(1.25);
    expect(isoDurationSeconds('PT2M3.5S')).toBeCloseTo(123.5);
    expect(isoDurationSeconds('PT1H')).toBe(3600);
    expect(isoDurationSeconds('P1DT1S')).toBe(86_401);
    expect(isoDurationSeconds('PT')).toBeNull();
    expect(isoDurationSeconds('1.5s')).toBeNull();
  });

  it('reads Rust durations of progress traces', () => {
    expect(traceDurationSeconds('1.5s')).toBeCloseTo(1.5);
    expect(traceDurationSeconds('12.5ms')).toBeCloseTo(0.0125);
    expect(traceDurationSeconds('40µs')).toBeCloseTo(40e-6);
    expect(traceDurationSeconds('300ns')).toBeCloseTo(3e-7);
    expect(traceDurationSeconds('soon')).toBeNull();
  });
});

describe('summarizeBatches', () => {
  it('sums durations and trace steps over batches, longest step first', () => {
    const stats = (trace: Record<string, string>) => ({ totalNbTasks: 1, status: {}, types: {}, indexUids: {}, progressTrace: trace }) as never;
    const t = summarizeBatches([
      { duration: 'PT1.5S', stats: stats({ 'processing tasks': '1.4s', 'processing tasks > indexing': '900ms' }) },
      { duration: 'PT0.5S', stats: stats({ 'processing tasks': '450ms', 'processing tasks > indexing': '2s', odd: 'n/a' }) },
      { duration: null, stats: stats({}) },
    ]);
    expect(t.batches).toBe(3);
    expect(t.seconds).toBeCloseTo(2);
    expect(t.steps.map((s) => s.step)).toEqual(['processing tasks > indexing', 'processing tasks']);
    expect(t.steps[0]!.seconds).toBeCloseTo(2.9);
    expect(t.steps[1]!.seconds).toBeCloseTo(1.85);
  });
});

describe('disk usage', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'bench-disk-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('counts allocated bytes, only of index folders created after the listing', async () => {
    const indexes = path.join(dir, 'db', 'indexes');
    await mkdir(path.join(indexes, 'old'), { recursive: true });
    await writeFile(path.join(indexes, 'old', 'data.mdb'), Buffer.alloc(64 * 1024, 1));
    const before = await indexFolders(dir);
    expect(before.size).toBe(1);
    await mkdir(path.join(indexes, 'new', 'sub'), { recursive: true });
    await writeFile(path.join(indexes, 'new', 'sub', 'data.mdb'), Buffer.alloc(128 * 1024, 1));
    const fresh = await newIndexBytes(dir, before);
    expect(fresh).toBeGreaterThanOrEqual(128 * 1024);
    expect(fresh).toBeLessThan(192 * 1024);
    expect(await diskBytes(path.join(indexes, 'old'))).toBeGreaterThanOrEqual(64 * 1024);
    expect(await diskBytes(path.join(dir, 'missing'))).toBe(0);
  });
});
