import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { buildGlossary } from '../../glossary/load.ts';
import { formFrequency, isJiebaWord, userDictText, withUserDictFile, writeUserDict } from '../../glossary/userdict.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

const glossary = buildGlossary([
  { id: 'a', zh: '负面清单', en: 'negative list', variants: { zh: ['负面 清单', '负面清单'], en: [] }, category: 'market-access', file: 'f', line: 1 },
  { id: 'b', zh: '区域全面经济伙伴关系协定', en: 'RCEP', variants: { zh: ['RCEP'], en: [] }, category: 'trade-and-customs', file: 'f', line: 5 },
  { id: 'c', zh: '外资', en: 'foreign capital', variants: { zh: [], en: [] }, category: 'market-access', file: 'f', line: 9 },
]);

describe('userDictText', () => {
  it('knows which forms jieba can keep whole', () => {
    expect(['负面清单', 'RCEP', '世界500强'].every(isJiebaWord)).toBe(true);
    expect(['负面 清单', '中韩（长春）国际合作示范区', '互联网+招商', '中国-东北亚博览会', ''].some(isJiebaWord)).toBe(false);
  });

  it('writes one `term freq tag` line per distinct zh form, skipping forms with spaces', () => {
    const lines = userDictText(glossary).trimEnd().split('\n');
    expect(lines.map((l) => l.split(' ')[0])).toEqual(['负面清单', '区域全面经济伙伴关系协定', 'RCEP', '外资']);
    for (const l of lines) expect(l).toMatch(/^\S+ \d+ nz$/);
    expect(lines[3]).toBe(`外资 ${formFrequency('外资')} nz`);
  });

  it('gives compounds a higher frequency than two-character words', () => {
    expect(formFrequency('研发中心')).toBeGreaterThan(formFrequency('研发'));
  });

  it('writes the file, creating its directory', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'userdict-test-'));
    try {
      const file = path.join(dir, 'nested', 'user.dict.utf8');
      await writeUserDict(glossary, file);
      expect(await readFile(file, 'utf8')).toBe(userDictText(glossary));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('withUserDictFile', () => {
  it('writes the dictionary into a private, content-named folder that is gone afterwards', async () => {
    let seen: { file: string; mode: number; text: string } | undefined;
    await withUserDictFile(glossary, async (file) => {
      seen = { file, mode: (await stat(path.dirname(file))).mode & 0o777, text: await readFile(file, 'utf8') };
    });
    expect(seen!.text).toBe(userDictText(glossary));
    expect(seen!.mode).toBe(0o700);
    expect(path.basename(seen!.file)).toMatch(/^userdict-[0-9a-f]{16}\.txt$/);
    expect(path.basename(seen!.file)).not.toContain(String(process.pid));
    await expect(stat(path.dirname(seen!.file))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('removes the folder when the work fails', async () => {
    let dir = '';
    await expect(
      withUserDictFile(glossary, (file) => {
        dir = path.dirname(file);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    await expect(stat(dir)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('leaves nothing in TMPDIR after a process has loaded the glossary into jieba', async () => {
    const tmp = await mkdtemp(path.join(os.tmpdir(), 'userdict-tmpdir-'));
    try {
      const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'tests/glossary/fixtures/load-enricher.ts'], {
        cwd: ROOT,
        env: { ...process.env, TMPDIR: tmp },
      });
      // The dictionary was really loaded: the glossary compound stays one word.
      expect(JSON.parse(stdout)).toContain('预提所得税');
      // tsx keeps its compile cache there (tsx-<uid>); nothing else may remain.
      expect((await readdir(tmp)).filter((name) => !name.startsWith('tsx-'))).toEqual([]);
    } finally {
      await rm(tmp, { recursive: true, force: true });
    }
  });
});
