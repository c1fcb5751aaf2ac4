// The glossary's Chinese forms as a jieba user dictionary, so each segments as one word.
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Glossary } from './types.ts';

/**
 * jieba weighs a word by log(freq / total) against the sum of its parts; compounds need a frequency high
 * enough to beat a strong neighbour word (e.g. 再投资 vs 利润再 / 投资), while two-character forms, most of
 * them already in jieba's dictionary, stay modest so they do not swallow the first character of the next word.
 * Measured on the real glossary by tests/indexer/segment.test.ts.
 */
export function formFrequency(form: string): number {
  return form.length <= 2 ? 3_000 : 30_000;
}

/**
 * Whether jieba can keep a form as one word: it always splits at whitespace, punctuation and symbols, so
 * 中韩（长春）国际合作示范区 or 互联网+招商 never are (the aligner still finds them literally).
 */
export function isJiebaWord(form: string): boolean {
  return form !== '' && !/[\s\p{P}\p{S}]/u.test(form);
}

/** `term freq tag` per line (cppjieba format) for every preferred and variant zh form jieba can keep whole. */
export function userDictText(glossary: Glossary): string {
  const forms = new Set<string>();
  for (const e of glossary.entries) {
    for (const f of [e.zh, ...e.variants.zh]) {
      // The segmenter NFKC-normalizes text before cutting; the dictionary must spell forms the same way.
      const form = f.trim().normalize('NFKC');
      if (isJiebaWord(form)) forms.add(form);
    }
  }
  return [...forms].map((f) => `${f} ${formFrequency(f)} nz\n`).join('');
}

export async function writeUserDict(glossary: Glossary, file: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, userDictText(glossary), 'utf8');
}

/**
 * Runs `use` with the dictionary written to a fresh private folder (mkdtemp: mode 0700, unpredictable name, so no
 * other user can plant or read a file there), named by its content; the folder is removed when `use` settles.
 */
export async function withUserDictFile<T>(glossary: Glossary, use: (file: string) => T | Promise<T>): Promise<T> {
  const text = userDictText(glossary);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'policy-search-userdict-'));
  try {
    const file = path.join(dir, `userdict-${createHash('sha256').update(text).digest('hex').slice(0, 16)}.txt`);
    // `wx`: never through an existing file or symlink.
    await writeFile(file, text, { encoding: 'utf8', flag: 'wx', mode: 0o600 });
    return await use(file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
