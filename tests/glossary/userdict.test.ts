import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildGlossary } from '../../glossary/load.ts';
import { formFrequency, isJiebaWord, userDictText, writeUserDict } from '../../glossary/userdict.ts';

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
