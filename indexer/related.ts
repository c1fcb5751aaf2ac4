// Related clauses across documents: for each clause, the clauses of OTHER documents that restate or implement the
// same measure. Computed at index time from what the indexer already has: jieba words (TF-IDF, cosine) and glossary
// concepts. Pure: the corpus's clauses in, ranked lists out. Measured on eval/related.yaml (see docs/benchmarks.md).
import type { ClauseKind } from '../shared/types.ts';
import type { IndexedClause } from './search-documents.ts';

export interface RelatableClause {
  id: string;
  docId: string;
  kind: ClauseKind;
  /** jieba words of heading and text (segmented field: tokens and their sub-words). */
  words: string[];
  /** The same words, sentence by sentence (a long clause often bundles several measures, one per sentence). */
  sentences: string[][];
  /** Stemmed English of the clause's translation (or glosses): it bridges Chinese synonyms (用地 / 土地 → land). */
  english: string[];
  termIds: string[];
}

export interface RelatedLink {
  id: string;
  score: number;
  relation: 'same' | 'related';
  /** Glossary entries both clauses carry, rarest first. */
  sharedTerms: string[];
}

export const RELATED_TUNING = {
  /** Links kept per clause. */
  keep: 8,
  /** Below this similarity a clause is not related at all (0.06: eval/related.yaml recall unchanged from 0.03, fewer junk links). */
  minScore: 0.06,
  /** From this cosine up, two clauses state the same measure. */
  sameScore: 0.3,
  /** Words in more than this share of clauses (外资, 企业, 推动) say nothing about which measure a clause is. */
  maxWordShare: 0.25,
  /** Weight of a shared glossary concept against a shared word: concepts are the curated vocabulary of measures. */
  conceptWeight: 1.5,
  /** A sentence of one clause matching the whole of another counts at this share of a whole-clause match. */
  sentenceFactor: 0.9,
  /** Sentences shorter than this many distinct words are too little to match on their own. */
  minSentenceWords: 6,
};

/** English stems against Chinese words: 1.5 measured best on eval/related.yaml (1: 0.817, 1.5: 0.844, 2: 0.835). */
const ENGLISH_WEIGHT = 1.5;

/** Responsibility lists (（责任单位：区商务委、…）) name departments, not measures: they would make every clause alike. */
export function measureText(text: string): string {
  return text.replace(/（(?:责任单位|牵头单位|配合单位)[^）]*）/g, '');
}

/** Sentences of a clause, each to be segmented on its own. */
export function sentencesOf(text: string): string[] {
  return measureText(text)
    .split(/(?<=[。；;！？])/)
    .filter((s) => s.trim().length > 0);
}

// Framing clauses carry no measure of their own.
const SKIPPED_KINDS = new Set<ClauseKind>(['title', 'note', 'notice', 'attachment']);

type Vector = Map<string, number>;

function bagOf(words: string[], english: string[], termIds: string[]): Map<string, number> {
  const bag = new Map<string, number>();
  // Single characters and numbers are grammar and dates here, not subject matter.
  for (const w of words) if (w.length > 1 && !/^[\d.%．]+$/.test(w)) bag.set(`w:${w}`, (bag.get(`w:${w}`) ?? 0) + 1);
  for (const w of english) if (!/^\d+$/.test(w)) bag.set(`e:${w}`, (bag.get(`e:${w}`) ?? 0) + 1);
  for (const t of new Set(termIds)) bag.set(`t:${t}`, RELATED_TUNING.conceptWeight);
  return bag;
}

/** TF-IDF, unit length; document frequencies are counted over whole clauses. */
function weigh(bag: Map<string, number>, df: Map<string, number>, n: number): Vector {
  const v: Vector = new Map();
  let norm = 0;
  for (const [key, tf] of bag) {
    const d = df.get(key) ?? 1;
    if (d / n > RELATED_TUNING.maxWordShare) continue;
    const w = (1 + Math.log(tf)) * Math.log(n / d) * (key.startsWith('e:') ? ENGLISH_WEIGHT : 1);
    v.set(key, w);
    norm += w * w;
  }
  norm = Math.sqrt(norm) || 1;
  for (const [key, w] of v) v.set(key, w / norm);
  return v;
}

interface Vectors {
  whole: Vector;
  sentences: Vector[];
}

