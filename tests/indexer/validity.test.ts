import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../indexer/corpus.ts';
import { GOOD_SOURCE, makeDoc, metaYaml } from './hostile-corpus.ts';
import { DocumentMeta } from '../../indexer/types.ts';
import {
  dayNumber,
  documentStatus,
  periodEnd,
  periodStart,
  statusFilter,
  validityFacts,
  validityKey,
  validityOfKey,
  type ValidityFacts,
} from '../../indexer/validity.ts';

const final = (over: Partial<ValidityFacts> = {}): ValidityFacts => ({ status: 'final', validFrom: null, validUntil: null, superseded: false, ...over });

describe('validity periods', () => {
  it('reads a period at the precision the text gives, inclusive', () => {
    expect(periodStart('2022')).toBe(20220101);
    expect(periodEnd('2024')).toBe(20241231);
    expect(periodStart('2024-02')).toBe(20240201);
    expect(periodEnd('2024-02')).toBe(20240229);
    expect(periodEnd('2023-02')).toBe(20230228);
    expect(periodEnd('2023-06-21')).toBe(20230621);
  });

  it("takes today's date in China (UTC+8)", () => {
    expect(dayNumber(new Date('2024-12-31T15:59:59Z'))).toBe(20241231);
    expect(dayNumber(new Date('2024-12-31T16:00:00Z'))).toBe(20250101);
  });
});

describe('documentStatus', () => {
  // A 2022–2024 plan, as the Changshou draft would be once final.
  const plan = validityFacts({ status: 'final', validFrom: '2022', validUntil: '2024' });

  it('is in force through the last day of its period and expired the day after', () => {
    expect(documentStatus(plan, 20220101)).toBe('in_force');
    expect(documentStatus(plan, 20241231)).toBe('in_force');
    expect(documentStatus(plan, 20250101)).toBe('expired');
  });

  it('is not yet in force before its period', () => {
    expect(documentStatus(plan, 20211231)).toBe('pending');
  });

  it('is in force without a stated period, on any day', () => {
    expect(documentStatus(final(), 19000101)).toBe('in_force');
    expect(documentStatus(final(), 29991231)).toBe('in_force');
  });

  it('keeps a draft a draft and lets supersession outrank the period', () => {
    expect(documentStatus(validityFacts({ status: 'draft', validFrom: '2022', validUntil: '2024' }), 20300101)).toBe('draft');
    expect(documentStatus(validityFacts({ status: 'final', validUntil: '2030', supersededBy: 'x' }), 20250101)).toBe('superseded');
  });
});

describe('validity keys (the facet counted per clause)', () => {
  it('round-trips every combination of facts the status depends on', () => {
    for (const facts of [final(), final({ validFrom: 20220101 }), final({ validUntil: 20241231 }), final({ validFrom: 20220101, validUntil: 20241231 })]) {
      expect(validityOfKey(validityKey(facts))).toEqual(facts);
    }
    expect(documentStatus(validityOfKey(validityKey(final({ superseded: true })))!, 20250101)).toBe('superseded');
    expect(documentStatus(validityOfKey(validityKey({ ...final(), status: 'draft' }))!, 20250101)).toBe('draft');
    expect(validityOfKey('final:junk:')).toBeNull();
  });
});

describe('statusFilter', () => {
  it('is written with the day, so it is right on any day without reindexing', () => {
    expect(statusFilter('expired', 20250101)).toContain('validUntil < 20250101');
    expect(statusFilter('in_force', 20250101)).toContain('validUntil >= 20250101');
    expect(statusFilter('pending', 20250101)).toContain('validFrom > 20250101');
    expect(statusFilter('draft', 20250101)).toBe('status = "draft"');
    expect(statusFilter('superseded', 20250101)).toContain('superseded = true');
  });
});

describe('meta.yaml validity fields', () => {
  const base = {
    id: 'x',
    title: { zh: '标题', en: 'Title' },
    issuer: [{ zh: '机关', en: 'Body' }],
    region: { zh: '中国', en: 'China' },
    level: 'national',
    status: 'final',
    language: 'zh',
  };

  it('accepts a period and supersession', () => {
    const meta = DocumentMeta.parse({ ...base, validFrom: '2022', validUntil: '2024-06', supersededBy: 'y', supersedes: ['z'] });
    expect(validityFacts(meta)).toEqual({ status: 'final', validFrom: 20220101, validUntil: 20240630, superseded: true });
  });

  it('rejects a period that ends before it begins, and dates the calendar lacks', () => {
    expect(DocumentMeta.safeParse({ ...base, validFrom: '2024', validUntil: '2023' }).success).toBe(false);
    expect(DocumentMeta.safeParse({ ...base, validUntil: '2023-02-30' }).success).toBe(false);
    expect(DocumentMeta.safeParse({ ...base, validFrom: '2024', validUntil: '2024' }).success).toBe(true);
  });
});

describe('supersession across the corpus', () => {
  it('asks for supersededBy on a document another one says it supersedes, and reads each status from its own meta', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'supersede-'));
    try {
      await makeDoc(root, 'old-plan', metaYaml('old-plan'), GOOD_SOURCE);
      await makeDoc(root, 'new-plan', metaYaml('new-plan', 'supersedes: [old-plan]\n'), GOOD_SOURCE);
      const first = await loadCorpus(root);
      expect(first.problems.filter((p) => /supersedes this document/.test(p.message)).map((p) => p.file)).toEqual([path.join(root, 'old-plan', 'meta.yaml')]);
      await makeDoc(root, 'old-plan', metaYaml('old-plan', 'supersededBy: new-plan\n'), GOOD_SOURCE);
      const fixed = await loadCorpus(root);
      expect(fixed.problems.filter((p) => /supersed/.test(p.message))).toEqual([]);
      const old = fixed.documents.find((d) => d.meta.id === 'old-plan')!;
      expect(documentStatus(validityFacts(old.meta), 20250101)).toBe('superseded');
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
