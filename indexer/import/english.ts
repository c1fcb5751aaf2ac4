// A first English rendering of a Chinese title or name, word by word: the glossary's preferred rendering where a
// word is an entry, else CC-CEDICT's first gloss, else pinyin. Marked for review: it is a gloss, not a translation.
import type { Glossary } from '../../glossary/types.ts';
import type { Dictionary } from '../dictionary.ts';
import { pinyinName } from './divisions.ts';

export interface EnglishDeps {
  cut(text: string): string[];
  glossary: Glossary;
  dictionary: Dictionary;
}

const PUNCT: Record<string, string> = { '（': '(', '）': ')', '《': '"', '》': '"', '、': ',', '，': ',', '—': '–', '：': ':' };

export function englishRenderer(deps: EnglishDeps): (zh: string) => string {
  const byZh = new Map<string, string>();
  for (const e of deps.glossary.entries) for (const form of [e.zh, ...e.variants.zh]) if (!byZh.has(form)) byZh.set(form, e.en);
  return (zh) => {
    // 2021年 is "2021", not "2021 year".
    const words = deps.cut(zh.replace(/(\d{4})\s*年/g, '$1')).map((w) => {
      if (PUNCT[w] !== undefined) return PUNCT[w];
      if (!/[\u4e00-\u9fff]/u.test(w)) return w;
      const gloss = byZh.get(w) ?? deps.dictionary.get(w)?.[0];
      return gloss ?? pinyinName(w);
    });
    return words
      .filter((w) => w.trim() !== '')
      .join(' ')
      .replace(/\s+([,):])/g, '$1')
      .replace(/\(\s+/g, '(')
      .replace(/\s+/g, ' ')
      .trim();
  };
}
