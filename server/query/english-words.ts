// Is this an English word? Asked before a query word is typo-corrected to a glossary term: "part" and "failing"
// are words (never "park" or "filing"), "negativ" and "withholdng" are not. The list (`an-array-of-english-words`,
// ~275k lowercase words, sorted) is kept as its JSON text and searched by bisection: 3.5 MB and ~15 ms to load,
// against ~34 MB and ~250 ms for the same words in a Set (measured on this machine).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

export interface WordList {
  has(word: string): boolean;
}

/** A word list over the text of a sorted JSON array of lowercase ASCII words. */
export function wordListFromJson(json: string): WordList {
  // Offsets of each word's opening quote.
  const starts: number[] = [];
  for (let i = json.indexOf('"'); i !== -1; i = json.indexOf('"', json.indexOf('"', i + 1) + 1)) starts.push(i + 1);
  const offsets = Int32Array.from(starts);
  const wordAt = (k: number): string => json.slice(offsets[k]!, json.indexOf('"', offsets[k]!));
  return {
    has(word) {
      const w = word.toLowerCase();
      let lo = 0;
      let hi = offsets.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const v = wordAt(mid);
        if (v === w) return true;
        if (v < w) lo = mid + 1;
        else hi = mid - 1;
      }
      return false;
    },
  };
}

let cached: WordList | undefined;

export function englishWords(): WordList {
  cached ??= wordListFromJson(readFileSync(createRequire(import.meta.url).resolve('an-array-of-english-words/index.json'), 'utf8'));
  return cached;
}
