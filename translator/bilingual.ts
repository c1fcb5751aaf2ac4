// Bilingual concordance: each occurrence of a term as a sentence pair, the Chinese sentence with the term's
// ranges and the aligned English sentence with the rendering's ranges, counted per rendering so that a
// translator sees where the corpus renders a term inconsistently. Pure: the clauses come from the caller.
import { contentTokens, tokenizeEnglish } from '../glossary/english.ts';
import { alignSentences, pairAt, type AlignmentReason, type AlignmentStatus, type Anchor, type Span } from './sentence-align.ts';

/** A clause as the concordance needs it: Chinese text, its translation (null without) and where the term occurs. */
export interface BilingualClause {
  clauseId: string;
  docId: string;
  path: { zh: string; en: string };
  text: string;
  textEn: string | null;
  /** The term's occurrences in `text` (UTF-16 offsets). */
  matches: Span[];
  /** Other known correspondences in the clause (its other glossary terms and their renderings), to help alignment. */
  anchors?: Anchor[];
}

export interface BilingualPair {
  clauseId: string;
  docId: string;
  path: { zh: string; en: string };
  zh: { text: string; ranges: Span[] };
  /** Null when the clause has no translation or the sentence no counterpart (see `alignment`). */
  en: { text: string; ranges: Span[] } | null;
  /** The rendering found in `en` (one of the searched renderings), or null: other or unmarked. */
  rendering: string | null;
  alignment: { status: AlignmentStatus; reason: AlignmentReason | null };
  /** Up to CONTEXT characters of the Chinese sentence before and after the term: the sort keys. */
  left: string;
  right: string;
}

export interface RenderingCount {
  /** The rendering, or null for occurrences with none of them (another wording, or no English). */
  rendering: string | null;
  count: number;
}

export type ContextSort = 'document' | 'left' | 'right';

const CONTEXT = 20;

/**
 * Spans of `phrase` in `text` by the glossary's English normalization (case, plural, British spelling, hyphens
 * and function words do not matter; those at the edges are left out of the span): "national treatment" finds
 * "National Treatment" and "national-treatment".
 */
export function findEnglish(text: string, phrase: string): Span[] {
  const want = contentTokens(tokenizeEnglish(phrase)).map((t) => t.norm);
  if (want.length === 0) return [];
  const tokens = tokenizeEnglish(text).filter((t) => !t.stop);
  const out: Span[] = [];
  for (let i = 0; i + want.length <= tokens.length; i++) {
    if (want.every((w, k) => tokens[i + k]!.norm === w)) {
      out.push({ start: tokens[i]!.start, end: tokens[i + want.length - 1]!.end });
      i += want.length - 1;
    }
  }
  return out;
}

/** The rendering with the longest match in `text` (ties: the earlier in `renderings`), with all its spans. */
export function bestRendering(text: string, renderings: readonly string[]): { rendering: string; ranges: Span[] } | null {
  let best: { rendering: string; ranges: Span[]; size: number } | null = null;
  for (const r of renderings) {
    const ranges = findEnglish(text, r);
    if (ranges.length === 0) continue;
    const size = ranges[0]!.end - ranges[0]!.start;
    if (!best || size > best.size) best = { rendering: r, ranges, size };
  }
  return best && { rendering: best.rendering, ranges: best.ranges };
}

const shift = (spans: Span[], by: number): Span[] => spans.map((s) => ({ start: s.start - by, end: s.end - by }));

/** One pair per occurrence, in clause order. `renderings`: the entry's English forms, preferred first. */
export function bilingualPairs(clauses: readonly BilingualClause[], renderings: readonly string[]): BilingualPair[] {
  const out: BilingualPair[] = [];
  for (const c of clauses) {
    if (c.matches.length === 0) continue;
    // The term itself anchors alignment where its rendering occurs once in the translation.
    const anchors = [...(c.anchors ?? [])];
    if (c.textEn) {
      const found = bestRendering(c.textEn, renderings);
      if (found && found.ranges.length === c.matches.length) c.matches.forEach((m, k) => anchors.push({ zh: m.start, en: found.ranges[k]!.start }));
    }
    const alignment = alignSentences(c.text, c.textEn, anchors);
    for (const m of c.matches) {
      const pair = pairAt(alignment, m.start);
      const zhSpan = pair?.zh ?? { start: 0, end: c.text.length };
      const zhText = c.text.slice(zhSpan.start, zhSpan.end);
      // Every occurrence of the term in the sentence is marked; the pair is still one per occurrence.
      const zhRanges = shift(
        c.matches.filter((x) => x.start >= zhSpan.start && x.end <= zhSpan.end),
        zhSpan.start,
      );
      let en: BilingualPair['en'] = null;
      let rendering: string | null = null;
      if (pair?.en && c.textEn) {
        const enText = c.textEn.slice(pair.en.start, pair.en.end);
        const found = bestRendering(enText, renderings);
        rendering = found?.rendering ?? null;
        en = { text: enText, ranges: found?.ranges ?? [] };
      }
      out.push({
        clauseId: c.clauseId,
        docId: c.docId,
        path: c.path,
        zh: { text: zhText, ranges: zhRanges },
        en,
        rendering,
        alignment: pair
          ? { status: pair.status, reason: pair.reason ?? null }
          : { status: 'unaligned', reason: c.textEn ? 'no_counterpart' : 'no_translation' },
        left: c.text.slice(Math.max(zhSpan.start, m.start - CONTEXT), m.start),
        right: c.text.slice(m.end, Math.min(zhSpan.end, m.end + CONTEXT)),
      });
    }
  }
  return out;
}

