import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli.ts';
import { addHostileDocs, HOSTILE_IDS, tempCorpus } from '../hostile-corpus.ts';

const run = (...args: string[]) => runCli('indexer/cli/corpus.ts', args);

describe('npm run corpus -- add', () => {
  it('infers without writing on --dry-run, writes the folder otherwise, and check then asks for the review', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'corpus-cli-add-'));
    try {
      const corpus = path.join(dir, 'corpus');
      const dry = await run('add', 'tests/fixtures/import/national-measures.pdf', '--corpus', corpus, '--id', 'national-pdf', '--dry-run');
      expect(dry.code).toBe(0);
      expect(dry.stdout).toContain('docNumber: 发改外资〔2022〕1586号');
      expect(dry.stdout).toContain('national-pdf: 21 clause(s) from tests/fixtures/import/national-measures.pdf (pdf)');
      expect(dry.stdout).toContain('(dry run: nothing written)');
      await expect(readdir(corpus)).rejects.toThrow();
      const added = await run('add', 'tests/fixtures/import/national-measures.pdf', '--corpus', corpus, '--id', 'national-pdf');
      expect(added.code).toBe(0);
      expect((await readdir(path.join(corpus, 'national-pdf'))).sort()).toEqual(['meta.yaml', 'original.pdf', 'source.txt']);
      const check = await run('check', '--corpus', corpus);
      expect(check.code).toBe(0);
      expect(check.stdout).toMatch(/national-pdf\/meta\.yaml:\d+: warning: title\.en was inferred by `corpus add`/);
      const again = await run('add', 'tests/fixtures/import/image-only.pdf', '--corpus', corpus);
      expect(again.code).toBe(1);
      expect(again.stderr).toContain('tests/fixtures/import/image-only.pdf: error: the PDF has no text layer');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    // Four child processes, each loading jieba, the glossary and CC-CEDICT: ~25 s alone, far more beside a full run.
  }, 240_000);
});

describe('npm run corpus', () => {
  it('check exits 1 and prints file:line for each problem of a broken corpus', async () => {
    const { code, stdout } = await run('check', '--corpus', 'tests/fixtures/corpus-broken');
    expect(code).toBe(1);
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^tests\/fixtures\/corpus-broken\/bad-meta\/meta\.yaml:11: error: level: /);
    expect(lines[1]).toBe('tests/fixtures/corpus-broken/missing-source/source.txt: error: cannot read source: file not found');
    expect(lines.at(-1)).toBe('1 document(s) loaded, 2 error(s), 0 warning(s)');
  });

  it('check exits 0 on the project corpus, printing its warnings', async () => {
    const { code, stdout } = await run('check');
    expect(code).toBe(0);
    expect(stdout).toContain('corpus/fangchenggang-2021-fdi-work-plan/source.txt:15: warning: heading "强化利用外资政策支持" has no number');
    expect(stdout.trim().split('\n').at(-1)).toBe('5 document(s) loaded, 0 error(s), 1 warning(s)');
  });

  it('outline prints the clause tree indented by depth, with kinds and the inferred flag', async () => {
    const { code, stdout } = await run('outline', 'fangchenggang-2021-fdi-work-plan');
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    expect(lines).toContain('二、  [part]  主要任务');
    expect(lines.find((l) => l.startsWith('  二、（二）'))).toMatch(/^ {2}二、（二） {2}\[item, inferred\] {2}强化利用外资政策支持/);
    expect(lines.find((l) => l.includes('二、（三）一是'))).toMatch(/^ {4}二、（三）一是 {2}\[point\]/);
    expect(lines.find((l) => l.startsWith('附件1'))).toBe('附件1  [attachment]  扩大利用外资规模工作任务分工表');
  });

  it('outline of an unknown id exits 1', async () => {
    const { code, stderr } = await run('outline', 'no-such-doc');
    expect(code).toBe(1);
    expect(stderr).toContain('no document "no-such-doc"');
  });

  it('list prints ids and titles', async () => {
    const { code, stdout } = await run('list', '--corpus', 'tests/fixtures/corpus-broken');
    expect(code).toBe(0);
    expect(stdout.trim()).toBe('good-doc\t某市促进外商投资若干措施\tSeveral Measures of a City for Promoting Foreign Investment');
  });

  it('laws parses a Markdown folder and exits 1 when a file cannot be read', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'laws-cli-'));
    try {
      await writeFile(path.join(dir, '甲法.md'), '# 甲法\n\n<!-- INFO END -->\n\n第一条 甲。\n\n第三条 丙。\n');
      const ok = await run('laws', dir, '--warnings');
      expect(ok.code).toBe(0);
      expect(ok.stdout).toContain(`${path.join(dir, '甲法.md')}:7: warning: numbering gap`);
      expect(ok.stdout.trim().split('\n').at(-1)).toBe('1 document(s), 3 clause(s), 0 error(s), 1 warning(s)');
      await writeFile(path.join(dir, '乙法.md'), Buffer.from([0x23, 0x20, 0xb9, 0xd8]));
      const broken = await run('laws', dir);
      expect(broken.code).toBe(1);
      expect(broken.stdout).toContain(`${path.join(dir, '乙法.md')}: error: cannot read: not valid UTF-8`);
      expect(broken.stdout).not.toContain('warning: numbering gap');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('check reports every hostile file as file: error: message, without a stack trace', async () => {
    const corpus = await tempCorpus(addHostileDocs);
    try {
      const { code, stdout, stderr } = await run('check', '--corpus', corpus.root);
      expect(code).toBe(1);
      expect(stderr).not.toMatch(/\n\s+at |Error:/);
      const lines = stdout.trim().split('\n');
      expect(lines).toContain(
        `${path.join(corpus.root, 'alias-bomb', 'meta.yaml')}: error: invalid YAML: Excessive alias count indicates a resource exhaustion attack`,
      );
      expect(lines).toContain(
        `${path.join(corpus.root, 'traversal', 'meta.yaml')}: error: sourceFile: "../../master.key" resolves outside the document folder`,
      );
      for (const id of HOSTILE_IDS)
        expect(
          lines.some((l) => l.startsWith(path.join(corpus.root, id)) && l.includes(': error: ')),
          id,
        ).toBe(true);
      expect(lines.at(-1)).toMatch(/^1 document\(s\) loaded, 6 error\(s\)/);
      expect(stdout + stderr).not.toContain(corpus.secret);
    } finally {
      await corpus.remove();
    }
  });

  it('outline never prints a file outside the document folder', async () => {
    const corpus = await tempCorpus(addHostileDocs);
    try {
      for (const id of ['traversal', 'symlinked']) {
        const { code, stdout, stderr } = await run('outline', id, '--corpus', corpus.root);
        expect(code, id).toBe(1);
        expect(stderr).toContain(`document "${id}" has errors and is left out`);
        expect(stdout + stderr).not.toContain(corpus.secret);
      }
    } finally {
      await corpus.remove();
    }
  });
});
