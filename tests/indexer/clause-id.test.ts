import { describe, expect, it } from 'vitest';
import { clauseId, MAX_ID_BYTES, PathKeyRegistry } from '../../indexer/clause-id.ts';

describe('clauseId', () => {
  it('joins the document id and the path key', () => {
    expect(clauseId('jiangxi-2023-fdi-manufacturing', 'p2-i12')).toBe('jiangxi-2023-fdi-manufacturing--p2-i12');
    expect(clauseId('law-0123456789ab', 'ch2-a10')).toBe('law-0123456789ab--ch2-a10');
  });

  it('is deterministic', () => {
    expect(clauseId('doc', 'preamble-1')).toBe(clauseId('doc', 'preamble-1'));
  });

  it('only uses characters Meilisearch accepts in ids', () => {
    expect(clauseId('doc', 'a b/第一条')).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('stays within the id size limit, keeping long ids distinct', () => {
    const long = 'x'.repeat(600);
    const a = clauseId('doc', `${long}-a1`);
    const b = clauseId('doc', `${long}-a2`);
    expect(Buffer.byteLength(a)).toBeLessThanOrEqual(MAX_ID_BYTES);
    expect(a).not.toBe(b);
    expect(a.startsWith('doc--xxx')).toBe(true);
  });
});

describe('PathKeyRegistry', () => {
  it('keeps the first key and suffixes repeated ones in order', () => {
    const registry = new PathKeyRegistry();
    expect(['p1-i2', 'p1-i3', 'p1-i2', 'p1-i2'].map((k) => registry.claim(k))).toEqual(['p1-i2', 'p1-i3', 'p1-i2-dup2', 'p1-i2-dup3']);
  });
});
