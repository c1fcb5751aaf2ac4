// `corpus add` over the formats governments publish in: the national measures as .docx and as a text PDF, the
// Jiangxi notice as a saved HTML page, Fangchenggang as a GBK .txt. Each must parse into the hand-made entry's
// clauses (ids, paths, text) and infer its title, document number, date, region and level.
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../../indexer/corpus.ts';
import { addDocument } from '../../../indexer/import/add.ts';
import { inferDeps } from '../../../indexer/import/deps.ts';
import type { InferDeps } from '../../../indexer/import/infer.ts';
import { loadEnricher } from '../../../indexer/pipeline.ts';
import type { CorpusDocument } from '../../../indexer/types.ts';
import { jiangxiPage } from '../../fixtures/import/jiangxi-page.ts';
import { nationalDocx } from '../../fixtures/import/national.ts';

const NATIONAL = 'national-2022-fdi-manufacturing';
const JIANGXI = 'jiangxi-2023-fdi-manufacturing';
const FANGCHENGGANG = 'fangchenggang-2021-fdi-work-plan';
const source = (id: string) => readFile(path.join('corpus', id, 'source.txt'), 'utf8');

let seed: Map<string, CorpusDocument>;
let deps: InferDeps;
let dir: string;

beforeAll(async () => {
  seed = new Map((await loadCorpus('corpus')).documents.map((d) => [d.meta.id, d]));
  deps = inferDeps((await loadEnricher()).enricher);
  dir = await mkdtemp(path.join(tmpdir(), 'corpus-add-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const clauseView = (d: CorpusDocument) => d.clauses.map((c) => ({ id: c.id, path: c.path, text: c.text }));

const cases: { name: string; id: string; format: string; bytes: () => Promise<Uint8Array> }[] = [
  { name: 'the national measures as .docx', id: NATIONAL, format: 'docx', bytes: nationalDocx },
  { name: 'the national measures as a text PDF', id: NATIONAL, format: 'pdf', bytes: () => readFile('tests/fixtures/import/national-measures.pdf') },
  { name: 'the Jiangxi notice as a saved HTML page', id: JIANGXI, format: 'html', bytes: async () => Buffer.from(jiangxiPage(await source(JIANGXI))) },
  { name: 'Fangchenggang as a GBK .txt', id: FANGCHENGGANG, format: 'text', bytes: async () => iconv.encode(await source(FANGCHENGGANG), 'gbk') },
];

describe('corpus add', () => {
  for (const c of cases) {
    it(`${c.name}: the hand-made clauses and metadata`, async () => {
      const corpus = path.join(dir, `${c.format}-${c.id}`);
      const result = await addDocument(await c.bytes(), { corpusDir: corpus, id: c.id, deps });
      expect(result.format).toBe(c.format);
      // What was written is what the indexer loads.
      const loaded = await loadCorpus(corpus);
      expect(loaded.problems.filter((p) => p.severity === 'error')).toEqual([]);
      const doc = loaded.documents[0]!;
      const hand = seed.get(c.id)!;
      expect(clauseView(doc)).toEqual(clauseView(hand));
      for (const field of ['docNumber', 'date', 'level'] as const) expect(doc.meta[field], field).toEqual(hand.meta[field]);
      expect(doc.meta.title.zh).toBe(hand.meta.title.zh);
      expect(doc.meta.region).toEqual(hand.meta.region);
      // The original is kept byte for byte; every guess is listed for review, and `check` says so.
      expect((await readdir(path.join(corpus, c.id))).sort()).toEqual(['meta.yaml', `original.${c.format === 'text' ? 'txt' : c.format}`, 'source.txt']);
      expect(doc.meta.inferred).toEqual(expect.arrayContaining(['title.zh', 'title.en', 'region', 'level', 'issuer', 'status']));
      expect(loaded.problems.filter((p) => /was inferred by `corpus add`/.test(p.message))).toHaveLength(doc.meta.inferred!.length);
    });
  }
});
