// Translation files aligned to the clause tree, and the terminology gate over the real corpus.
import { describe, expect, it } from 'vitest';
import { loadCorpus, parseYamlValue } from '../../indexer/corpus.ts';
import { alignedTerms } from '../../indexer/enrich.ts';
import { loadEnricher } from '../../indexer/pipeline.ts';
import { checkTerminology, outermost, rendersEntry } from '../../indexer/terminology.ts';
import { clauseKey, parseTranslation } from '../../indexer/translation.ts';
import type { Clause } from '../../indexer/types.ts';

const clause = (key: string, line: number, extra: Partial<Clause> = {}): Clause => ({
  id: `doc--${key}`,
  docId: 'doc',
  ordinal: line,
  kind: 'item',
  depth: 1,
  parentId: null,
  path: { zh: key, en: key },
  text: '深入实施外资准入负面清单。',
  line,
  ...extra,
});
const CLAUSES = [clause('p1', 3, { kind: 'part', depth: 0 }), clause('p1-i1', 4)];
const parse = (text: string) =>
  parseTranslation(text, 'doc/translation.en.yaml', 'doc', CLAUSES, 'doc/source.txt', (t) => parseYamlValue(t, 'doc/translation.en.yaml'));

describe('parseTranslation', () => {
  it('aligns clauses by their stable key and keeps provenance, heading and termNotes', () => {
    const { translation, problems } = parse(
      [
        'docId: doc',
        'provenance: curated',
        'title: T',
        'summary: S.',
        'clauses:',
        '  p1:',
        '    heading: Part',
        '    text: Part',
        '  p1-i1:',
        '    text: Item.',
        '    termNotes: { negative-list: why }',
      ].join('\n'),
    );
    expect(problems).toEqual([]);
    expect(translation?.clauses.get('doc--p1-i1')).toEqual({
      heading: null,
      text: 'Item.',
      provenance: 'curated',
      termNotes: { 'negative-list': 'why' },
      line: 9,
    });
    expect(translation?.clauses.get('doc--p1')?.heading).toBe('Part');
    expect(clauseKey(CLAUSES[1]!)).toBe('p1-i1');
  });

  it('reports a key matching no clause at its line, and a clause without English at its source line', () => {
    const { translation, problems } = parse(
      ['docId: doc', 'provenance: curated', 'title: T', 'summary: S.', 'clauses:', '  p1:', '    text: Part', '  p9-i9:', '    text: Stray.'].join('\n'),
    );
    expect(translation?.clauses.size).toBe(1);
    expect(problems).toEqual([
      { file: 'doc/translation.en.yaml', line: 8, severity: 'warning', message: 'translation key "p9-i9" matches no clause of doc' },
      { file: 'doc/source.txt', line: 4, severity: 'warning', message: 'clause p1-i1 (p1-i1) has no English translation in translation.en.yaml' },
    ]);
  });

  it('ignores, with a warning, a file that breaks the schema; an official one needs its source', () => {
    expect(parse('docId: doc\nprovenance: machine\ntitle: T\nsummary: S\nclauses: {}').translation).toBeUndefined();
    const official = parse('docId: doc\nprovenance: official\ntitle: T\nsummary: S\nclauses: {}');
    expect(official.translation).toBeUndefined();
    expect(official.problems[0]?.message).toMatch(/^translation ignored: source: an official translation needs its source URL/);
    expect(parse('clauses: [').problems[0]).toMatchObject({ severity: 'warning', message: expect.stringMatching(/^translation ignored: invalid YAML/) });
  });
});

describe('terminology', async () => {
  const { enricher } = await loadEnricher();
  const entry = (id: string) => enricher.glossary.byId.get(id)!;

  it('accepts the preferred rendering or a variant, in plural and British spelling, but not other words', () => {
    expect(rendersEntry('Several R&D centres were set up.', entry('rd-center'))).toBe(true);
    expect(rendersEntry('The Negative Lists apply.', entry('negative-list'))).toBe(true);
    expect(rendersEntry('A list that is negative.', entry('negative-list'))).toBe(false);
  });

  it('requires only the outermost of nested terms', () => {
    const matches = alignedTerms('深入实施外资准入负面清单', enricher);
    expect(matches.map((m) => m.entryId)).toContain('negative-list');
    expect(outermost(matches).map((m) => m.entryId)).not.toContain('negative-list');
  });

  it('every clause of the five documents has English, and no glossary term lacks its rendering (the gate)', async () => {
    const { documents, problems } = await loadCorpus('corpus');
    expect(documents).toHaveLength(5);
    for (const doc of documents) {
      expect(doc.translation, doc.meta.id).toBeDefined();
      expect(doc.translation!.clauses.size, doc.meta.id).toBe(doc.clauses.length);
    }
    expect(problems.filter((p) => p.file.endsWith('translation.en.yaml'))).toEqual([]);
    const terminology = documents.flatMap((d) => checkTerminology(d, enricher.glossary, (t) => alignedTerms(t, enricher)));
    expect(terminology).toEqual([]);
  });

  it('reports a clause whose English misses a term, unless termNotes explain it', async () => {
    const { documents } = await loadCorpus('corpus');
    const doc = documents.find((d) => d.meta.id === 'national-2022-fdi-manufacturing')!;
    const id = 'national-2022-fdi-manufacturing--p1-i1';
    const broken = structuredClone(doc.translation!);
    broken.clauses.set(id, { ...broken.clauses.get(id)!, text: 'Implement the list in depth.', heading: null, termNotes: {} });
    const problems = checkTerminology({ ...doc, translation: broken }, enricher.glossary, (t) => alignedTerms(t, enricher));
    expect(problems.some((p) => p.line === broken.clauses.get(id)!.line && p.message.includes('[foreign-investment-negative-list]'))).toBe(true);
    broken.clauses.set(id, { ...broken.clauses.get(id)!, termNotes: Object.fromEntries(problems.map((p) => [/\[([^\]]+)\]/.exec(p.message)![1]!, 'test'])) });
    expect(
      checkTerminology({ ...doc, translation: broken }, enricher.glossary, (t) => alignedTerms(t, enricher)).filter(
        (p) => p.line === broken.clauses.get(id)!.line,
      ),
    ).toEqual([]);
  });
});
