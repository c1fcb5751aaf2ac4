// Importing an English version laid out as official translations are ("I.", "(1)", unnumbered closing text).
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../indexer/corpus.ts';
import { ROOT, runCli } from '../helpers/cli.ts';
import { alignTranslation, detectMarker, romanValue } from '../../indexer/import-translation.ts';

const FIXTURE = path.join(ROOT, 'tests/fixtures/official-en/national-2022-fdi-manufacturing.md');
const DOC = 'national-2022-fdi-manufacturing';

describe('numbering of English versions', () => {
  it('reads parts, items, sub-items and articles in the forms official translations use', () => {
    expect(romanValue('XIV')).toBe(14);
    expect(detectMarker('II. Strengthen investment services')).toEqual({ level: 'part', n: 2, rest: 'Strengthen investment services' });
    expect(detectMarker('Part III Guide investment')).toMatchObject({ level: 'part', n: 3 });
    expect(detectMarker('(10) Encourage reinvestment.')).toEqual({ level: 'item', n: 10, rest: 'Encourage reinvestment.' });
    expect(detectMarker('Article 12 Foreign investors')).toMatchObject({ level: 'article', n: 12 });
    expect(detectMarker('3. Optimize services.')).toMatchObject({ level: 'subitem', n: 3 });
    expect(detectMarker('In recent years, China has')).toBeNull();
  });
});

describe('alignTranslation', async () => {
  const { documents } = await loadCorpus(path.join(ROOT, 'corpus'));
  const doc = documents.find((d) => d.meta.id === DOC)!;
  const english = await readFile(FIXTURE, 'utf8');

  it('places every paragraph of the English on its clause, by numbering and order', () => {
    const result = alignTranslation(doc.clauses, english);
    expect(result.missing.map((c) => c.path.zh)).toEqual([]);
    expect(result.unaligned).toEqual([]);
    for (const c of doc.clauses) {
      const got = result.clauses.find((x) => `${DOC}--${x.key}` === c.id);
      expect(got?.text, c.path.zh).toBe(doc.translation!.clauses.get(c.id)!.text);
    }
    const item = result.clauses.find((x) => x.key === 'p2-i10')!;
    expect(item.heading).toBe(doc.translation!.clauses.get(`${DOC}--p2-i10`)!.heading);
  });

  it('lists what it cannot place instead of guessing', () => {
    const result = alignTranslation(doc.clauses, english.replace(/^\(10\) /m, '(99) '));
    expect(result.missing.map((c) => c.path.zh)).toEqual(['二、（十）']);
    // Item 10's English then runs on inside item 9 and its extra paragraph has nowhere to go.
    expect(result.unaligned.length).toBeGreaterThan(0);
  });
});

const run = (...args: string[]) => runCli('indexer/cli/corpus.ts', args);

describe('npm run corpus -- import-translation', () => {
  it('writes translation.en.yaml with provenance official, which the corpus then loads', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'policy-search-import-'));
    try {
      await cp(path.join(ROOT, 'corpus', DOC), path.join(dir, DOC), { recursive: true, filter: (src) => !src.endsWith('translation.en.yaml') });
      const { code, stdout } = await run('--corpus', dir, 'import-translation', DOC, FIXTURE, '--source', 'https://example.org/official-english');
      expect(code).toBe(0);
      expect(stdout).toContain('21 of 21 clause(s) aligned, 0 block(s) unaligned');
      const { documents, problems } = await loadCorpus(dir);
      expect(problems.filter((p) => p.file.endsWith('translation.en.yaml'))).toEqual([]);
      expect(documents[0]!.translation).toMatchObject({ provenance: 'official', source: 'https://example.org/official-english' });
      expect(documents[0]!.translation!.clauses.size).toBe(21);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
