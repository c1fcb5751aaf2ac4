// The clause locator on the real seed corpus (parsed, no engine), scored on the public citation file
// eval/locator.yaml: every citation journalists write resolves to its clause, every missing one says so.
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadCorpus } from '../../../indexer/corpus.ts';
import type { CorpusDocument } from '../../../indexer/types.ts';
import { citedPath, parseCitation } from '../../../server/query/citation.ts';
import { locate } from '../../../server/query/locate.ts';

const Case = z.union([
  z.object({ id: z.string(), q: z.string(), expect: z.string() }),
  z.object({ id: z.string(), q: z.string(), expectMissing: z.literal(true), nearest: z.string() }),
]);

let docs: CorpusDocument[];
const where = (docId: string, clauseId: string | null): string => {
  const doc = docs.find((d) => d.meta.id === docId)!;
  return `${docId} ${doc.clauses.find((c) => c.id === clauseId)?.path.zh ?? '(none)'}`;
};

beforeAll(async () => {
  docs = (await loadCorpus('corpus')).documents;
});

describe('parseCitation', () => {
  it('reads the forms people write into steps, and leaves the document words', () => {
    expect(parseCitation('Jiangxi Part II item 12')).toEqual({
      steps: [
        { level: 'part', n: 2 },
        { level: 'item', n: 12 },
      ],
      rest: 'Jiangxi',
    });
    expect(parseCitation('Part 2, Item (12)')?.steps).toEqual([
      { level: 'part', n: 2 },
      { level: 'item', n: 12 },
    ]);
    expect(parseCitation('江西 二、（十二）')?.steps).toEqual([
      { level: 'part', n: 2 },
      { level: 'item', n: 12 },
    ]);
    expect(parseCitation('第二部分第十二项')?.steps).toEqual([
      { level: 'part', n: 2 },
      { level: 'item', n: 12 },
    ]);
    expect(parseCitation('二（四）三是')?.steps).toEqual([
      { level: 'part', n: 2 },
      { level: 'item', n: 4 },
      { level: 'point', n: 3 },
    ]);
    expect(parseCitation('长寿区 三、5')).toEqual({
      steps: [
        { level: 'part', n: 3 },
        { level: 'subitem', n: 5 },
      ],
      rest: '长寿区',
    });
    expect(parseCitation('第12条')?.steps).toEqual([{ level: 'article', n: 12 }]);
    expect(parseCitation('NDRC 1586 Article 12')).toEqual({ steps: [{ level: 'article', n: 12 }], rest: 'NDRC 1586' });
  });

  it('writes cited steps back as the documents write paths', () => {
    expect(citedPath(parseCitation('Jiangxi Part II item 40')!.steps)).toEqual({ zh: '二、（四十）', en: 'Part II, Item 40' });
    expect(citedPath(parseCitation('防城港 二（四）四是')!.steps)).toEqual({ zh: '二、（四）四是', en: 'Part II, Item 4, Point 4' });
    expect(citedPath(parseCitation('长寿区 三、12')!.steps)).toEqual({ zh: '三、12．', en: 'Part III, Sub-item 12' });
    expect(citedPath(parseCitation('Fangchenggang Annex 1')!.steps)).toEqual({ zh: '附件1', en: 'Annex 1' });
  });

  it('finds no citation in ordinary queries and document numbers', () => {
    for (const q of ['negative list', '外商投资企业', '统一大市场', '发改外资（2022）1586号', '2023年 研发中心', 'departmental rules', 'a point of contact'])
      expect(parseCitation(q), q).toBeNull();
  });
});

describe('locate on eval/locator.yaml', () => {
  it('resolves every citation to its clause, and names the nearest clause for a missing one', async () => {
    const cases = z.array(Case).parse(parse(await readFile('eval/locator.yaml', 'utf8')));
    expect(cases.length).toBeGreaterThan(50);
    const metas = docs.map((d) => d.meta);
    const clausesOf = (id: string) => docs.find((d) => d.meta.id === id)!.clauses;
    const wrong: string[] = [];
    for (const c of cases) {
      const got = locate(c.q, metas, clausesOf);
      const seen = got ? `${got.found ? 'found' : 'missing'} ${where(got.docId, got.found ? got.clauseId : got.nearest)}` : 'null';
      const want = 'expect' in c ? `found ${c.expect}` : `missing ${c.nearest}`;
      if (seen !== want) wrong.push(`${c.id} "${c.q}": ${seen}, want ${want}`);
    }
    expect(wrong).toEqual([]);
  });

  it('resolves nothing where no single document is named', () => {
    const metas = docs.map((d) => d.meta);
    const clausesOf = (id: string) => docs.find((d) => d.meta.id === id)!.clauses;
    expect(locate('item 12', metas, clausesOf)).toBeNull();
    expect(locate('plan item 3', metas, clausesOf)).toBeNull();
  });
});
