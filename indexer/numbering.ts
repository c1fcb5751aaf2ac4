// Numbering markers of Chinese policy documents and laws, and the numerals they are written in.
// Pure functions: detection of a marker at the start of a paragraph, Chinese numeral <-> integer,
// roman numerals, and the canonical zh/en/id labels each marker kind contributes to a clause path.
import { MARKER_KINDS, type MarkerKind } from '../shared/structure.ts';
import type { ClauseKind } from './types.ts';

// The kinds are shared with the API's path segments (shared/structure.ts).
export { MARKER_KINDS, type MarkerKind };

export function markerRank(kind: MarkerKind): number {
  return MARKER_KINDS.indexOf(kind);
}

/** Books (编) and sub-books (分编) of a code are clauses of kind `part`, like the 一、 parts of a policy. */
export function clauseKindOf(kind: MarkerKind): ClauseKind {
  return kind === 'book' || kind === 'subbook' ? 'part' : kind;
}

export interface Marker {
  kind: MarkerKind;
  n: number;
  /** `之一` suffix of an inserted article (第一百二十条之一 → 1). */
  sub?: number;
  /** The marker exactly as written in the source. */
  raw: string;
  /** Text after the marker, leading spaces removed. */
  rest: string;
}

const DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
const CN = '[零〇一二两三四五六七八九十百千]+';
const CN_DIGITS = '一二三四五六七八九';

/** Full-width digits (０-９) as ASCII, so `１２` and `12` number alike. */
export function asciiDigits(text: string): string {
  return text.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
}

/** 一 → 1, 十二 → 12, 一百零五 → 105, 一千二百六十 → 1260; also plain digits. NaN when not a numeral. */
export function parseChineseNumeral(text: string): number {
  const ascii = asciiDigits(text);
  if (/^\d+$/.test(ascii)) return Number(ascii);
  if (!new RegExp(`^${CN}$`).test(text)) return Number.NaN;
  // Positional form without units (一〇五 as in years and some article numbers).
  if (!/[十百千]/.test(text)) {
    return [...text].reduce((acc, ch) => acc * 10 + (DIGITS[ch] ?? 0), 0);
  }
  let total = 0;
  let digit: number | null = null;
  for (const ch of text) {
    const unit = UNITS[ch];
    if (unit !== undefined) {
      // A bare unit (十 in 十二) counts as one of it.
      total += (digit ?? 1) * unit;
      digit = null;
    } else {
      const d = DIGITS[ch];
      if (d === undefined) return Number.NaN;
      digit = d;
    }
  }
  return total + (digit ?? 0);
}

/** 1 → 一, 10 → 十, 12 → 十二, 105 → 一百零五, 1260 → 一千二百六十 (1…9999). */
export function toChineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 9999) throw new RangeError(`cannot write ${n} as a Chinese numeral`);
  const units = ['千', '百', '十', ''];
  const digits = String(n).padStart(4, '0').split('').map(Number);
  let out = '';
  let pendingZero = false;
  digits.forEach((d, i) => {
    if (d === 0) {
      if (out) pendingZero = true;
      return;
    }
    if (pendingZero) out += '零';
    pendingZero = false;
    out += CN_DIGITS[d - 1] + units[i]!;
  });
  // 十二, not 一十二, when the number starts at the tens.
  return n >= 10 && n < 20 ? out.slice(1) : out;
}

const ROMAN: Array<[number, string]> = [
  [1000, 'M'],
  [900, 'CM'],
  [500, 'D'],
  [400, 'CD'],
  [100, 'C'],
  [90, 'XC'],
  [50, 'L'],
  [40, 'XL'],
  [10, 'X'],
  [9, 'IX'],
  [5, 'V'],
  [4, 'IV'],
  [1, 'I'],
];

export function toRoman(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 3999) throw new RangeError(`cannot write ${n} as a roman numeral`);
  let rest = n;
  let out = '';
  for (const [value, letters] of ROMAN) {
    while (rest >= value) {
      out += letters;
      rest -= value;
    }
  }
  return out;
}

const LAW_RE = new RegExp(`^第(${CN}|[0-9０-９]+)(分编|编|章|节|条)(?:之(${CN}))?`);
const PART_RE = new RegExp(`^(${CN})[、．](?=\\S)`);
const ITEM_RE = new RegExp(`^[（(](${CN})[）)]`);
// A digit dot followed by another digit is a decimal (1.5倍), not a marker.
const SUBITEM_RE = /^([0-9０-９]{1,3})[．.、](?![0-9０-９])/;
const POINT_RE = new RegExp(`^(${CN})是(?=[^\\s，,。])`);

