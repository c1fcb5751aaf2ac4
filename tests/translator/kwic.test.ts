import { beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../indexer/corpus.ts';
import type { CorpusDocument } from '../../indexer/types.ts';
import { concordance } from '../../translator/kwic.ts';
import { loadGlossary } from '../../glossary/load.ts';
import type { Glossary } from '../../glossary/types.ts';
import { syntheticDocument } from '../glossary/corpus-helpers.ts';

let sample: Glossary;
beforeAll(async () => {
  sample = (await loadGlossary('tests/fixtures/glossary-sample')).glossary;
});

const docs = (): CorpusDocument[] => [
  syntheticDocument('doc-a', ['深入实施市场准入负面清单，动态调整负面清单。', '无关条款。']),
  syntheticDocument('doc-b', ['落实负面清单管理。']),
];

describe('concordance', () => {
  it('finds an entry through all its zh forms with context, clause path and per-document counts', () => {
    const entry = sample.byId.get('market-access-negative-list')!;
    const both = [syntheticDocument('doc-c', ['准入负面清单和市场准入负面清单'])];
    const r = concordance({ entry }, both, { width: 2 });
    expect(r.lines.map((l) => [l.left, l.match, l.right])).toEqual([
      ['', '准入负面清单', '和市'],
      ['单和', '市场准入负面清单', ''],
    ]);
    expect(r.lines[0]).toMatchObject({ clauseId: 'doc-c--c1', docId: 'doc-c', path: { zh: '（1）' } });
  });

  it('uses the index alignment when given, keeping only the entry asked for', () => {
    const entry = sample.byId.get('negative-list')!;
    const text = '相关税收和负面清单';
    const align = () => [
      { entryId: 'customs-duty', form: '关税', start: 1, end: 3 },
      { entryId: 'negative-list', form: '负面清单', start: 5, end: 9 },
    ];
    const r = concordance({ entry }, [syntheticDocument('doc-d', [text])], { width: 1, align });
    expect(r.lines.map((l) => [l.left, l.match, l.right])).toEqual([['和', '负面清单', '']]);
  });

  it('counts per document, most first, and totals', () => {
    const r = concordance({ entry: sample.byId.get('negative-list')! }, docs(), { width: 4 });
    expect(r.total).toBe(3);
    expect(r.perDocument).toEqual([
      { docId: 'doc-a', count: 2 },
      { docId: 'doc-b', count: 1 },
    ]);
    expect(r.lines[1]).toMatchObject({ left: '动态调整', match: '负面清单', right: '。', start: 17, end: 21 });
  });

  it('searches a raw Chinese string literally', () => {
    const r = concordance({ text: '清单' }, docs());
    expect(r.total).toBe(3);
    expect(r.lines.every((l) => l.match === '清单')).toBe(true);
    expect(r.lines[0]!.left).toBe('深入实施市场准入负面');
    expect(() => concordance({ text: '' }, docs())).toThrow(/entry or a non-empty text/);
  });
});

describe('concordance on the real corpus', () => {
  it('finds 利润再投资 in the national measures, item (十)', async () => {
    const { documents } = await loadCorpus('corpus');
    const { glossary } = await loadGlossary('glossary/data');
    const entry = glossary.entries.find((e) => e.zh === '利润再投资')!;
    const r = concordance({ entry }, documents);
    const national = r.lines.filter((l) => l.docId === 'national-2022-fdi-manufacturing' && l.path.zh === '二、（十）');
    expect(national.length).toBeGreaterThanOrEqual(2);
    expect(r.perDocument.reduce((n, d) => n + d.count, 0)).toBe(r.total);
    for (const l of r.lines) expect([entry.zh, ...entry.variants.zh]).toContain(l.match);
  });
});
