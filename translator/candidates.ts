// Frequent corpus terms the glossary does not cover yet, for translators to review.
import type { ClausePath, CorpusDocument } from '../indexer/types.ts';
import { createSegmenter, type Segmenter } from '../indexer/segment.ts';
import type { Glossary } from '../glossary/types.ts';

export interface Candidate {
  term: string;
  /** Sum over documents of jieba's TF-IDF weight of the term in that document. */
  score: number;
  /** Occurrences as a segmented token across all clauses. */
  frequency: number;
  documentCount: number;
  example: { docId: string; clauseId: string; path: ClausePath; left: string; match: string; right: string };
}

export interface CandidateOptions {
  limit?: number;
  /** Segmenter to use; it should carry the glossary's user dictionary so glossary terms stay whole. */
  segmenter?: Segmenter;
  /** Keywords taken from each document before merging. */
  perDocument?: number;
  onProgress?: (done: number, total: number) => void;
}

const CONTEXT = 12;
// Terminology is nominal: nouns of every kind, verbal and adjectival nouns, abbreviations, set phrases, Latin,
// and words jieba only found through its HMM (x), often the newest terms.
const TERM_TAG = /^(?:n|vn|an|j|l|eng|x)/;
// Arabic numbers, dates and enumerators (2023年, 6月, 第一, 一是) are structure, not terminology.
const NUMBERISH = /^(?:[\d.．,，%％]+[年月日号%％]?|第[零〇一二三四五六七八九十百千]+|[一二三四五六七八九十]+是)$/;

/**
 * Nominal corpus terms (by jieba part-of-speech tag) ranked by summed per-document TF-IDF (nodejieba.extract),
 * then frequency; glossary forms, substrings of glossary forms, `excluded` terms, numbers and one-character
 * words are left out.
 */
export function candidates(documents: CorpusDocument[], glossary: Glossary, excluded: string[], opts: CandidateOptions = {}): Candidate[] {
  const segmenter = opts.segmenter ?? createSegmenter();
  const forms = glossary.entries.flatMap((e) => [e.zh, ...e.variants.zh]).map((f) => f.trim().normalize('NFKC').toLowerCase());
  // One string with separators: `includes` then answers "is a substring of some form" in one scan.
  const formText = `\n${forms.join('\n')}\n`;
  const skip = new Set(excluded.map((t) => t.trim().toLowerCase()));
  const keep = (term: string): boolean => [...term].length >= 2 && !NUMBERISH.test(term) && !skip.has(term) && !formText.includes(term);

  const score = new Map<string, number>();
  const stats = new Map<string, { frequency: number; docs: Set<string>; example?: Candidate['example'] }>();
  documents.forEach((doc, di) => {
    const docText = doc.clauses.map((c) => c.text).join('\n');
    for (const { word, weight } of segmenter.keywords(docText, opts.perDocument ?? 500)) {
      const term = word.toLowerCase();
      if (keep(term)) score.set(term, (score.get(term) ?? 0) + weight);
    }
    for (const clause of doc.clauses) {
      const lowerText = clause.text.toLowerCase();
      for (const { word: term, tag } of segmenter.tag(clause.text)) {
        if (!TERM_TAG.test(tag) || !keep(term)) continue;
        let s = stats.get(term);
        if (!s) {
          s = { frequency: 0, docs: new Set() };
          stats.set(term, s);
        }
        s.frequency++;
        s.docs.add(doc.meta.id);
        const at = s.example ? -1 : lowerText.indexOf(term);
        if (at !== -1) {
          s.example = {
            docId: doc.meta.id,
            clauseId: clause.id,
            path: clause.path,
            left: clause.text.slice(Math.max(0, at - CONTEXT), at),
            match: clause.text.slice(at, at + term.length),
            right: clause.text.slice(at + term.length, at + term.length + CONTEXT),
          };
        }
      }
    }
    opts.onProgress?.(di + 1, documents.length);
  });

  const ranked: Candidate[] = [];
  for (const [term, sc] of score) {
    const s = stats.get(term);
    if (!s?.example) continue;
    ranked.push({ term, score: Math.round(sc * 100) / 100, frequency: s.frequency, documentCount: s.docs.size, example: s.example });
  }
  ranked.sort((a, b) => b.score - a.score || b.frequency - a.frequency || a.term.localeCompare(b.term));
  return ranked.slice(0, opts.limit ?? 50);
}
