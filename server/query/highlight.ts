// Highlighting computed on the original clause text from the terms actually searched, so a mark is
// never empty, shifted or spaced out (the engine's own highlighter works on its tokens, not ours).
import type { MatchRange, TextExcerpt } from '../../shared/structure.ts';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

export interface Range {
  start: number;
  end: number;
}

/**
 * Lower case that keeps every offset: a character whose lower case is longer stays as it is (İ lower-cases to
 * i + U+0307, which shifted every later match by one when positions found in the lower-cased text were used
 * on the original).
 */
export function foldCase(text: string): string {
  return text.replace(/[\p{Lu}\p{Lt}]/gu, (c) => {
    const lower = c.toLowerCase();
    return lower.length === c.length ? lower : c;
  });
}

/** Every occurrence of every term (Latin case-insensitively), overlapping ranges merged, in text order. */
export function matchRanges(text: string, terms: readonly string[]): Range[] {
  const haystack = foldCase(text);
  const ranges: Range[] = [];
  for (const term of new Set(terms.map((t) => foldCase(t.trim())).filter((t) => t.length > 0))) {
    for (let at = haystack.indexOf(term); at !== -1; at = haystack.indexOf(term, at + 1)) {
      ranges.push({ start: at, end: at + term.length });
    }
  }
  ranges.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Range[] = [];
  for (const r of ranges) {
    const last = merged.at(-1);
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else merged.push({ ...r });
  }
  return merged;
}

/**
 * The window of `size` characters holding the most matches, starting a little before one of them. `ranges` are
 * sorted and disjoint (as matchRanges returns them), so window starts only move forward and two cursors count
 * the matches inside each window: linear in the matches, where counting afresh per window was quadratic
 * (119 ms per hit for a 10,000-character clause).
 */
export function cropWindow(length: number, ranges: readonly Range[], size: number): Range {
  if (length <= size) return { start: 0, end: length };
  let best = { start: 0, count: -1 };
  let first = 0; // first range starting inside the window
  let after = 0; // first range ending beyond it
  for (let i = 0; i < ranges.length; i++) {
    const start = Math.max(0, Math.min(ranges[i]!.start - Math.floor(size / 8), length - size));
    while (first < ranges.length && ranges[first]!.start < start) first++;
    after = Math.max(after, first);
    while (after < ranges.length && ranges[after]!.end <= start + size) after++;
    const count = after - first;
    if (count > best.count) best = { start, count };
  }
  const start = best.count < 0 ? 0 : best.start;
  return { start, end: Math.min(length, start + size) };
}

export interface HighlightOptions {
  /** Crop texts longer than this many characters around the best match. */
  cropLength?: number;
  ellipsis?: string;
}

/** HTML of `text` with every match of `terms` in `<mark>`, everything else escaped. */
export function highlight(text: string, terms: readonly string[], options: HighlightOptions = {}): string {
  return markRanges(text, matchRanges(text, terms), options);
}

/**
 * A text's matches both ways: as `<mark>` HTML (for outside clients) and as structure (for ours): every match as
 * { start, length } over the whole text, and the excerpt the HTML shows. The HTML is built from the same ranges.
 */
export interface Highlighted {
  highlight: string;
  matches: MatchRange[];
  excerpt: TextExcerpt;
}

export function highlighted(text: string, ranges: readonly Range[], options: HighlightOptions = {}): Highlighted {
  const window = cropWindow(text.length, ranges, options.cropLength ?? 200);
  return {
    highlight: renderWindow(text, ranges, window, options.ellipsis ?? '…'),
    matches: ranges.map((r) => ({ start: r.start, length: r.end - r.start })),
    excerpt: { start: window.start, length: window.end - window.start },
  };
}

/** HTML of `text` with the given (sorted, disjoint) ranges in `<mark>`, everything else escaped, cropped around the densest ones. */
export function markRanges(text: string, ranges: readonly Range[], options: HighlightOptions = {}): string {
  return highlighted(text, ranges, options).highlight;
}

function renderWindow(text: string, ranges: readonly Range[], window: Range, ellipsis: string): string {
  let html = window.start > 0 ? ellipsis : '';
  let at = window.start;
  for (const r of ranges) {
    // A match cut by the window is not marked (a half-marked word reads as a different word).
    if (r.start < window.start || r.end > window.end) continue;
    html += `${escapeHtml(text.slice(at, r.start))}<mark>${escapeHtml(text.slice(r.start, r.end))}</mark>`;
    at = r.end;
  }
  html += escapeHtml(text.slice(at, window.end));
  if (window.end < text.length) html += ellipsis;
  return html;
}
