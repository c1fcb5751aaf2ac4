import { describe, expect, it } from 'vitest';
import { searchStems } from '../../../glossary/english.ts';
import { englishRanges, highlightedEnglish, highlightEnglish } from '../../../server/query/highlight-en.ts';

const marks = (q: string, phrases: string[] = []) => ({ stems: searchStems(q).split(' ').filter(Boolean), phrases });

describe('English highlighting', () => {
  it('marks the query words by stem and joins adjacent ones', () => {
    expect(highlightEnglish('Support listing of shares and issuing bonds.', marks('list shares bond'))).toBe(
      'Support <mark>listing</mark> of <mark>shares</mark> and issuing <mark>bonds</mark>.',
    );
    expect(highlightEnglish('R&D centers and the negative list', marks('R&D centre negative list'))).toBe(
      '<mark>R&amp;D centers</mark> and the <mark>negative list</mark>',
    );
  });

  it('marks glossary renderings as whole runs, and nothing else', () => {
    const text = 'Implement national treatment. Treatment of waste is national policy.';
    const ranges = englishRanges(text, { stems: [], phrases: ['national treatment'] });
    expect(ranges.map((r) => text.slice(r.start, r.end))).toEqual(['national treatment']);
  });

  it('escapes everything outside the marks, including markup in the text', () => {
    const html = highlightEnglish('<script>alert(1)</script> negative list & "quotes"', marks('negative list'));
    expect(html).toBe('&lt;script&gt;alert(1)&lt;/script&gt; <mark>negative list</mark> &amp; &quot;quotes&quot;');
    expect(highlightEnglish('no match here', marks(''))).toBe('no match here');
  });

  it('crops long text around the densest matches', () => {
    const text = `${'Filler sentence. '.repeat(40)}The negative list applies. ${'More filler. '.repeat(40)}`;
    const html = highlightEnglish(text, marks('negative list'), 120);
    expect(html.startsWith('…')).toBe(true);
    expect(html.endsWith('…')).toBe(true);
    expect(html).toContain('<mark>negative list</mark>');
  });
});

describe('highlightedEnglish', () => {
  it('gives the marked words as ranges over the English, the same as the <mark>s', () => {
    const text = 'Support listing of shares & issuing bonds.';
    const out = highlightedEnglish(text, marks('list shares bond'));
    expect(out.matches.map((m) => text.slice(m.start, m.start + m.length))).toEqual(['listing', 'shares', 'bonds']);
    expect(out.highlight).toBe('Support <mark>listing</mark> of <mark>shares</mark> &amp; issuing <mark>bonds</mark>.');
    expect(out.excerpt).toEqual({ start: 0, length: text.length });
  });
  it('has no ranges when nothing English was searched', () => {
    expect(highlightedEnglish('Support listing.', { stems: [], phrases: [] }).matches).toEqual([]);
  });
});
