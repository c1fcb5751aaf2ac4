import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  asciiDigits,
  clauseKindOf,
  detectItem,
  detectLawMarker,
  detectMarker,
  detectPart,
  detectPoint,
  detectSubitem,
  markerLabel,
  markerRank,
  parseChineseNumeral,
  toChineseNumeral,
  toRoman,
} from '../../indexer/numbering.ts';

describe('Chinese numerals', () => {
  it.each([
    ['一', 1],
    ['九', 9],
    ['十', 10],
    ['十二', 12],
    ['二十', 20],
    ['九十九', 99],
    ['一百', 100],
    ['一百零五', 105],
    ['一百一十', 110],
    ['一千二百六十', 1260],
    ['两百', 200],
    ['一〇五', 105],
    ['12', 12],
    ['１２', 12],
  ])('parses %s as %i', (text, n) => {
    expect(parseChineseNumeral(text)).toBe(n);
  });

  it('rejects text that is not a numeral', () => {
    expect(parseChineseNumeral('第一')).toBeNaN();
    expect(parseChineseNumeral('')).toBeNaN();
  });

  it.each([
    [1, '一'],
    [10, '十'],
    [12, '十二'],
    [20, '二十'],
    [105, '一百零五'],
    [110, '一百一十'],
    [1005, '一千零五'],
    [1260, '一千二百六十'],
  ])('writes %i as %s', (n, text) => {
    expect(toChineseNumeral(n)).toBe(text);
  });

  it('round-trips every number from 1 to 9999', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 9999 }), (n) => parseChineseNumeral(toChineseNumeral(n)) === n));
  });

  it('refuses numbers it cannot write', () => {
    expect(() => toChineseNumeral(0)).toThrow(RangeError);
    expect(() => toChineseNumeral(10000)).toThrow(RangeError);
  });

  it('turns full-width digits into ASCII', () => {
    expect(asciiDigits('２０１２年１２月３日')).toBe('2012年12月3日');
  });
});

describe('roman numerals', () => {
  it.each([
    [1, 'I'],
    [4, 'IV'],
    [9, 'IX'],
    [14, 'XIV'],
    [40, 'XL'],
    [48, 'XLVIII'],
    [1994, 'MCMXCIV'],
  ])('writes %i as %s', (n, roman) => {
    expect(toRoman(n)).toBe(roman);
  });
});

describe('numbering markers', () => {
  it('detects parts: 一、', () => {
    expect(detectPart('二、加强投资服务，支持外商投资企业发展')).toMatchObject({ kind: 'part', n: 2, raw: '二、', rest: '加强投资服务，支持外商投资企业发展' });
    expect(detectPart('十一、发挥人大代表主体作用')).toMatchObject({ n: 11 });
    expect(detectPart('一、')).toBeNull();
    expect(detectPart('一是实施')).toBeNull();
  });

  it.each(['（十）鼓励外商投资企业利润再投资', '(十)鼓励外商投资企业利润再投资', '（十)鼓励外商投资企业利润再投资', '(十）鼓励外商投资企业利润再投资'])(
    'detects items in full-, half- and mixed-width parentheses: %s',
    (text) => {
      expect(detectItem(text)).toMatchObject({ kind: 'item', n: 10, rest: '鼓励外商投资企业利润再投资' });
    },
  );

  it('does not take a parenthesised word for an item', () => {
    expect(detectItem('（市）人民政府')).toBeNull();
  });

  it.each([
    ['1．落实外商投资市场准入政策。', 1],
    ['7.创新利用外资方式。', 7],
    ['12、加大金融服务支持。', 12],
    ['１４．做好重点项目服务保障。', 14],
  ])('detects sub-items: %s', (text, n) => {
    expect(detectSubitem(text)).toMatchObject({ kind: 'subitem', n });
  });

  it('does not take a decimal or a year for a sub-item', () => {
    expect(detectSubitem('1.5倍以上')).toBeNull();
    expect(detectSubitem('2021年版外资准入负面清单')).toBeNull();
  });

  it('detects 一是/二是 enumerations', () => {
    expect(detectPoint('三是创新开展外资招商活动。')).toMatchObject({ kind: 'point', n: 3, rest: '创新开展外资招商活动。' });
    expect(detectPoint('一是 ')).toBeNull();
  });

  it('detects chapters, sections, books and articles of laws', () => {
    expect(detectLawMarker('第二章 规划与实施')).toMatchObject({ kind: 'chapter', n: 2, rest: '规划与实施' });
    expect(detectLawMarker('第三章　法律责任')).toMatchObject({ kind: 'chapter', n: 3, rest: '法律责任' });
    expect(detectLawMarker('第一节 一般规定')).toMatchObject({ kind: 'section', n: 1 });
    expect(detectLawMarker('第一编 总则')).toMatchObject({ kind: 'book', n: 1 });
    expect(detectLawMarker('第二分编 典型合同')).toMatchObject({ kind: 'subbook', n: 2 });
    expect(detectLawMarker('第一千二百六十条 本法自2021年1月1日起施行。')).toMatchObject({ kind: 'article', n: 1260 });
    expect(detectLawMarker('第一百二十条之一 以各种方式')).toMatchObject({ kind: 'article', n: 120, sub: 1, rest: '以各种方式' });
  });

  it('takes 第十条规定的 for prose, not an article', () => {
    expect(detectLawMarker('第十条规定的情形')).toBeNull();
  });

  it('finds whichever marker a paragraph opens with', () => {
    expect(detectMarker('（三）聚焦重点平台')?.kind).toBe('item');
    expect(detectMarker('三、保障措施')?.kind).toBe('part');
    expect(detectMarker('3．鼓励外资')?.kind).toBe('subitem');
    expect(detectMarker('三是创新')?.kind).toBe('point');
    expect(detectMarker('第三条 湿地')?.kind).toBe('article');
    expect(detectMarker('为深入贯彻落实')).toBeNull();
  });

  it('ranks markers so that each closes the ones it cannot contain', () => {
    const order = ['book', 'subbook', 'chapter', 'section', 'article', 'part', 'item', 'subitem', 'point'] as const;
    for (let i = 1; i < order.length; i++) expect(markerRank(order[i - 1]!)).toBeLessThan(markerRank(order[i]!));
  });

  it('maps books of a code to part clauses and keeps other kinds', () => {
    expect(clauseKindOf('book')).toBe('part');
    expect(clauseKindOf('subbook')).toBe('part');
    expect(clauseKindOf('article')).toBe('article');
    expect(clauseKindOf('point')).toBe('point');
  });
});

describe('marker labels', () => {
  it.each([
    ['part', 2, undefined, '二、', 'Part II', 'p2'],
    ['item', 10, undefined, '（十）', 'Item 10', 'i10'],
    ['subitem', 4, undefined, '4．', 'Sub-item 4', 's4'],
    ['point', 1, undefined, '一是', 'Point 1', 'pt1'],
    ['chapter', 2, undefined, '第二章', 'Chapter 2', 'ch2'],
    ['section', 3, undefined, '第三节', 'Section 3', 'sec3'],
    ['article', 10, undefined, '第十条', 'Article 10', 'a10'],
    ['article', 120, 1, '第一百二十条之一', 'Article 120a', 'a120-1'],
    ['book', 1, undefined, '第一编', 'Book 1', 'b1'],
  ] as const)('labels %s %i', (kind, n, sub, zh, en, key) => {
    expect(markerLabel(kind, n, sub)).toEqual({ zh, en, key });
  });
});
