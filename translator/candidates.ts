// Frequent corpus terms the glossary does not cover yet, for translators to review.
import type { ClausePath, CorpusDocument } from '../indexer/types.ts';
import { createSegmenter, type Segmenter } from '../indexer/segment.ts';
import type { Glossary } from '../glossary/types.ts';
import type { Dictionary } from '../indexer/dictionary.ts';
import { ADMINISTRATIVE_FILLER } from './filler.ts';

export interface CandidateExample {
  docId: string;
  clauseId: string;
  path: ClausePath;
  left: string;
  match: string;
  right: string;
}

export interface Candidate {
  term: string;
  /** The rank key: `tfidf`, times GENERAL_WEIGHT when the general-language dictionary knows the word. */
  score: number;
  /** Sum over documents of jieba's TF-IDF weight of the term in that document. */
  tfidf: number;
  /** Occurrences as a segmented token across all clauses. */
  frequency: number;
  documentCount: number;
  /** Ids of the documents it occurs in, in corpus order. */
  documents: string[];
  /** Up to MAX_EXAMPLES occurrences in context, from different documents where it has several. */
  examples: CandidateExample[];
  /** The general dictionary's English (CC-CEDICT glosses), a suggestion; empty when it does not know the word. */
  english: string[];
}

export interface CandidateOptions {
  limit?: number;
  /** Segmenter to use; it should carry the glossary's user dictionary so glossary terms stay whole. */
  segmenter?: Segmenter;
  /** Keywords taken from each document before merging. */
  perDocument?: number;
  onProgress?: (done: number, total: number) => void;
  /**
   * The general-language baseline: the dictionary's entries for these terms (CC-CEDICT, restricted to them so it
   * stays small). Without it no term counts as general and none gets English.
   */
  dictionary?: (terms: string[]) => Dictionary;
}

/**
 * What a term the general dictionary knows keeps of its score. Measured on the seed corpus (5 documents, top 150
 * by TF-IDF): CC-CEDICT knows 13 of the first 20 (渠道, 投产, 大会, 分工, 优先, 图谱, 事项, 权限, 布局, 集群, …),
 * everyday words with a general sense, and few of the compounds that policy translators look up (吸引外资, 引进外资,
 * 开放政策, 分配利润, 涉外企业, 进口设备, 产业园 are not in it). A quarter moves a known word below an unknown one of
 * about a quarter of its TF-IDF: enough to lead with the compounds while frequent dictionary terms (信用风险, 合规)
 * stay on the first page; 0.5 left 渠道 and 投产 in the first ten.
 */
export const GENERAL_WEIGHT = 0.25;
/** Occurrences shown per candidate. */
export const MAX_EXAMPLES = 2;
/** Dictionary glosses given per candidate. */
const MAX_ENGLISH = 3;

const CONTEXT = 12;
// Terminology is nominal: nouns of every kind, verbal and adjectival nouns, abbreviations, set phrases, Latin,
// and words jieba only found through its HMM (x), often the newest terms.
const TERM_TAG = /^(?:n|vn|an|j|l|eng|x)/;
// Person and place names (习近平, 涪陵) are nouns to jieba but not terminology: a translator looks them up elsewhere.
const NAME_TAG = /^n[rs]/;
// Arabic numbers, dates and enumerators (2023年, 6月, 第一, 一是) are structure, not terminology.
const NUMBERISH = /^(?:[\d.．,，%％]+[年月日号%％]?|第[零〇一二三四五六七八九十百千]+|[一二三四五六七八九十]+是)$/;

/**
 * Nominal corpus terms (by jieba part-of-speech tag) ranked by summed per-document TF-IDF (nodejieba.extract)
 * against a general-language baseline (GENERAL_WEIGHT), then frequency; glossary forms, substrings of glossary
 * forms, `excluded` terms, administrative filler (filler.ts), numbers and one-character words are left out.
 */
export function candidates(documents: CorpusDocument[], glossary: Glossary, excluded: string[], opts: CandidateOptions = {}): Candidate[] {
  const segmenter = opts.segmenter ?? createSegmenter();
  const forms = glossary.entries.flatMap((e) => [e.zh, ...e.variants.zh]).map((f) => f.trim().normalize('NFKC').toLowerCase());
  // One string with separators: `includes` then answers "is a substring of some form" in one scan.
  const formText = `\n${forms.join('\n')}\n`;
  const skip = new Set([...excluded, ...ADMINISTRATIVE_FILLER].map((t) => t.trim().toLowerCase()));
  const keep = (term: string): boolean => [...term].length >= 2 && !NUMBERISH.test(term) && !skip.has(term) && !formText.includes(term);

  const score = new Map<string, number>();
  const stats = new Map<string, { frequency: number; docs: Set<string>; examples: CandidateExample[] }>();
  documents.forEach((doc, di) => {
    const docText = doc.clauses.map((c) => c.text).join('\n');
    for (const { word, weight } of segmenter.keywords(docText, opts.perDocument ?? 500)) {
      const term = word.toLowerCase();
      if (keep(term)) score.set(term, (score.get(term) ?? 0) + weight);
    }
    for (const clause of doc.clauses) {
      const lowerText = clause.text.toLowerCase();
      for (const { word: term, tag } of segmenter.tag(clause.text)) {
        if (!TERM_TAG.test(tag) || NAME_TAG.test(tag) || !keep(term)) continue;
        let s = stats.get(term);
        if (!s) {
          s = { frequency: 0, docs: new Set(), examples: [] };
          stats.set(term, s);
        }
        s.frequency++;
        s.docs.add(doc.meta.id);
        // The first occurrence in each document, until MAX_EXAMPLES: two documents say more than one twice.
        const wanted = s.examples.length < MAX_EXAMPLES && !s.examples.some((e) => e.docId === doc.meta.id);
        const at = wanted ? lowerText.indexOf(term) : -1;
        if (at !== -1) {
          s.examples.push({
            docId: doc.meta.id,
            clauseId: clause.id,
            path: clause.path,
            left: clause.text.slice(Math.max(0, at - CONTEXT), at),
            match: clause.text.slice(at, at + term.length),
            right: clause.text.slice(at + term.length, at + term.length + CONTEXT),
          });
        }
      }
    }
    opts.onProgress?.(di + 1, documents.length);
  });

  const terms = [...score.keys()].filter((t) => stats.get(t)?.examples.length);
  const dict = opts.dictionary?.(terms) ?? new Map<string, string[]>();
  const round = (n: number) => Math.round(n * 100) / 100;
  const ranked: Candidate[] = terms.map((term) => {
    const s = stats.get(term)!;
    const tfidf = score.get(term)!;
    const english = dict.get(term) ?? [];
    return {
      term,
      score: round(english.length ? tfidf * GENERAL_WEIGHT : tfidf),
      tfidf: round(tfidf),
      frequency: s.frequency,
      documentCount: s.docs.size,
      documents: [...s.docs],
      examples: s.examples,
      english: english.slice(0, MAX_ENGLISH),
    };
  });
  ranked.sort((a, b) => b.score - a.score || b.frequency - a.frequency || a.term.localeCompare(b.term));
  return ranked.slice(0, opts.limit ?? 50);
}
