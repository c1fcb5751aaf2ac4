import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { candidates, GENERAL_WEIGHT, MAX_EXAMPLES } from '../../translator/candidates.ts';
import { cedictFor } from '../../indexer/dictionary.ts';
import { loadGlossary } from '../../glossary/load.ts';
import type { Glossary } from '../../glossary/types.ts';
import { writeUserDict } from '../../glossary/userdict.ts';
import { createSegmenter, type Segmenter } from '../../indexer/segment.ts';
import { loadCorpus } from '../../indexer/corpus.ts';
import { syntheticDocument } from '../glossary/corpus-helpers.ts';

let dir: string;
let glossary: Glossary;
let segmenter: Segmenter;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'candidates-test-'));
  glossary = (await loadGlossary('glossary/data')).glossary;
  const dict = path.join(dir, 'user.dict.utf8');
  await writeUserDict(glossary, dict);
  segmenter = createSegmenter({ userDictPath: dict });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('candidates', () => {
  const docs = [
    syntheticDocument('doc-a', ['推进冷链设施建设，完善港口冷链规则。2023年6月，第一批冷链项目落地。', '落实负面清单，建设港口码头。']),
    syntheticDocument('doc-b', ['支持冷链企业参与港口合作，一是做好负面清单管理。']),
  ];

  it('ranks frequent nominal terms that the glossary lacks, with counts and an example', () => {
    const list = candidates(docs, glossary, [], { segmenter });
    const terms = list.map((c) => c.term);
    expect(terms.slice(0, 2)).toEqual(['冷链', '港口']);
    expect(list[0]).toMatchObject({ frequency: 4, documentCount: 2 });
    expect(list[0]!.examples[0]).toMatchObject({ docId: 'doc-a', clauseId: 'doc-a--c1', match: '冷链', left: '推进', right: '设施建设，完善港口冷链规' });
    expect(list[1]).toMatchObject({ frequency: 3, documentCount: 2 });
    // Verbs are not terminology.
    for (const verb of ['推进', '支持', '完善']) expect(terms).not.toContain(verb);
    expect(list.map((c) => c.score)).toEqual([...list.map((c) => c.score)].sort((a, b) => b - a));
  });

  it('drops glossary forms and their substrings, excluded terms, numbers and one-character words', () => {
    const terms = candidates(docs, glossary, ['港口'], { segmenter }).map((c) => c.term);
    expect(terms).toContain('冷链');
    for (const t of ['负面清单', '负面', '清单', '港口', '2023', '6', '第一批', '一是']) expect(terms).not.toContain(t);
    for (const t of terms) expect([...t].length).toBeGreaterThanOrEqual(2);
  });

  it('honours the limit and reports progress per document', () => {
    const progress: number[] = [];
    const list = candidates(docs, glossary, [], { segmenter, limit: 2, onProgress: (done) => progress.push(done) });
    expect(list).toHaveLength(2);
    expect(progress).toEqual([1, 2]);
  });

  it('proposes terms from the real corpus that are not glossary forms', async () => {
    const { documents } = await loadCorpus('corpus');
    const list = candidates(documents, glossary, [], { segmenter, limit: 30 });
    expect(list).toHaveLength(30);
    const forms = new Set(glossary.entries.flatMap((e) => [e.zh, ...e.variants.zh]));
    for (const c of list) {
      expect(forms.has(c.term)).toBe(false);
      expect(c.documentCount).toBeGreaterThanOrEqual(1);
      expect(c.frequency).toBeGreaterThanOrEqual(c.documentCount);
    }
  });

  it('ranks real domain terms of the seed corpus above administrative filler (CC-CEDICT baseline, stop list)', async () => {
    const { documents } = await loadCorpus('corpus');
    const text = documents.flatMap((d) => d.clauses.map((c) => c.text)).join('\n');
    // Picked by reading corpus/*/source.txt: investment-policy compounds the glossary has no entry for.
    const domain = ['吸引外资', '引进外资', '开放政策', '分配利润', '涉外企业', '进口设备', '产业园'];
    // What led the list before the baseline: words of any government text.
    const filler = ['疫情', '渠道', '用好', '全省', '我区'];
    for (const t of [...domain, ...filler]) expect(text, t).toContain(t);
    const list = candidates(documents, glossary, [], { segmenter, limit: 1000, dictionary: cedictFor });
    const rank = (t: string) => list.findIndex((c) => c.term === t);
    const worstDomain = Math.max(...domain.map(rank));
    for (const t of domain) expect(rank(t), t).toBeGreaterThanOrEqual(0);
    expect(worstDomain, JSON.stringify(domain.map((t) => [t, rank(t)]))).toBeLessThan(50);
    for (const t of filler) {
      const r = rank(t);
      if (r !== -1) expect(r, t).toBeGreaterThan(worstDomain);
    }
    // 渠道 is not on the stop list: the dictionary baseline is what moves it down, and gives its English.
    const channel = list.find((c) => c.term === '渠道')!;
    expect(channel.english).toContain('channel');
    expect(channel.score).toBeCloseTo(channel.tfidf * GENERAL_WEIGHT, 1);
    for (const c of list) {
      expect(c.documents).toHaveLength(c.documentCount);
      expect(c.examples.length).toBeGreaterThanOrEqual(1);
      expect(c.examples.length).toBeLessThanOrEqual(MAX_EXAMPLES);
      for (const e of c.examples) expect(e.match.toLowerCase()).toBe(c.term);
    }
    const two = list.find((c) => c.documentCount >= 2)!;
    expect(new Set(two.examples.map((e) => e.docId)).size).toBe(2);
  });
});
