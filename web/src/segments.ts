// Splitting clause text into runs for display (pure): highlighted matches and glossary-term spans.
import type { MatchRange, TextExcerpt } from '../../shared/structure.ts';

export interface Run<T = true> {
  text: string;
  /** Set on highlighted or annotated runs. */
  mark?: T;
}

/**
 * The part of `text` the API's `excerpt` names, as runs with the `matches` inside it marked, and `…` where text
 * was cut: what the API's `highlight` HTML says, built from its ranges (no HTML is parsed). A match the excerpt
 * cuts is left unmarked, as in the highlight.
 */
export function excerptRuns(text: string, matches: readonly MatchRange[], excerpt: TextExcerpt = { start: 0, length: text.length }, ellipsis = '…'): Run[] {
  const start = Math.max(0, Math.min(excerpt.start, text.length));
  const end = Math.min(text.length, start + excerpt.length);
  const inside = matches.map((m) => ({ start: m.start, end: m.start + m.length })).filter((m) => m.start >= start && m.end <= end);
  const runs: Run[] = spanRuns(
    text.slice(start, end),
    inside.map((m) => ({ start: m.start - start, end: m.end - start })),
  ).map((r) => (r.mark ? { text: r.text, mark: true } : { text: r.text }));
  if (start > 0) runs.unshift({ text: ellipsis });
  if (end < text.length) runs.push({ text: ellipsis });
  return runs;
}

export interface Span {
  start: number;
  end: number;
}

/** `text` cut at the given spans (UTF-16 offsets); overlapping or out-of-range spans are dropped. */
export function spanRuns<S extends Span>(text: string, spans: readonly S[]): Run<S>[] {
  const ordered = spans.filter((s) => s.start >= 0 && s.end <= text.length && s.start < s.end).sort((a, b) => a.start - b.start || b.end - a.end);
  const runs: Run<S>[] = [];
  let at = 0;
  for (const s of ordered) {
    if (s.start < at) continue;
    if (s.start > at) runs.push({ text: text.slice(at, s.start) });
    runs.push({ text: text.slice(s.start, s.end), mark: s });
    at = s.end;
  }
  if (at < text.length) runs.push({ text: text.slice(at) });
  return runs;
}

// Lower case that keeps every offset (a letter whose lower case is longer stays as it is), so that positions
// found in the folded text hold in the original.
const fold = (text: string): string =>
  text.replace(/[\p{Lu}\p{Lt}]/gu, (c) => {
    const lower = c.toLowerCase();
    return lower.length === c.length ? lower : c;
  });

/** Every occurrence of `needle` in `text` (Latin letters case-insensitively, blanks at its ends ignored), not overlapping, in order. */
export function findSpans(text: string, needle: string): Span[] {
  const folded = fold(needle.trim());
  if (folded === '') return [];
  const haystack = fold(text);
  const spans: Span[] = [];
  for (let at = haystack.indexOf(folded); at !== -1; at = haystack.indexOf(folded, at + folded.length)) {
    spans.push({ start: at, end: at + folded.length });
  }
  return spans;
}
