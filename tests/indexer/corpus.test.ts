import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadCorpus, parseMetaYaml } from '../../indexer/corpus.ts';

const BROKEN = fileURLToPath(new URL('../fixtures/corpus-broken', import.meta.url));

const VALID = `id: some-doc
title:
  zh: 某文件
  en: A document
issuer:
  - zh: 某市人民政府
    en: People's Government of a City
region:
  zh: 某市
  en: A City
level: municipal
status: final
language: zh
`;

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
