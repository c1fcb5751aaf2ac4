import { describe, expect, it } from 'vitest';
import { findDocNumbers, parseDocNumberQuery, refTokens } from '../../indexer/refs.ts';

describe('document numbers', () => {
  it('finds numbers in text with any bracket style, canonicalised', () => {
    const text = '全面落实《……》(发改外资〔2022〕1586号）精神，及国发[2023]11号、商资发（2021）007号';
    expect(findDocNumbers(text).map((n) => n.yearSerial)).toEqual(['〔2022〕1586号', '〔2023〕11号', '〔2021〕7号']);
    expect(findDocNumbers(text)[0]!.canonical).toBe('发改外资〔2022〕1586号');
  });
  it('stores canonical and short forms once', () => {
    expect(refTokens(findDocNumbers('发改外资〔2022〕1586号 发改外资〔2022〕1586号'))).toEqual(['发改外资〔2022〕1586号', '〔2022〕1586号', '1586号']);
  });
  it('reads full and short number queries and keeps the rest', () => {
    expect(parseDocNumberQuery('1586号')).toEqual({ refs: ['1586号'], rest: '' });
    expect(parseDocNumberQuery('国发(2023)11号 研发')).toEqual({ refs: ['〔2023〕11号'], rest: '研发' });
    expect(parseDocNumberQuery('negative list')).toBeNull();
  });
});
