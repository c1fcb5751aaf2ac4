// English → Chinese through the corpus's lexicon (CC-CEDICT glosses of the words the index contains), for the
// English words of a query that no glossary entry covers: "franchising" → 特许经营, "spot checks" → 抽查.
// Glosses are compared as stem sequences, longest first, so "do a spot check" answers "spot checks" and a
// one-word gloss never outranks a phrase the query spells out.
import { allowedEdits, damerauLevenshtein, stemmedTokens, stemToken, type StemmedToken } from '../../glossary/english.ts';
import type { LexiconEntry } from '../../indexer/search-documents.ts';

export interface LexiconMatch {
  /** The query words the gloss covers, as typed. */
  en: string;
  /** Chinese words with that gloss, commonest in the corpus first. */
  zh: string[];
  /** Offsets of `en` in the query. */
  start: number;
  end: number;
}

export interface Lexicon {
  size: number;
  /** Longest gloss matches over the given query tokens, left to right; `limit` Chinese words per match. */
  match(query: string, tokens: StemmedToken[], limit: number): LexiconMatch[];
  /**
   * The corpus's English word closest to a word it does not contain (fewest edits, then commonest), or null:
   * "negativ" → "negative", "defferal" → "deferral". Words the corpus contains are never changed.
   */
  correct(word: string): string | null;
  /** True when some English word of the corpus has this stem. */
  hasStem(stem: string): boolean;
}

interface Gloss {
  stems: string[];
  words: { zh: string; clauses: number }[];
}

/** Glosses longer than this are descriptions, not names of a thing a query would use. */
const MAX_GLOSS_STEMS = 4;

export function buildLexicon(entries: LexiconEntry[]): Lexicon {
  const english = new Map<string, number>();
  const byLength = new Map<number, string[]>();
  const stems = new Set<string>();
  for (const e of entries) {
    if (e.kind !== 'en' || !e.en[0]) continue;
    english.set(e.en[0], e.clauses);
    stems.add(stemToken(e.en[0]));
    const list = byLength.get(e.en[0].length) ?? [];
    list.push(e.en[0]);
    byLength.set(e.en[0].length, list);
  }
  // First stem → glosses starting with it, longest first.
  const byFirst = new Map<string, Gloss[]>();
  const byKey = new Map<string, Gloss>();
  for (const entry of entries) {
    if (entry.kind === 'en') continue;
    for (const en of entry.en) {
      const stems = stemmedTokens(en).map((t) => t.stem);
      if (stems.length === 0 || stems.length > MAX_GLOSS_STEMS) continue;
      const key = stems.join(' ');
      let gloss = byKey.get(key);
      if (!gloss) {
        gloss = { stems, words: [] };
        byKey.set(key, gloss);
        const list = byFirst.get(stems[0]!) ?? [];
        list.push(gloss);
        byFirst.set(stems[0]!, list);
      }
      if (!gloss.words.some((w) => w.zh === entry.zh)) gloss.words.push({ zh: entry.zh, clauses: entry.clauses });
    }
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.stems.length - a.stems.length);
  for (const gloss of byKey.values()) gloss.words.sort((a, b) => b.clauses - a.clauses || a.zh.localeCompare(b.zh));

  const correct = (word: string): string | null => {
    const w = word.toLowerCase();
    if (english.has(w) || !/^[a-z]+$/.test(w)) return null;
    const max = allowedEdits(w.length);
    let best: { word: string; edits: number; clauses: number } | null = null;
    for (let len = w.length - max; len <= w.length + max; len++) {
      for (const candidate of byLength.get(len) ?? []) {
        const edits = damerauLevenshtein(w, candidate, max);
        if (edits > max) continue;
        const clauses = english.get(candidate)!;
        if (!best || edits < best.edits || (edits === best.edits && clauses > best.clauses)) best = { word: candidate, edits, clauses };
      }
    }
    return best?.word ?? null;
  };

  return {
    size: entries.length,
    correct,
    hasStem: (stem) => stems.has(stem),
    match(query, tokens, limit) {
      const out: LexiconMatch[] = [];
      for (let i = 0; i < tokens.length; ) {
        const gloss = (byFirst.get(tokens[i]!.stem) ?? []).find((g) => g.stems.every((s, j) => tokens[i + j]?.stem === s));
        if (!gloss) {
          i++;
          continue;
        }
        const start = tokens[i]!.start;
        const end = tokens[i + gloss.stems.length - 1]!.end;
        out.push({ en: query.slice(start, end), zh: gloss.words.slice(0, limit).map((w) => w.zh), start, end });
        i += gloss.stems.length;
      }
      return out;
    },
  };
}

export const EMPTY_LEXICON: Lexicon = buildLexicon([]);
