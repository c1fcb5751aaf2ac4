// Aligns an existing English version of a document (an official translation, as .txt or .md) to its clause
// tree by numbering and order: "Part II" / "II." headings open parts, "(10)" / "10." / "Article 10" open
// items or articles, and the first unnumbered paragraphs before any number are the preamble. Whatever
// cannot be placed is listed, never guessed.
import type { Clause } from './types.ts';
import { clauseKey } from './translation.ts';

export interface ImportedClause {
  key: string;
  heading?: string;
  text: string;
}

export interface ImportResult {
  clauses: ImportedClause[];
  /** Clauses of the document that received no English. */
  missing: Clause[];
  /** English blocks that matched no clause: `line` is 1-based in the imported file. */
  unaligned: { line: number; text: string }[];
}

const ROMAN: Record<string, number> = { i: 1, v: 5, x: 10, l: 50, c: 100 };

export function romanValue(s: string): number | null {
  const lower = s.toLowerCase();
  if (!/^[ivxlc]+$/.test(lower)) return null;
  let total = 0;
  for (let i = 0; i < lower.length; i++) {
    const v = ROMAN[lower[i]!]!;
    const next = ROMAN[lower[i + 1] ?? ''] ?? 0;
    total += v < next ? -v : v;
  }
  return total;
}

type Marker = { level: 'part' | 'item' | 'subitem' | 'article'; n: number; rest: string };

// Measured on the forms official translations use: "Part II", "II.", "(10)", "10.", "Article 10", "1)".
const PART = /^(?:#+\s*)?(?:Part|Section|Chapter)\s+([IVXLC]+|\d+)\b[.:]?\s*(.*)$/i;
const ROMAN_HEAD = /^(?:#+\s*)?([IVXLC]+)[.、]\s+(.*)$/;
const ARTICLE = /^(?:#+\s*)?Article\s+(\d+)\b[.:]?\s*(.*)$/i;
const PAREN = /^[(（](\d+)[)）]\s*(.*)$/;
const DOTTED = /^(\d+)[.．)]\s+(.*)$/;

export function detectMarker(line: string): Marker | null {
  let m = PART.exec(line);
  if (m) return { level: 'part', n: romanValue(m[1]!) ?? Number(m[1]), rest: m[2]! };
  m = ROMAN_HEAD.exec(line);
  if (m && romanValue(m[1]!) !== null) return { level: 'part', n: romanValue(m[1]!)!, rest: m[2]! };
  m = ARTICLE.exec(line);
  if (m) return { level: 'article', n: Number(m[1]), rest: m[2]! };
  m = PAREN.exec(line);
  if (m) return { level: 'item', n: Number(m[1]), rest: m[2]! };
  m = DOTTED.exec(line);
  if (m) return { level: 'subitem', n: Number(m[1]), rest: m[2]! };
  return null;
}

/** The number a clause is cited by at its own level (`p2-i10` → item 10), from its stable key. */
function clauseNumber(clause: Clause): { level: Marker['level']; n: number } | null {
  const last = clauseKey(clause).split('-').pop() ?? '';
  const m = /^(p|i|s|a)(\d+)$/.exec(last);
  if (!m) return null;
  const level = ({ p: 'part', i: 'item', s: 'subitem', a: 'article' } as const)[m[1] as 'p' | 'i' | 's' | 'a'];
  return { level, n: Number(m[2]) };
}

/** Splits a clause's English into heading (its first sentence, when the Chinese has a heading) and text. */
function withHeading(clause: Clause, text: string): ImportedClause {
  const key = clauseKey(clause);
  if (!clause.heading) return { key, text };
  if (clause.kind === 'part') return { key, heading: text, text };
  const end = text.search(/[.;:!?](\s|$)/);
  return { key, heading: end > 0 ? text.slice(0, end).trim() : text, text };
}

export function alignTranslation(clauses: Clause[], english: string): ImportResult {
  const lines = english.replace(/\r\n?/g, '\n').split('\n');
  const numbered = clauses.filter((c) => clauseNumber(c) !== null);
  const unnumbered = clauses.filter((c) => clauseNumber(c) === null && c.kind !== 'note');
  const blocks: { clause: Clause | null; start: number; paragraphs: string[] }[] = [];
  let current: (typeof blocks)[number] = { clause: null, start: 1, paragraphs: [] };
  blocks.push(current);
  let cursor = 0;
  let part = 0;
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    const marker = detectMarker(line);
    if (marker) {
      if (marker.level === 'part') part = marker.n;
      // The next clause in document order carrying this number at this level; within the current part for sub-items.
      const found = numbered.findIndex((c, j) => {
        if (j < cursor) return false;
        const num = clauseNumber(c)!;
        if (num.level !== marker.level || num.n !== marker.n) return false;
        return marker.level !== 'subitem' || part === 0 || clauseKey(c).startsWith(`p${part}-`);
      });
      if (found >= 0) {
        cursor = found + 1;
        current = { clause: numbered[found]!, start: i + 1, paragraphs: marker.rest ? [marker.rest] : [] };
        blocks.push(current);
        return;
      }
    }
    current.paragraphs.push(line);
  });

  const out = new Map<string, ImportedClause>();
  const unaligned: ImportResult['unaligned'] = [];
  const paragraphs = (c: Clause) => c.text.split('\n').length;
  for (const block of blocks) {
    if (block.paragraphs.length === 0) continue;
    if (block.clause) {
      // A numbered clause takes as many paragraphs as its Chinese has; what follows belongs to the unnumbered
      // clauses after it (a closing paragraph after the last item), in order.
      const own = block.clause;
      out.set(own.id, withHeading(own, block.paragraphs.slice(0, paragraphs(own)).join('\n')));
      const rest = block.paragraphs.slice(paragraphs(own));
      const next = unnumbered.filter(
        (c) => c.ordinal > own.ordinal && !out.has(c.id) && !numbered.some((n) => n.ordinal > own.ordinal && n.ordinal < c.ordinal),
      );
      for (const c of next) if (rest.length > 0) out.set(c.id, withHeading(c, rest.splice(0, paragraphs(c)).join('\n')));
      for (const text of rest) unaligned.push({ line: block.start, text });
      continue;
    }
    // Text before the first number: the title line, then the preamble and other unnumbered clauses in order.
    const queue = [...block.paragraphs];
    for (const clause of unnumbered) {
      if (queue.length === 0 || clause.ordinal > (numbered[0]?.ordinal ?? Infinity)) break;
      out.set(clause.id, withHeading(clause, queue.shift()!));
    }
    for (const text of queue) unaligned.push({ line: block.start, text });
  }
  return {
    clauses: clauses.flatMap((c) => (out.has(c.id) ? [out.get(c.id)!] : [])),
    missing: clauses.filter((c) => !out.has(c.id)),
    unaligned,
  };
}
