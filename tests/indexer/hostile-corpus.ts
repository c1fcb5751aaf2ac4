// Bad corpus files, made by the tests in a private temporary corpus: an alias bomb, a source outside its
// folder, impossible dates, empty and NUL-filled sources. One good document sits beside them.
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export function metaYaml(id: string, extra = ''): string {
  return `id: ${id}
title:
  zh: 某市促进外商投资若干措施
  en: Several Measures of a City for Promoting Foreign Investment
issuer:
  - zh: 某市人民政府
    en: People's Government of a City
region:
  zh: 某市
  en: A City
level: municipal
status: final
language: zh
${extra}`;
}

export const GOOD_SOURCE = `某市促进外商投资若干措施

为进一步扩大外资流入，制定以下措施。
一、优化投资环境
（一）落实准入前国民待遇。全面落实外商投资准入负面清单。
（二）强化要素保障。保障外资项目用地需求。
`;

/** Nine nested anchors, each referencing the previous one nine times: 9^9 nodes once expanded. */
export function aliasBomb(): string {
  const lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
  for (let i = 1; i < 9; i++) lines.push(`a${i}: &a${i} [${Array.from({ length: 9 }, () => `*a${i - 1}`).join(', ')}]`);
  return `${metaYaml('alias-bomb')}${lines.join('\n')}\n`;
}

export interface TempCorpus {
  root: string;
  /** A file outside the corpus that no document may publish. */
  secretFile: string;
  secret: string;
  remove(): Promise<void>;
}

export async function makeDoc(root: string, id: string, meta: string, source: string | Buffer | null): Promise<void> {
  await mkdir(path.join(root, id), { recursive: true });
  await writeFile(path.join(root, id, 'meta.yaml'), meta);
  if (source !== null) await writeFile(path.join(root, id, 'source.txt'), source);
}

/** A temporary folder holding `corpus/` (a good document plus whatever `docs` adds) and a secret beside it. */
export async function tempCorpus(docs: (root: string, corpus: TempCorpus) => Promise<void> = async () => undefined): Promise<TempCorpus> {
  const base = await mkdtemp(path.join(os.tmpdir(), 'hostile-corpus-'));
  const root = path.join(base, 'corpus');
  const secretFile = path.join(base, 'master.key');
  const secret = 'SECRET-KEY-0123456789abcdef';
  await writeFile(secretFile, `${secret}\n`);
  await makeDoc(root, 'good-doc', metaYaml('good-doc'), GOOD_SOURCE);
  const corpus: TempCorpus = { root, secretFile, secret, remove: () => rm(base, { recursive: true, force: true }) };
  await docs(root, corpus);
  return corpus;
}

/** Every kind of bad document the corpus loader must report and leave out. */
export async function addHostileDocs(root: string, corpus: TempCorpus): Promise<void> {
  await makeDoc(root, 'alias-bomb', aliasBomb(), GOOD_SOURCE);
  await makeDoc(root, 'traversal', metaYaml('traversal', `sourceFile: ../../${path.basename(corpus.secretFile)}\n`), null);
  await makeDoc(root, 'symlinked', metaYaml('symlinked'), null);
  await symlink(corpus.secretFile, path.join(root, 'symlinked', 'source.txt'));
  await makeDoc(root, 'bad-date', metaYaml('bad-date', 'date: 2023-13-45\n'), GOOD_SOURCE);
  await makeDoc(root, 'empty-source', metaYaml('empty-source'), '');
  await makeDoc(root, 'nul-source', metaYaml('nul-source'), Buffer.alloc(4096));
}

export const HOSTILE_IDS = ['alias-bomb', 'bad-date', 'empty-source', 'nul-source', 'symlinked', 'traversal'];
