// Clause citations as people write them: `Part II item 12`, `Section II (12)`, `二、（十二）`, `第十二项`, `第12条`,
// `三、5`, `二（四）三是`, `Annex 1`. A citation is read into steps (part 2, item 12); a clause's own path reads into
// steps the same way, so resolving a citation is comparing step lists — no second copy of the numbering rules.
// Whatever is not part of the citation stays in `rest` (the words that name the document).
import { markerLabel, parseChineseNumeral } from '../../indexer/numbering.ts';

export const STEP_LEVELS = ['part', 'chapter', 'item', 'subitem', 'point', 'article', 'annex'] as const;
export type StepLevel = (typeof STEP_LEVELS)[number];

export interface CitationStep {
  level: StepLevel;
  n: number;
}

export interface Citation {
  steps: CitationStep[];
  /** The query without the citation: what names the document (`Jiangxi`, `1586号`, `若干举措`). */
  rest: string;
}

const CN = '[零〇一二两三四五六七八九十百]+';
const NUM = `(?:${CN}|\\d+)`;
const ROMAN = '[ivxlc]+';

function fromRoman(text: string): number {
  const values: Record<string, number> = { i: 1, v: 5, x: 10, l: 50, c: 100 };
  let total = 0;
  const chars = text.toLowerCase();
  for (let i = 0; i < chars.length; i++) {
    const v = values[chars[i]!] ?? Number.NaN;
    const next = values[chars[i + 1] ?? ''] ?? 0;
    total += v < next ? -v : v;
  }
  return total;
}

const number = (text: string): number => (/^\d+$/.test(text) ? Number(text) : /^[ivxlc]+$/i.test(text) ? fromRoman(text) : parseChineseNumeral(text));

interface Pattern {
  re: RegExp;
  level: StepLevel;
  /** Only right after another step (`三、5`, `（四）三是`): alone, `5` or `三是` is ordinary text. */
  afterStep?: boolean;
  /** Only where a word may start (not inside a run of Chinese: 统一（ is not part 一). */
  atBoundary?: boolean;
  /** An English keyword: only at the start of a word (`Expart 2` is no part). */
  word?: boolean;
}

// Order matters where patterns overlap: 第十二项 before the bare numeral, `sub-item` before `item`.
const PATTERNS: Pattern[] = [
  { re: new RegExp(`第(${NUM})部分`, 'y'), level: 'part' },
  { re: new RegExp(`第(${NUM})章`, 'y'), level: 'chapter' },
  { re: new RegExp(`第(${NUM})[项款]`, 'y'), level: 'item' },
  { re: new RegExp(`第(${NUM})条`, 'y'), level: 'article' },
  { re: new RegExp(`第(${NUM})点`, 'y'), level: 'point' },
  { re: new RegExp(`附件\\s*(${NUM})?`, 'y'), level: 'annex' },
  { re: new RegExp(`(${CN})、`, 'y'), level: 'part', atBoundary: true },
  // 二（四）: a part numeral written without its 、 right before an item.
  { re: new RegExp(`(${CN})(?=[（(]${NUM}[）)])`, 'y'), level: 'part', atBoundary: true },
  { re: new RegExp(`[（(]\\s*(${NUM})\\s*[）)]`, 'y'), level: 'item' },
  { re: new RegExp(`(${CN})是`, 'y'), level: 'point', afterStep: true },
  { re: /(\d+)\s*[．.]?/y, level: 'subitem', afterStep: true },
  { re: new RegExp(`(?:part|section)\\s*(${ROMAN}|\\d+)\\b`, 'iy'), level: 'part', word: true },
  { re: new RegExp(`chapter\\s*(${ROMAN}|\\d+)\\b`, 'iy'), level: 'chapter', word: true },
  { re: /sub-?\s?items?\s*\(?\s*(\d+)\s*\)?/iy, level: 'subitem', word: true },
  { re: /(?:items?|paragraph|para\.?)\s*\(?\s*(\d+)\s*\)?/iy, level: 'item', word: true },
  { re: /points?\s*\(?\s*(\d+)\s*\)?/iy, level: 'point', word: true },
  { re: /(?:articles?|art\.)\s*(\d+)\b/iy, level: 'article', word: true },
  { re: /(?:annex|attachment|appendix)\s*(\d+)?\b/iy, level: 'annex', word: true },
];

const HAN = /\p{Script=Han}/u;
// Separators between steps: `Part 2, Item (13)`, `Part II item 3 point 2`.
const SEPARATOR = /[\s,，;；]+/y;

/** Reads the citation in `q`, or null when `q` cites no clause. */
export function parseCitation(q: string): Citation | null {
  const steps: CitationStep[] = [];
  const rest: string[] = [];
  let i = 0;
  let lastStepEnd = -1;
  while (i < q.length) {
    SEPARATOR.lastIndex = i;
    const sep = SEPARATOR.exec(q);
    if (sep) {
      rest.push(' ');
      i += sep[0].length;
      continue;
    }
    const before = q[i - 1] ?? '';
    const boundary = i === 0 || !HAN.test(before) || lastStepEnd === i;
    // An English keyword must start a word: `Expart 2` is no part.
    const wordStart = i === 0 || !/[a-z0-9]/i.test(before);
    let matched = false;
    for (const p of PATTERNS) {
      if (p.afterStep && lastStepEnd !== i) continue;
      if (p.atBoundary && !boundary) continue;
      if (p.word && !wordStart) continue;
      p.re.lastIndex = i;
      const m = p.re.exec(q);
      if (!m || m[0].length === 0) continue;
      const n = m[1] === undefined ? 1 : number(m[1]);
      // A four-digit number in brackets is the year of a document number (发改外资（2022）1586号), not an item.
      if (!Number.isFinite(n) || n < 1 || n >= 1000) continue;
      steps.push({ level: p.level, n });
      i += m[0].length;
      lastStepEnd = i;
      matched = true;
      break;
    }
    if (!matched) {
      rest.push(q[i]!);
      i++;
    }
  }
  if (steps.length === 0) return null;
  return { steps, rest: rest.join('').replace(/\s+/g, ' ').trim() };
}

/** The steps written as the documents write paths: `二、（四十）` / `Part II, Item 40` (what a missing citation named). */
export function citedPath(steps: CitationStep[]): { zh: string; en: string } {
  const labels = steps.map((s) => (s.level === 'annex' ? { zh: `附件${s.n}`, en: `Annex ${s.n}` } : markerLabel(s.level, s.n)));
  return { zh: labels.map((l) => l.zh).join(''), en: labels.map((l) => l.en).join(', ') };
}
