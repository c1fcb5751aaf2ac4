import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadGlossary } from '../../glossary/load.ts';
import { isJiebaWord, writeUserDict } from '../../glossary/userdict.ts';
import { createSegmenter } from '../../indexer/segment.ts';

let dir: string;
let realDict: string;
let forms: string[];

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'segment-test-'));
  const { glossary, problems } = await loadGlossary('glossary/data');
  expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
  realDict = path.join(dir, 'glossary.dict.utf8');
  await writeUserDict(glossary, realDict);
  // Forms with spaces or punctuation (中韩（长春）国际合作示范区) cannot be one jieba token; the aligner covers them.
  forms = [...new Set(glossary.entries.flatMap((e) => [e.zh, ...e.variants.zh]).map((f) => f.trim()))].filter((f) => isJiebaWord(f) && [...f].length >= 2);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('segmenter basics', () => {
  it('drops punctuation and whitespace and lowercases Latin', () => {
    const seg = createSegmenter({ userDictPath: realDict });
    const tokens = seg.cut('加快推进 RCEP 实施，（一）支持QFLP试点！');
    expect(tokens).toContain('rcep');
    expect(tokens).toContain('qflp');
    for (const t of tokens) expect(t).not.toMatch(/^[\s\p{P}\p{S}]*$/u);
    expect(tokens.join('')).toBe('加快推进rcep实施一支持qflp试点');
  });

  it('adds the sub-words of long tokens for search', () => {
    const seg = createSegmenter({ userDictPath: realDict });
    const tokens = seg.searchTokens('发展现代农业，暂不征收预提所得税');
    expect(tokens).toEqual(expect.arrayContaining(['现代农业', '农业', '预提所得税', '预提', '所得税']));
    // A glossary term nested in a longer glossary token is findable too.
    expect(seg.searchTokens('外资准入负面清单')).toEqual(expect.arrayContaining(['外资准入负面清单', '负面清单', '外资', '准入']));
    expect(seg.searchTokens('现代农业')).toEqual(['现代', '农业', '现代农业']);
    expect(seg.cut('发展现代农业，暂不征收预提所得税')).not.toContain('农业');
    expect(seg.cut('发展现代农业，暂不征收预提所得税')).not.toContain('所得税');
  });

  it('joins search tokens with single spaces for the index', () => {
    const seg = createSegmenter({ userDictPath: realDict });
    const field = seg.segmentedField('设立 研发中心。 ');
    expect(field).toBe(seg.searchTokens('设立 研发中心。 ').join(' '));
    expect(field).not.toMatch(/\s{2}|^\s|\s$/);
  });

  it('ranks TF-IDF keywords', () => {
    const seg = createSegmenter({ userDictPath: realDict });
    const kw = seg.keywords('落实境外投资者以分配利润直接投资暂不征收预提所得税政策，预提所得税', 3);
    expect(kw[0]!.word).toBe('预提所得税');
    expect(kw).toHaveLength(3);
    expect(kw[0]!.weight).toBeGreaterThanOrEqual(kw[1]!.weight);
  });
});

describe('one user dictionary per process', () => {
  it('refuses a missing user dictionary with a clear error instead of aborting', () => {
    expect(() => createSegmenter({ userDictPath: path.join(dir, 'missing.txt') })).toThrow(/user dictionary not found/);
  });

  it('reloads for another dictionary and makes older segmenters throw', async () => {
    const first = createSegmenter({ userDictPath: realDict });
    const again = createSegmenter({ userDictPath: realDict });
    expect(again.cut('预提所得税')).toEqual(['预提所得税']);
    const other = path.join(dir, 'other.dict.utf8');
    await writeFile(other, '长寿区投资 1000000 nz\n');
    const second = createSegmenter({ userDictPath: other });
    expect(second.cut('长寿区投资')).toEqual(['长寿区投资']);
    expect(() => first.cut('预提所得税')).toThrow(/stale/);
    // Back to the glossary dictionary: the new segmenter works, the one built on `other` is stale.
    expect(createSegmenter({ userDictPath: realDict }).cut('长寿区投资')).not.toEqual(['长寿区投资']);
    expect(() => second.searchTokens('x')).toThrow(/stale/);
  });
});

describe('glossary forms segment as single tokens (real glossary)', () => {
  const frames = ['X', '我们要X。', '进一步加强X工作', '支持X和', '在X中', '推动X发展', '各地X建设', '关于X的通知'];

  it('keeps every zh form whole alone and inside sentences', () => {
    const seg = createSegmenter({ userDictPath: realDict });
    expect(forms.length).toBeGreaterThan(150);
    const broken: string[] = [];
    for (const form of forms) {
      for (const frame of frames) {
        const text = frame.replace('X', form);
        if (!seg.cut(text).includes(form.toLowerCase())) broken.push(`${form} in "${text}": ${seg.cut(text).join('/')}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('needs the user dictionary for that', () => {
    const plain = createSegmenter();
    const split = forms.filter((f) => !plain.cut(f).includes(f.toLowerCase()));
    // Most multi-word terms are not in jieba's own dictionary, which is why the user dictionary exists.
    expect(split.length).toBeGreaterThan(forms.length / 4);
  });
});
