import { describe, expect, it } from 'vitest';
import { containsPhrase, splitPhrases } from '../../../server/query/phrases.ts';

describe('splitPhrases', () => {
  it('extracts ASCII, curly and corner-bracket quotes', () => {
    expect(splitPhrases('"外商投资" 研发 “负面清单” 「国民待遇」')).toEqual({ phrases: ['外商投资', '负面清单', '国民待遇'], rest: '研发' });
  });
  it('leaves unbalanced quotes in the rest', () => {
    expect(splitPhrases('"外商投资')).toEqual({ phrases: [], rest: '"外商投资' });
  });
});

describe('containsPhrase', () => {
  it('ignores whitespace left by PDF extraction', () => {
    expect(containsPhrase('做好 2021 年版外资准入', '2021年版')).toBe(true);
    expect(containsPhrase('外商投资企业', '外资企业')).toBe(false);
  });
});
