// Marks in a clause's English what the query matched: its own words by stem ("listing" marks "list", "centres"
// marks "centers"), and the renderings of the glossary concepts it searched, as whole runs of words.
import { contentTokens, stemToken, tokenizeEnglish } from '../../glossary/english.ts';
import { highlighted, markRanges, type Highlighted, type Range } from './highlight.ts';

export interface EnglishMarks {
  stems: readonly string[];
  phrases: readonly string[];
}

export function englishRanges(text: string, marks: EnglishMarks): Range[] {
  if (marks.stems.length === 0 && marks.phrases.length === 0) return [];
  const tokens = contentTokens(tokenizeEnglish(text));
  const stems = new Set(marks.stems);
  const ranges: Range[] = tokens.filter((t) => stems.has(stemToken(t.norm))).map((t) => ({ start: t.start, end: t.end }));
  const norms = tokens.map((t) => t.norm);
  for (const phrase of new Set(marks.phrases)) {
    const needle = contentTokens(tokenizeEnglish(phrase)).map((t) => t.norm);
    if (needle.length === 0) continue;
    for (let i = 0; i + needle.length <= norms.length; i++) {
      if (needle.every((n, j) => norms[i + j] === n)) ranges.push({ start: tokens[i]!.start, end: tokens[i + needle.length - 1]!.end });
    }
  }
  ranges.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Range[] = [];
  for (const r of ranges) {
    const last = merged.at(-1);
    // Adjacent marked words ("negative list") become one mark, as they read.
    if (last && r.start <= last.end + 1 && /^\s?$/.test(text.slice(last.end, r.start))) last.end = Math.max(last.end, r.end);
    else merged.push({ ...r });
  }
  return merged;
}

/** HTML of the English with its matches in `<mark>`, escaped, cropped around the densest matches when longer than `cropLength`. */
export function highlightEnglish(text: string, marks: EnglishMarks, cropLength = Infinity): string {
  return markRanges(text, englishRanges(text, marks), { cropLength });
}

/** The English's matches as HTML and as ranges (see `highlighted`). */
export function highlightedEnglish(text: string, marks: EnglishMarks, cropLength = Infinity): Highlighted {
  return highlighted(text, englishRanges(text, marks), { cropLength });
}