/** Occurrences per rendering, in the order of `renderings`, renderings never found included (count 0), then null. */
export function renderingCounts(pairs: readonly BilingualPair[], renderings: readonly string[]): RenderingCount[] {
  const counts = new Map<string | null, number>([...renderings.map((r): [string, number] => [r, 0]), [null, 0]]);
  for (const p of pairs) counts.set(p.rendering, (counts.get(p.rendering) ?? 0) + 1);
  return [...counts].map(([rendering, count]) => ({ rendering, count }));
}

const reversed = (s: string): string => [...s].reverse().join('');
const collator = new Intl.Collator('zh-Hans-CN');

/**
 * KWIC order: `left` sorts by the context before the term read backwards from the term (the nearest character
 * first, as concordancers do), `right` by the context after it; `document` keeps the given order. Stable.
 */
export function sortPairs(pairs: readonly BilingualPair[], by: ContextSort): BilingualPair[] {
  if (by === 'document') return [...pairs];
  const key = (p: BilingualPair): string => (by === 'left' ? reversed(p.left) : p.right);
  return pairs
    .map((p, i) => ({ p, i, k: key(p) }))
    .sort((a, b) => collator.compare(a.k, b.k) || a.i - b.i)
    .map((x) => x.p);
}

/**
 * Anchors for alignment from a clause's glossary terms: where an entry occurs as often in the Chinese as its
 * best rendering in the English, the k-th occurrence is taken to render the k-th.
 */
export function termAnchors(
  textEn: string,
  spans: readonly { entryId: string; start: number }[],
  renderingsOf: (entryId: string) => readonly string[] | undefined,
): Anchor[] {
  const byEntry = new Map<string, number[]>();
  for (const s of spans) byEntry.set(s.entryId, [...(byEntry.get(s.entryId) ?? []), s.start]);
  const anchors: Anchor[] = [];
  for (const [entryId, starts] of byEntry) {
    const renderings = renderingsOf(entryId);
    const found = renderings && bestRendering(textEn, renderings);
    if (found && found.ranges.length === starts.length) starts.forEach((zh, k) => anchors.push({ zh, en: found.ranges[k]!.start }));
  }
  return anchors;
}

/** A clause for an English query: its glossary terms (for the Chinese side) instead of Chinese matches. */
export interface EnglishQueryClause extends Omit<BilingualClause, 'matches'> {
  terms: readonly { entryId: string; start: number; end: number }[];
}

/**
 * Pairs for an English string: each occurrence in a clause translation, with the Chinese sentence it is aligned
 * to; on the Chinese side the clause's glossary terms whose renderings contain the string are marked, and
 * `rendering` holds the Chinese form found (what "counts per rendering" counts for an English query).
 */
export function englishPairs(
  clauses: readonly EnglishQueryClause[],
  phrase: string,
  renderingsOf: (entryId: string) => readonly string[] | undefined,
): BilingualPair[] {
  const out: BilingualPair[] = [];
  for (const c of clauses) {
    if (!c.textEn) continue;
    const hits = findEnglish(c.textEn, phrase);
    if (hits.length === 0) continue;
    const alignment = alignSentences(c.text, c.textEn, [...(c.anchors ?? []), ...termAnchors(c.textEn, c.terms, renderingsOf)]);
    const related = c.terms.filter((t) => (renderingsOf(t.entryId) ?? []).some((r) => findEnglish(r, phrase).length > 0));
    for (const hit of hits) {
      const pair = alignment.pairs.find((p) => p.en && hit.start >= p.en.start && hit.start < p.en.end);
      const enSpan = pair?.en ?? { start: 0, end: c.textEn.length };
      const zhSpan = pair?.zh ?? { start: 0, end: c.text.length };
      const zhRanges = shift(
        related.filter((t) => t.start >= zhSpan.start && t.end <= zhSpan.end),
        zhSpan.start,
      ).map(({ start, end }) => ({ start, end }));
      const enRanges = shift(
        hits.filter((h) => h.start >= enSpan.start && h.end <= enSpan.end),
        enSpan.start,
      );
      const first = zhRanges[0];
      const zhText = c.text.slice(zhSpan.start, zhSpan.end);
      const enText = c.textEn.slice(enSpan.start, enSpan.end);
      const at = hit.start - enSpan.start;
      out.push({
        clauseId: c.clauseId,
        docId: c.docId,
        path: c.path,
        zh: { text: zhText, ranges: zhRanges },
        en: { text: enText, ranges: enRanges },
        rendering: first ? zhText.slice(first.start, first.end) : null,
        alignment: pair ? { status: pair.status, reason: pair.reason ?? null } : { status: 'unaligned', reason: 'no_counterpart' },
        // The sort keys of an English query are its English context.
        left: enText.slice(Math.max(0, at - CONTEXT), at),
        right: enText.slice(at + (hit.end - hit.start), at + (hit.end - hit.start) + CONTEXT),
      });
    }
  }
  return out;
}

/** Counts of whatever `rendering` holds, most frequent first, null (none) last. */
export function countsByRendering(pairs: readonly BilingualPair[]): RenderingCount[] {
  const counts = new Map<string | null, number>();
  for (const p of pairs) counts.set(p.rendering, (counts.get(p.rendering) ?? 0) + 1);
  return [...counts]
    .map(([rendering, count]) => ({ rendering, count }))
    .sort((a, b) => (a.rendering === null ? 1 : 0) - (b.rendering === null ? 1 : 0) || b.count - a.count);
}