function vectors(clauses: RelatableClause[]): Vectors[] {
  const bags = clauses.map((c) => bagOf(c.words, c.english, c.termIds));
  const df = new Map<string, number>();
  for (const bag of bags) for (const key of bag.keys()) df.set(key, (df.get(key) ?? 0) + 1);
  const n = bags.length;
  return clauses.map((c, i) => ({
    whole: weigh(bags[i]!, df, n),
    sentences:
      c.sentences.length < 2
        ? []
        : c.sentences.filter((s) => new Set(s).size >= RELATED_TUNING.minSentenceWords).map((s) => weigh(bagOf(s, [], []), df, n)),
  }));
}

/** Whole against whole, or one sentence of either against the whole other (a bundled clause's matching part). */
function similarity(a: Vectors, b: Vectors): number {
  let best = cosine(a.whole, b.whole);
  for (const s of a.sentences) best = Math.max(best, RELATED_TUNING.sentenceFactor * cosine(s, b.whole));
  for (const s of b.sentences) best = Math.max(best, RELATED_TUNING.sentenceFactor * cosine(a.whole, s));
  return best;
}

function cosine(a: Vector, b: Vector): number {
  const [small, large] = a.size < b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [key, w] of small) dot += w * (large.get(key) ?? 0);
  return dot;
}

/** Related clauses of other documents for every clause, best first (at most RELATED_TUNING.keep each). */
export function relatedClauses(all: RelatableClause[]): Map<string, RelatedLink[]> {
  const clauses = all.filter((c) => !SKIPPED_KINDS.has(c.kind));
  const vs = vectors(clauses);
  const df = new Map<string, number>();
  for (const c of clauses) for (const t of new Set(c.termIds)) df.set(t, (df.get(t) ?? 0) + 1);
  const out = new Map<string, RelatedLink[]>();
  for (let i = 0; i < clauses.length; i++) {
    const a = clauses[i]!;
    const scored: Array<{ j: number; score: number }> = [];
    for (let j = 0; j < clauses.length; j++) {
      if (clauses[j]!.docId === a.docId) continue;
      const score = similarity(vs[i]!, vs[j]!);
      if (score >= RELATED_TUNING.minScore) scored.push({ j, score });
    }
    // Each other document's best match first, then the second bests: a measure is restated at most once or twice
    // per document, and one verbose document must not crowd the others out of the first places.
    scored.sort((x, y) => y.score - x.score);
    const rankInDoc = new Map<number, number>();
    const seen = new Map<string, number>();
    for (const { j } of scored) {
      const doc = clauses[j]!.docId;
      const r = seen.get(doc) ?? 0;
      rankInDoc.set(j, r);
      seen.set(doc, r + 1);
    }
    scored.sort((x, y) => rankInDoc.get(x.j)! - rankInDoc.get(y.j)! || y.score - x.score);
    const own = new Set(a.termIds);
    out.set(
      a.id,
      scored.slice(0, RELATED_TUNING.keep).map(({ j, score }) => {
        const b = clauses[j]!;
        const shared = [...new Set(b.termIds.filter((t) => own.has(t)))].sort((x, y) => (df.get(x) ?? 0) - (df.get(y) ?? 0));
        return { id: b.id, score: Math.round(score * 1000) / 1000, relation: score >= RELATED_TUNING.sameScore ? 'same' : 'related', sharedTerms: shared };
      }),
    );
  }
  return out;
}

/**
 * What the similarity reads of an indexed clause: its segmented heading and text (responsibility lists removed),
 * its parent's heading (a point 一是 restates its item's subject only there), its English stems and concepts.
 */
export function relatable(clause: IndexedClause, parentHeadingSeg: string, segment: (text: string) => string): RelatableClause {
  const words = (text: string): string[] => text.split(' ').filter(Boolean);
  return {
    id: clause.id,
    docId: clause.docId,
    kind: clause.kind,
    words: [...words(parentHeadingSeg), ...words(clause.heading_seg), ...words(segment(measureText(clause.text)))],
    sentences: sentencesOf(clause.text).map((s) => words(segment(s))),
    english: words(`${clause.heading_en_stem} ${clause.text_en_stem} ${clause.gloss_en_stem}`),
    termIds: clause.termIds,
  };
}
