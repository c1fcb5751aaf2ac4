import { describe, expect, it } from 'vitest';
import { cropWindow, escapeHtml, foldCase, highlight, highlighted, matchRanges, type Range } from '../../../server/query/highlight.ts';

describe('matchRanges', () => {
  it('finds every occurrence and merges overlaps', () => {
    expect(matchRanges('负面清单和负面清单', ['负面清单'])).toEqual([
      { start: 0, end: 4 },
      { start: 5, end: 9 },
    ]);
    expect(matchRanges('外资准入负面清单', ['外资准入负面清单', '负面清单'])).toEqual([{ start: 0, end: 8 }]);
  });
  it('matches Latin terms case-insensitively and ignores empty terms', () => {
    expect(matchRanges('对标RCEP等', ['rcep', ' '])).toEqual([{ start: 2, end: 6 }]);
  });
});

describe('highlight', () => {
  it('wraps each match in <mark> and escapes the rest', () => {
    expect(highlight('<b>负面清单</b> & 其他', ['负面清单'])).toBe('&lt;b&gt;<mark>负面清单</mark>&lt;/b&gt; &amp; 其他');
  });
  it('never marks text that is not a searched term', () => {
    const html = highlight('落实外商投资准入前国民待遇加负面清单管理制度', ['国民待遇', '负面清单']);
    const marked = [...html.matchAll(/<mark>(.*?)<\/mark>/g)].map((m) => m[1]);
    expect(marked).toEqual(['国民待遇', '负面清单']);
  });
  it('crops long texts around the densest match with ellipses', () => {
    const text = `${'甲'.repeat(500)}负面清单${'乙'.repeat(500)}`;
    const html = highlight(text, ['负面清单'], { cropLength: 100 });
    expect(html.startsWith('…')).toBe(true);
    expect(html.endsWith('…')).toBe(true);
    expect(html).toContain('<mark>负面清单</mark>');
    expect(html.replace(/<\/?mark>/g, '').length).toBeLessThanOrEqual(102);
  });
  it('escapes script injected through the text', () => {
    expect(highlight('<script>alert(1)</script>', ['script'])).not.toMatch(/<script/i);
  });
  it('returns the escaped start of the text when nothing matches', () => {
    expect(highlight('a<b', [])).toBe('a&lt;b');
  });
  it('marks the term itself when characters before it lower-case to more code units', () => {
    expect(highlight('İİİİ 负面清单 and more', ['负面清单'])).toBe('İİİİ <mark>负面清单</mark> and more');
    expect(highlight('ǅİ RCEP 协定', ['rcep'])).toBe('ǅİ <mark>RCEP</mark> 协定');
    expect(highlight('İstanbul İSTANBUL', ['İstanbul'])).toBe('<mark>İstanbul</mark> <mark>İSTANBUL</mark>');
  });
});

describe('foldCase', () => {
  it('lower-cases without changing any offset', () => {
    for (const s of ['İİİİ 负面清单', 'RCEP and QFLP', 'ǅungla', 'ΣΊΣΥΦΟΣ', 'ﬀ ẞ İ']) {
      expect(foldCase(s).length, s).toBe(s.length);
    }
    expect(foldCase('RCEP İ')).toBe('rcep İ');
  });
});

describe('cropWindow', () => {
  it('keeps short texts whole', () => {
    expect(cropWindow(10, [], 50)).toEqual({ start: 0, end: 10 });
  });
  it('stays inside the text', () => {
    const w = cropWindow(300, [{ start: 290, end: 295 }], 100);
    expect(w.end).toBe(300);
    expect(w.start).toBe(200);
  });
  it('picks the window with the most matches', () => {
    const ranges = [
      { start: 10, end: 12 },
      { start: 500, end: 502 },
      { start: 520, end: 522 },
      { start: 540, end: 542 },
      { start: 900, end: 902 },
    ];
    expect(cropWindow(1000, ranges, 100)).toEqual({ start: 488, end: 588 });
  });
  it('looks at each match a bounded number of times, however many there are', () => {
    // A long law article with a frequent term: thousands of matches.
    const ranges: Range[] = Array.from({ length: 2000 }, (_, i) => ({ start: i * 5, end: i * 5 + 2 }));
    let reads = 0;
    const counted = new Proxy(ranges, {
      get(target, key, receiver) {
        if (typeof key === 'string' && /^\d+$/.test(key)) reads += 1;
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    const window = cropWindow(10_000, counted, 200);
    expect(window.end - window.start).toBe(200);
    // Counting afresh per window read every match per match (4 million reads here).
    expect(reads).toBeLessThanOrEqual(8 * ranges.length);
  });
});

describe('escapeHtml', () => {
  it('escapes the five HTML specials', () => {
    expect(escapeHtml(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&#39;');
  });
});

describe('highlighted: the same marks as HTML and as ranges', () => {
  it('gives every match as { start, length } and the whole text as the excerpt when it is short', () => {
    const text = '落实<国民待遇>加负面清单';
    const out = highlighted(text, matchRanges(text, ['国民待遇', '负面清单']));
    expect(out.matches).toEqual([
      { start: 3, length: 4 },
      { start: 9, length: 4 },
    ]);
    expect(out.matches.map((m) => text.slice(m.start, m.start + m.length))).toEqual(['国民待遇', '负面清单']);
    expect(out.excerpt).toEqual({ start: 0, length: text.length });
    expect(out.highlight).toBe('落实&lt;<mark>国民待遇</mark>&gt;加<mark>负面清单</mark>');
  });

  it('says which part a cropped highlight shows; the marks in it are the matches inside it', () => {
    const text = `${'甲'.repeat(300)}负面清单${'乙'.repeat(300)}负面清单`;
    const out = highlighted(text, matchRanges(text, ['负面清单']), { cropLength: 100 });
    expect(out.matches).toHaveLength(2);
    const { start, length } = out.excerpt;
    expect(length).toBe(100);
    expect(out.highlight).toBe(`…${text.slice(start, 300)}<mark>负面清单</mark>${text.slice(304, start + length)}…`);
    const inside = out.matches.filter((m) => m.start >= start && m.start + m.length <= start + length);
    expect(inside).toEqual([{ start: 300, length: 4 }]);
  });

  it('counts UTF-16 code units, so offsets after an astral character are those of String.slice', () => {
    const text = '𠀀负面清单';
    expect(highlighted(text, matchRanges(text, ['负面清单'])).matches).toEqual([{ start: 2, length: 4 }]);
  });

  it('is what markRanges and highlight render', () => {
    const text = 'a<b 负面清单 & c';
    const ranges = matchRanges(text, ['负面清单']);
    expect(highlighted(text, ranges).highlight).toBe(highlight(text, ['负面清单']));
  });
});
