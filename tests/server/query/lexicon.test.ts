import { describe, expect, it } from 'vitest';
import { stemmedTokens } from '../../../glossary/english.ts';
import { buildLexicon } from '../../../server/query/lexicon.ts';
import { wordListFromJson, englishWords } from '../../../server/query/english-words.ts';

const lexicon = buildLexicon([
  { id: 'w0', kind: 'zh', zh: '抽查', en: ['random inspection', 'do a spot check'], clauses: 3 },
  { id: 'w1', kind: 'zh', zh: '检查', en: ['inspection', 'check'], clauses: 9 },
  { id: 'w2', kind: 'zh', zh: '特许经营', en: ['franchising'], clauses: 1 },
  { id: 'w3', kind: 'zh', zh: '核查', en: ['check'], clauses: 2 },
]);
const match = (q: string, limit = 2) => lexicon.match(q, stemmedTokens(q), limit);

describe('lexicon', () => {
  it('matches the longest gloss first, by stem', () => {
    expect(match('fewer spot checks for low-risk firms')).toEqual([{ en: 'spot checks', zh: ['抽查'], start: 6, end: 17 }]);
    expect(match('franchise for energy')).toEqual([{ en: 'franchise', zh: ['特许经营'], start: 0, end: 9 }]);
  });

  it('lists the commonest words of a gloss first, up to the limit', () => {
    expect(match('check', 1)[0]!.zh).toEqual(['检查']);
    expect(match('check', 5)[0]!.zh).toEqual(['检查', '核查']);
    expect(match('unrelated words')).toEqual([]);
  });
});

describe('English word list', () => {
  it('finds words of a sorted JSON list by bisection', () => {
    const list = wordListFromJson('["apple","bond","check","zebra"]');
    expect(['apple', 'Bond', 'check', 'zebra'].every((w) => list.has(w))).toBe(true);
    expect(['a', 'bonds', 'zzz', ''].some((w) => list.has(w))).toBe(false);
  });

  it('tells real words from typos', () => {
    const words = englishWords();
    for (const w of ['part', 'failing', 'taking', 'centre', 'honour']) expect(words.has(w), w).toBe(true);
    for (const w of ['negativ', 'withholdng', 'defferal', 'foriegn']) expect(words.has(w), w).toBe(false);
  });
});