const LAW_KINDS: Record<string, MarkerKind> = { 编: 'book', 分编: 'subbook', 章: 'chapter', 节: 'section', 条: 'article' };

function rest(text: string, raw: string): string {
  return text.slice(raw.length).replace(/^[\s\u3000]+/, '');
}

/** `第一章`, `第十条`, `第一百二十条之一` … Articles need a space after the marker: `第十条规定的` is prose. */
export function detectLawMarker(text: string): Marker | null {
  const m = LAW_RE.exec(text);
  if (!m) return null;
  const kind = LAW_KINDS[m[2]!]!;
  const after = text.charAt(m[0].length);
  if (kind === 'article' && after !== '' && !/[\s\u3000]/.test(after)) return null;
  const n = parseChineseNumeral(m[1]!);
  const sub = m[3] === undefined ? undefined : parseChineseNumeral(m[3]);
  return { kind, n, ...(sub === undefined ? {} : { sub }), raw: m[0], rest: rest(text, m[0]) };
}

function detectWith(re: RegExp, kind: MarkerKind, text: string): Marker | null {
  const m = re.exec(text);
  if (!m) return null;
  const n = parseChineseNumeral(m[1]!);
  if (!Number.isFinite(n) || n < 1) return null;
  return { kind, n, raw: m[0], rest: rest(text, m[0]) };
}

/** `一、` */
export const detectPart = (text: string): Marker | null => detectWith(PART_RE, 'part', text);
/** `（一）`, `(一)`, and the mixed `（一)` / `(一）` that OCR and hand-typing produce. */
export const detectItem = (text: string): Marker | null => detectWith(ITEM_RE, 'item', text);
/** `1．`, `1.`, `1、` */
export const detectSubitem = (text: string): Marker | null => detectWith(SUBITEM_RE, 'subitem', text);
/** `一是`, `二是` opening a paragraph. */
export const detectPoint = (text: string): Marker | null => detectWith(POINT_RE, 'point', text);

/** The numbering marker a paragraph opens with, if any. */
export function detectMarker(text: string): Marker | null {
  return detectLawMarker(text) ?? detectItem(text) ?? detectPart(text) ?? detectSubitem(text) ?? detectPoint(text);
}

export interface MarkerLabel {
  /** Canonical Chinese form: `二、`, `（十）`, `4．`, `一是`, `第十条`. */
  zh: string;
  /** English citation form: `Part II`, `Item 10`, `Sub-item 4`, `Point 1`, `Article 10`. */
  en: string;
  /** Id fragment: `p2`, `i10`, `s4`, `pt1`, `a10`. */
  key: string;
}

/** Letter suffix of inserted articles as in official translations: 第一百二十条之一 → Article 120a. */
function articleSuffix(sub: number): string {
  return sub >= 1 && sub <= 26 ? String.fromCharCode(96 + sub) : `-${sub}`;
}

export function markerLabel(kind: MarkerKind, n: number, sub?: number): MarkerLabel {
  const cn = toChineseNumeral(n);
  switch (kind) {
    case 'book':
      return { zh: `第${cn}编`, en: `Book ${n}`, key: `b${n}` };
    case 'subbook':
      return { zh: `第${cn}分编`, en: `Sub-book ${n}`, key: `sb${n}` };
    case 'chapter':
      return { zh: `第${cn}章`, en: `Chapter ${n}`, key: `ch${n}` };
    case 'section':
      return { zh: `第${cn}节`, en: `Section ${n}`, key: `sec${n}` };
    case 'article':
      return sub === undefined
        ? { zh: `第${cn}条`, en: `Article ${n}`, key: `a${n}` }
        : { zh: `第${cn}条之${toChineseNumeral(sub)}`, en: `Article ${n}${articleSuffix(sub)}`, key: `a${n}-${sub}` };
    case 'part':
      return { zh: `${cn}、`, en: `Part ${toRoman(n)}`, key: `p${n}` };
    case 'item':
      return { zh: `（${cn}）`, en: `Item ${n}`, key: `i${n}` };
    case 'subitem':
      return { zh: `${n}．`, en: `Sub-item ${n}`, key: `s${n}` };
    case 'point':
      return { zh: `${cn}是`, en: `Point ${n}`, key: `pt${n}` };
  }
}
