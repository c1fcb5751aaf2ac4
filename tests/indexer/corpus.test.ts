import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadCorpus, parseMetaYaml } from '../../indexer/corpus.ts';
import { CORPUS_LIMITS } from '../../shared/limits.ts';
import { addHostileDocs, aliasBomb, GOOD_SOURCE, HOSTILE_IDS, makeDoc, metaYaml, tempCorpus } from './hostile-corpus.ts';

const BROKEN = fileURLToPath(new URL('../fixtures/corpus-broken', import.meta.url));

const VALID = metaYaml('some-doc');

describe('parseMetaYaml', () => {
  it('accepts a valid file and defaults the source file name', () => {
    const { meta, problems } = parseMetaYaml(VALID, 'm.yaml');
    expect(problems).toEqual([]);
    expect(meta).toMatchObject({ id: 'some-doc', level: 'municipal', sourceFile: 'source.txt' });
  });

  it('points a schema error at the line of the bad field', () => {
    const { meta, problems } = parseMetaYaml(VALID.replace('level: municipal', 'level: county'), 'm.yaml');
    expect(meta).toBeUndefined();
    expect(problems).toEqual([expect.objectContaining({ file: 'm.yaml', line: 11, severity: 'error' })]);
    expect(problems[0]!.message).toMatch(/^level: /);
  });

  it('points at a nested field and at an unknown key', () => {
    const nested = parseMetaYaml(VALID.replace('    en: People', '    fr: People'), 'm.yaml').problems;
    expect(nested.map((p) => p.line)).toContain(7);
    const unknown = parseMetaYaml(`${VALID}colour: blue\n`, 'm.yaml').problems;
    expect(unknown).toEqual([expect.objectContaining({ line: 14 })]);
  });

  it('points a missing field at its parent mapping', () => {
    const { problems } = parseMetaYaml(VALID.replace('status: final\n', ''), 'm.yaml');
    expect(problems).toEqual([expect.objectContaining({ line: 1, message: expect.stringMatching(/^status: /) })]);
  });

  it('reports YAML syntax errors with their line', () => {
    const { meta, problems } = parseMetaYaml('id: x\ntitle: [unclosed\n', 'm.yaml');
    expect(meta).toBeUndefined();
    expect(problems[0]).toMatchObject({ file: 'm.yaml', severity: 'error', message: expect.stringMatching(/^invalid YAML/) });
    expect(problems[0]!.line).toBeGreaterThanOrEqual(2);
  });
});

describe('loadCorpus', () => {
  it('loads the good document and names the file of each broken one', async () => {
    const { documents, problems } = await loadCorpus(BROKEN);
    expect(documents.map((d) => d.meta.id)).toEqual(['good-doc']);
    expect(documents[0]!.sourcePath).toBe('good-doc/source.txt');
    expect(documents[0]!.clauses.map((c) => c.path.zh)).toEqual(['标题', '序言', '一、', '一、（一）', '一、（二）']);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatchObject({ file: `${BROKEN}/bad-meta/meta.yaml`, line: 11, severity: 'error' });
    expect(problems[1]).toMatchObject({ file: `${BROKEN}/missing-source/source.txt`, severity: 'error', message: 'cannot read source: file not found' });
  });

  it('reports a missing corpus folder instead of throwing', async () => {
    const { documents, problems } = await loadCorpus(`${BROKEN}/does-not-exist`);
    expect(documents).toEqual([]);
    expect(problems).toEqual([expect.objectContaining({ file: `${BROKEN}/does-not-exist`, severity: 'error' })]);
  });

  it('reports a folder without meta.yaml, an id that differs from its folder and a source that is not UTF-8', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'corpus-'));
    try {
      await mkdir(path.join(root, 'no-meta'));
      await mkdir(path.join(root, 'wrong-id'));
      await writeFile(path.join(root, 'wrong-id', 'meta.yaml'), VALID);
      await mkdir(path.join(root, 'some-doc'));
      await writeFile(path.join(root, 'some-doc', 'meta.yaml'), VALID);
      await writeFile(path.join(root, 'some-doc', 'source.txt'), Buffer.from([0xb9, 0xd8, 0xd3, 0xda]));
      const { documents, problems } = await loadCorpus(root);
      expect(documents).toEqual([]);
      expect(problems.map((p) => [path.relative(root, p.file), p.message])).toEqual([
        ['no-meta/meta.yaml', 'cannot read metadata: file not found'],
        ['some-doc/source.txt', 'cannot read source: not valid UTF-8'],
        ['wrong-id/meta.yaml', 'id "some-doc" does not match its folder "wrong-id"'],
      ]);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});

