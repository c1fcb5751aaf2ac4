import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../../indexer/corpus.ts';
import { parseLawMarkdown } from '../../../indexer/markdown.ts';
import { pathSegments } from '../../../server/search/path-segments.ts';
import { PathSegment } from '../../../shared/structure.ts';

const joined = (segments: PathSegment[]) => ({ zh: segments.map((s) => s.zh).join(''), en: segments.map((s) => s.en).join(', ') });

describe('pathSegments', () => {
  it('reads a policy path into its part and item, with their numbers and Chinese citation', () => {
    expect(pathSegments({ zh: '二、（十）', en: 'Part II, Item 10' })).toEqual([
      { kind: 'part', number: 2, sub: null, zh: '二、', en: 'Part II', citeZh: '第二部分' },
      { kind: 'item', number: 10, sub: null, zh: '（十）', en: 'Item 10', citeZh: '第（十）项' },
    ]);
  });

  it('reads sub-items, points and law markers', () => {
    expect(pathSegments({ zh: '三、（二）4．', en: 'Part III, Item 2, Sub-item 4' }).map((s) => s.citeZh)).toEqual(['第三部分', '第（二）项', '第4目']);
    expect(pathSegments({ zh: '二、（三）一是', en: 'Part II, Item 3, Point 1' }).at(-1)).toMatchObject({ kind: 'point', number: 1, citeZh: '第一点' });
    expect(pathSegments({ zh: '第二章第十条', en: 'Chapter 2, Article 10' }).map((s) => [s.kind, s.number, s.citeZh])).toEqual([
      ['chapter', 2, '第二章'],
      ['article', 10, '第十条'],
    ]);
    expect(pathSegments({ zh: '第一百二十条之一', en: 'Article 120a' })).toEqual([
      { kind: 'article', number: 120, sub: 1, zh: '第一百二十条之一', en: 'Article 120a', citeZh: '第一百二十条之一' },
    ]);
  });

  it('reads unnumbered parts, numbered when a document has several', () => {
    expect(pathSegments({ zh: '序言', en: 'Preamble' })).toEqual([{ kind: 'preamble', number: null, sub: null, zh: '序言', en: 'Preamble', citeZh: '序言' }]);
    expect(pathSegments({ zh: '序言 2', en: 'Preamble ¶2' })[0]).toMatchObject({ kind: 'preamble', number: 2 });
    expect(pathSegments({ zh: '附件1', en: 'Attachment 1' })[0]).toMatchObject({ kind: 'attachment', number: 1, citeZh: '附件1' });
    expect(pathSegments({ zh: '编者按', en: "Editor's note" })[0]).toMatchObject({ kind: 'note', number: null });
  });

  it('keeps a path that does not read back exactly whole, as one segment: never a wrong number', () => {
    // The Chinese says 三 where the English says II.
    expect(pathSegments({ zh: '三、（十）', en: 'Part II, Item 10' })).toEqual([
      { kind: 'other', number: null, sub: null, zh: '三、（十）', en: 'Part II, Item 10', citeZh: '三、（十）' },
    ]);
    expect(pathSegments({ zh: '二、', en: 'Part IIII' })[0]!.kind).toBe('other');
    expect(pathSegments({ zh: '二、多余', en: 'Part II' })[0]!.kind).toBe('other');
    expect(pathSegments({ zh: '', en: '' })).toEqual([]);
  });

  it('reads every clause path of the seed corpus, and joins back to it', async () => {
    const { documents } = await loadCorpus('corpus');
    const clauses = documents.flatMap((d) => d.clauses);
    expect(clauses.length).toBeGreaterThan(100);
    const kinds = new Set<string>();
    for (const c of clauses) {
      const segments = pathSegments(c.path);
      for (const s of segments) {
        expect(PathSegment.parse(s)).toEqual(s);
        kinds.add(s.kind);
      }
      expect(joined(segments), c.id).toEqual({ zh: c.path.zh.trim(), en: c.path.en.trim() });
    }
    expect(kinds.has('other')).toBe(false);
    expect([...kinds]).toEqual(expect.arrayContaining(['part', 'item', 'subitem', 'preamble', 'title']));
  });

  it('reads the paths of a law, its free headings included', () => {
    const md = '# 示例法\n\n<!-- INFO END -->\n\n## 第一章 总则\n\n第一条 甲。\n\n第二条之一 乙。\n\n## 附则\n\n第五条 丙。\n';
    const { clauses } = parseLawMarkdown('经济法/示例法.md', md).document;
    const segments = clauses.map((c) => pathSegments(c.path));
    for (const [i, c] of clauses.entries()) expect(joined(segments[i]!)).toEqual({ zh: c.path.zh, en: c.path.en });
    expect(segments.flat().map((s) => s.kind)).not.toContain('other');
    expect(segments.flat()).toContainEqual({ kind: 'heading', number: 1, sub: null, zh: '附则', en: 'Heading 1', citeZh: '附则' });
    expect(segments.flat()).toContainEqual(expect.objectContaining({ kind: 'article', number: 2, sub: 1, citeZh: '第二条之一' }));
  });
});
