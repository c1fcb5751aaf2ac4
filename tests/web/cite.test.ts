import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { markerLabel, toChineseNumeral } from '../../indexer/numbering.ts';
import { pathSegments } from '../../server/search/path-segments.ts';
import {
  UNOFFICIAL_NOTE,
  citation,
  citeChinese,
  citeEnglish,
  clauseUrl,
  enCitationPath,
  formatDate,
  issuerCitation,
  zhCitationPath,
  type CitableDocument,
} from '../../web/src/cite.ts';

// Clauses as the API sends them: the page cites from the server's segments of the path.
const cited = (id: string, zh: string, en: string) => ({ id, pathSegments: pathSegments({ zh, en }) });
const zhPath = (zh: string, en: string) => zhCitationPath(pathSegments({ zh, en }));

const jiangxi: CitableDocument = {
  id: 'jiangxi-2023-fdi-manufacturing',
  title: { zh: '江西省以制造业为重点促进利用外资量质双升的若干举措', en: 'Several Measures of Jiangxi Province' },
  issuer: [
    { zh: '江西省发展和改革委员会', en: 'Jiangxi Provincial Development and Reform Commission' },
    { zh: '江西省商务厅', en: 'Department of Commerce of Jiangxi Province' },
  ],
  docNumber: null,
  date: '2023-06-21',
};
const national: CitableDocument = {
  id: 'national-2022',
  title: { zh: '关于以制造业为重点促进外资扩增量稳存量提质量的若干政策措施', en: 'Several Policy Measures' },
  issuer: [{ zh: '国家发展改革委', en: 'National Development and Reform Commission' }],
  docNumber: '发改外资〔2022〕1586号',
  date: '2022-10',
};
const clause = cited('jiangxi-2023-fdi-manufacturing--p2-i12', '二、（十二）', 'Part II, Item 12');
const url = 'http://localhost:3000/documents/jiangxi-2023-fdi-manufacturing#jiangxi-2023-fdi-manufacturing--p2-i12';

describe('formatDate', () => {
  it('keeps ISO in English and writes 年月日 in Chinese, at the precision known', () => {
    expect(formatDate('2023-06-21', 'en')).toBe('2023-06-21');
    expect(formatDate('2023-06-21', 'zh')).toBe('2023年6月21日');
    expect(formatDate('2023-06', 'zh')).toBe('2023年6月');
    expect(formatDate('2023', 'zh')).toBe('2023年');
    expect(formatDate(null, 'zh')).toBe('');
  });
});

describe('issuerCitation', () => {
  it('names the first issuer and marks co-issuers', () => {
    expect(issuerCitation(jiangxi.issuer, 'en')).toBe('Jiangxi Provincial Development and Reform Commission et al.');
    expect(issuerCitation(jiangxi.issuer, 'zh')).toBe('江西省发展和改革委员会等');
    expect(issuerCitation(national.issuer, 'en')).toBe('National Development and Reform Commission');
    expect(issuerCitation(national.issuer, 'zh')).toBe('国家发展改革委');
    expect(issuerCitation([], 'en')).toBe('');
  });
});

describe('zhCitationPath / enCitationPath (from the path segments of the API)', () => {
  it('spells policy-document paths as citations', () => {
    expect(zhPath('二、（十二）', 'Part II, Item 12')).toBe('第二部分第（十二）项');
    expect(zhPath('三、（二）4．', 'Part III, Item 2, Sub-item 4')).toBe('第三部分第（二）项第4目');
    expect(zhPath('一、（三）二是', 'Part I, Item 3, Point 2')).toBe('第一部分第（三）项第二点');
    expect(enCitationPath(pathSegments({ zh: '三、（二）4．', en: 'Part III, Item 2, Sub-item 4' }))).toBe('Part III, Item 2, Sub-item 4');
  });

  it('keeps law paths, which already read as citations', () => {
    expect(zhPath('第二章第十条', 'Chapter 2, Article 10')).toBe('第二章第十条');
    expect(zhPath('第一百二十条之一', 'Article 120a')).toBe('第一百二十条之一');
  });

  it('keeps what has no citation form of its own', () => {
    expect(zhPath('序言', 'Preamble')).toBe('序言');
    expect(zhPath('附件1', 'Attachment 1')).toBe('附件1');
    expect(zhPath('', '')).toBe('');
  });

  it('cites exactly the segments it is given, with no numeral reading of its own', () => {
    const made = [{ kind: 'part', number: 2, sub: null, zh: '二、', en: 'Part II', citeZh: '（引用）' }] as const;
    expect(zhCitationPath(made)).toBe('（引用）');
    expect(enCitationPath(made)).toBe('Part II');
  });

  it('reads every path the indexer writes (part, item, sub-item)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 99 }), fc.integer({ min: 1, max: 99 }), fc.integer({ min: 1, max: 99 }), (p, i, s) => {
        const labels = [markerLabel('part', p), markerLabel('item', i), markerLabel('subitem', s)];
        const path = { zh: labels.map((l) => l.zh).join(''), en: labels.map((l) => l.en).join(', ') };
        expect(zhCitationPath(pathSegments(path))).toBe(`第${toChineseNumeral(p)}部分第（${toChineseNumeral(i)}）项第${s}目`);
        expect(enCitationPath(pathSegments(path))).toBe(path.en);
      }),
    );
  });
});

