import { describe, expect, it } from 'vitest';
import { topFunctions, type CpuProfile } from '../../bench/profile.ts';

const frame = (functionName: string, url = '', lineNumber = 0) => ({ functionName, url, lineNumber });

const profile: CpuProfile = {
  nodes: [
    { id: 1, callFrame: frame('(root)') },
    { id: 2, callFrame: frame('segment', 'file:///repo/indexer/segment.ts', 9) },
    { id: 3, callFrame: frame('segment', 'file:///repo/indexer/segment.ts', 9) },
    { id: 4, callFrame: frame('(garbage collector)') },
    { id: 5, callFrame: frame('', 'node:internal/x', 1) },
  ],
  samples: [2, 3, 4, 2, 5, 99],
  timeDeltas: [1000, 2000, 500, 1500, 1000, 700],
};

describe('topFunctions', () => {
  it('sums self time per function across call sites, largest first', () => {
    const top = topFunctions(profile, 10, '/repo');
    expect(top[0]).toEqual({ fn: 'segment (indexer/segment.ts:10)', selfMs: 4.5, share: 4.5 / 6 });
    expect(top.map((e) => e.fn)).toEqual(['segment (indexer/segment.ts:10)', '(anonymous) (node:internal/x:2)', '(garbage collector)']);
  });

  it('keeps only `limit` entries', () => {
    expect(topFunctions(profile, 1)).toHaveLength(1);
  });
});