describe('hostile corpus files', () => {
  it('reports an alias bomb as a problem of its file instead of throwing', async () => {
    const { meta, problems } = parseMetaYaml(aliasBomb(), 'bomb.yaml');
    expect(meta).toBeUndefined();
    expect(problems).toEqual([expect.objectContaining({ file: 'bomb.yaml', severity: 'error', message: expect.stringMatching(/^invalid YAML: .*alias/i) })]);
  });

  it('loads the good document and reports every bad one with its file, leaving it out', async () => {
    const corpus = await tempCorpus(addHostileDocs);
    try {
      const { documents, problems, skipped } = await loadCorpus(corpus.root);
      expect(documents.map((d) => d.meta.id)).toEqual(['good-doc']);
      expect(skipped).toEqual(HOSTILE_IDS);
      const errors = problems.filter((p) => p.severity === 'error');
      const byDoc = (id: string) => errors.filter((p) => path.relative(corpus.root, p.file).split(path.sep)[0] === id);
      for (const id of HOSTILE_IDS) expect(byDoc(id).length, id).toBeGreaterThan(0);
      expect(byDoc('alias-bomb')[0]).toMatchObject({
        file: path.join(corpus.root, 'alias-bomb', 'meta.yaml'),
        message: expect.stringMatching(/^invalid YAML/),
      });
      expect(byDoc('traversal')[0]!.message).toMatch(/resolves outside the document folder/);
      expect(byDoc('symlinked')[0]!.message).toMatch(/resolves outside the document folder/);
      expect(byDoc('bad-date')[0]).toMatchObject({
        file: path.join(corpus.root, 'bad-date', 'meta.yaml'),
        message: expect.stringMatching(/^date: .*calendar/),
      });
      expect(byDoc('empty-source')[0]!.message).toBe('the source has no text');
      expect(byDoc('nul-source')[0]!.message).toMatch(/control characters \(U\+0000\)/);
      // Nothing of the file outside the corpus reached a clause or a message.
      expect(JSON.stringify({ documents, problems })).not.toContain(corpus.secret);
    } finally {
      await corpus.remove();
    }
  });

  it('accepts a source reached through a symlink that stays inside its folder', async () => {
    const corpus = await tempCorpus(async (root) => {
      await makeDoc(root, 'linked-inside', metaYaml('linked-inside', 'sourceFile: text.txt\n'), GOOD_SOURCE);
      await symlink('source.txt', path.join(root, 'linked-inside', 'text.txt'));
    });
    try {
      const { documents, problems } = await loadCorpus(corpus.root);
      expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
      expect(documents.map((d) => d.meta.id)).toEqual(['good-doc', 'linked-inside']);
    } finally {
      await corpus.remove();
    }
  });

  it('refuses a meta.yaml beyond its size limit before parsing it', async () => {
    const corpus = await tempCorpus(async (root) => {
      await makeDoc(root, 'huge-meta', `${metaYaml('huge-meta')}dateNote: "${'x'.repeat(CORPUS_LIMITS.metaBytes)}"\n`, GOOD_SOURCE);
    });
    try {
      const { documents, problems } = await loadCorpus(corpus.root);
      expect(documents.map((d) => d.meta.id)).toEqual(['good-doc']);
      expect(problems).toEqual([
        expect.objectContaining({ file: path.join(corpus.root, 'huge-meta', 'meta.yaml'), message: expect.stringMatching(/more than the 65536 allowed/) }),
      ]);
    } finally {
      await corpus.remove();
    }
  });
});

describe('meta dates', () => {
  it('accepts real dates at every precision and rejects impossible ones', () => {
    const dateProblems = (date: string) => parseMetaYaml(`${VALID}date: '${date}'\n`, 'm.yaml').problems;
    for (const ok of ['2023', '2023-06', '2023-06-21', '2024-02-29', '2000-02-29']) expect(dateProblems(ok), ok).toEqual([]);
    for (const bad of ['2023-13-45', '2023-00', '2023-02-29', '1900-02-29', '2023-04-31', '2023-06-00']) {
      expect(dateProblems(bad), bad).toEqual([expect.objectContaining({ line: 14, severity: 'error', message: expect.stringMatching(/^date: /) })]);
    }
  });
});