describe('citations', () => {
  it('English: title, issuer, date, path, link', () => {
    expect(citeEnglish(jiangxi, clause, url)).toBe(
      `Several Measures of Jiangxi Province, Jiangxi Provincial Development and Reform Commission et al., 2023-06-21, Part II, Item 12. ${url}`,
    );
  });

  it('Chinese: 《title》（issuer，date）path。link', () => {
    expect(citeChinese(jiangxi, clause, url)).toBe(
      `《江西省以制造业为重点促进利用外资量质双升的若干举措》（江西省发展和改革委员会等，2023年6月21日）第二部分第（十二）项。${url}`,
    );
  });

  it('includes the document number when there is one', () => {
    const c = cited('n--p1-i1', '一、（一）', 'Part I, Item 1');
    expect(citeEnglish(national, c, 'u')).toBe(
      'Several Policy Measures, National Development and Reform Commission, 发改外资〔2022〕1586号, 2022-10, Part I, Item 1. u',
    );
    expect(citeChinese(national, c, 'u')).toBe(
      '《关于以制造业为重点促进外资扩增量稳存量提质量的若干政策措施》（国家发展改革委，发改外资〔2022〕1586号，2022年10月）第一部分第（一）项。u',
    );
  });

  it('leaves out missing parts without stray separators', () => {
    const bare: CitableDocument = { id: 'd', title: { zh: '标题', en: 'Title' }, issuer: [], docNumber: null, date: null };
    const c = cited('c', '', '');
    expect(citeEnglish(bare, c, 'u')).toBe('Title. u');
    expect(citeChinese(bare, c, 'u')).toBe('《标题》。u');
  });

  it('copies both, English first, linking to the clause anchor', () => {
    const text = citation(jiangxi, clause, 'http://localhost:3000/');
    const lines = text.split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe(citeEnglish(jiangxi, clause, url));
    expect(lines[1]).toBe(citeChinese(jiangxi, clause, url));
  });

  it('says the English is unofficial when it is ours, before the link, and only in English', () => {
    const ours = { ...clause, translation: { provenance: 'curated' as const } };
    expect(UNOFFICIAL_NOTE).toBe('Unofficial translation; the Chinese text prevails.');
    expect(citeEnglish(jiangxi, ours, url)).toBe(
      `Several Measures of Jiangxi Province, Jiangxi Provincial Development and Reform Commission et al., 2023-06-21, Part II, Item 12. Unofficial translation; the Chinese text prevails. ${url}`,
    );
    expect(citeChinese(jiangxi, ours, url)).toBe(citeChinese(jiangxi, clause, url));
    expect(citation(jiangxi, ours, 'http://localhost:3000').split('\n')).toEqual([citeEnglish(jiangxi, ours, url), citeChinese(jiangxi, ours, url)]);
  });

  it('adds nothing for an official translation or none', () => {
    expect(citeEnglish(jiangxi, { ...clause, translation: { provenance: 'official' } }, url)).toBe(citeEnglish(jiangxi, clause, url));
    expect(citeEnglish(jiangxi, { ...clause, translation: null }, url)).not.toContain(UNOFFICIAL_NOTE);
  });

  it('encodes ids in links', () => {
    expect(clauseUrl('https://x.org', 'a b', 'c#d')).toBe('https://x.org/documents/a%20b#c%23d');
  });
});
