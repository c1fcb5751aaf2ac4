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

/** A sparse vector: feature ids ascending, their weights alongside. */
interface Vector {
  keys: Int32Array;
  ws: Float64Array;
}

function bagOf(words: string[], english: string[], termIds: string[]): Map<string, number> {
  const bag = new Map<string, number>();
  // Single characters and numbers are grammar and dates here, not subject matter.
  for (const w of words) if (w.length > 1 && !/^[\d.%．]+$/.test(w)) bag.set(`w:${w}`, (bag.get(`w:${w}`) ?? 0) + 1);
  for (const w of english) if (!/^\d+$/.test(w)) bag.set(`e:${w}`, (bag.get(`e:${w}`) ?? 0) + 1);
  for (const t of new Set(termIds)) bag.set(`t:${t}`, RELATED_TUNING.conceptWeight);
  return bag;
}

/** TF-IDF, unit length; document frequencies are counted over whole clauses. Features are interned to ids. */
function weigh(bag: Map<string, number>, ids: Map<string, number>, df: number[], n: number): Vector {
  const entries: Array<[number, number]> = [];
  let norm = 0;
  for (const [key, tf] of bag) {
    const id = ids.get(key)!;
    const d = df[id]!;
    if (d / n > RELATED_TUNING.maxWordShare) continue;
    const w = (1 + Math.log(tf)) * Math.log(n / d) * (key.startsWith('e:') ? ENGLISH_WEIGHT : 1);
    entries.push([id, w]);
    norm += w * w;
  }
  norm = Math.sqrt(norm) || 1;
  entries.sort((a, b) => a[0] - b[0]);
  return { keys: Int32Array.from(entries, (e) => e[0]), ws: Float64Array.from(entries, (e) => e[1] / norm) };
}

interface Vectors {
  whole: Vector;
  sentences: Vector[];
}

function vectors(clauses: RelatableClause[]): { vs: Vectors[]; df: number[] } {
  const bags = clauses.map((c) => bagOf(c.words, c.english, c.termIds));
  const ids = new Map<string, number>();
  const df: number[] = [];
  for (const bag of bags) {
    for (const key of bag.keys()) {
      let id = ids.get(key);
      if (id === undefined) ids.set(key, (id = df.push(0) - 1));
      df[id]! += 1;
    }
  }
  const n = bags.length;
  const vs = clauses.map((c, i) => ({
    whole: weigh(bags[i]!, ids, df, n),
    sentences:
      c.sentences.length < 2
        ? []
        : c.sentences.filter((s) => new Set(s).size >= RELATED_TUNING.minSentenceWords).map((s) => weigh(bagOf(s, [], []), ids, df, n)),
  }));
  return { vs, df };
}

/**
 * Whole against whole, or one sentence of either against the whole other (a bundled clause's matching part), of one
 * clause against many: its rows (whole, then sentences) are scattered once into a table by feature, so that each
 * other clause is one pass over its features. Sums run in ascending feature order, as a merge of the two would.
 */
function scorer(a: Vectors, slot: Int32Array): { similarity(b: Vectors): number; clear(): void } {
  const rows = [a.whole, ...a.sentences];
  const r = rows.length;
  const keys: number[] = [];
  for (const row of rows) for (const k of row.keys) if (slot[k]! < 0) slot[k] = keys.push(k) - 1;
  const table = new Float64Array(keys.length * r);
  rows.forEach((row, x) => row.keys.forEach((k, i) => (table[slot[k]! * r + x] = row.ws[i]!)));
  const dots = new Float64Array(r);
  return {
    similarity(b) {
      dots.fill(0);
      const w = b.whole;
      for (let i = 0; i < w.keys.length; i++) {
        const l = slot[w.keys[i]!]!;
        if (l >= 0) for (let x = 0; x < r; x++) dots[x]! += w.ws[i]! * table[l * r + x]!;
      }
      let best = dots[0]!;
      for (let x = 1; x < r; x++) best = Math.max(best, RELATED_TUNING.sentenceFactor * dots[x]!);
      for (const s of b.sentences) {
        let dot = 0;
        for (let i = 0; i < s.keys.length; i++) {
          const l = slot[s.keys[i]!]!;
          if (l >= 0) dot += s.ws[i]! * table[l * r]!;
        }
        best = Math.max(best, RELATED_TUNING.sentenceFactor * dot);
      }
      return best;
    },
    clear: () => keys.forEach((k) => (slot[k] = -1)),
  };
}

/**
 * Each feature at its largest weight in the whole clause or (× sentenceFactor) one of its sentences: the product of
 * two envelopes bounds every term of the three cosines the similarity takes, so ranking candidates by it favours
 * no form of match over another.
 */
function envelope(v: Vectors): Vector {
  const max = new Map<number, number>();
  v.whole.keys.forEach((k, i) => max.set(k, v.whole.ws[i]!));
  for (const s of v.sentences) s.keys.forEach((k, i) => max.set(k, Math.max(max.get(k) ?? 0, RELATED_TUNING.sentenceFactor * s.ws[i]!)));
  const keys = Int32Array.from([...max.keys()].sort((a, b) => a - b));
  return { keys, ws: Float64Array.from(keys, (k) => max.get(k)!) };
}

export interface CandidateTuning {
  /** A clause is posted under its this many highest-weighted features only (a generic word then stays off most lists). */
  postedFeatures: number;
  /** Features in at most this many clauses are posted for all of them. */
  rareFeature: number;
  /** Lists longer than this (a feature among the strongest of too many clauses) are skipped: they say little. */
  maxPostings: number;
  /** Candidates scored exactly per clause, the best by envelope overlap over the posted features. */
  candidates: number;
}

/**
 * Measured on 行政法规 (683 laws, 29,191 clauses) against the exact lists of a 300-clause sample: posting every
 * feature with lists of ≤ 2,000 took 194 s (recall of the exact top 5: 0.945); posting each clause's strongest 20
 * (and its rare ones) with lists of ≤ 1,000, 30 s for 0.944. Candidates 200 → 100: recall 0.944 → 0.904. The seed
 * corpus (117 clauses) is below every bound: its lists are the exhaustive ones.
 */
export const CANDIDATE_TUNING: CandidateTuning = {
  postedFeatures: 20,
  rareFeature: 50,
  maxPostings: 1000,
  candidates: 200,
};

/**
 * Candidates of a clause through an inverted index: clauses of other documents sharing a posted feature, ranked by
 * their envelopes' overlap over those features, the first `candidates` kept (ascending index). Asked clause by
 * clause, so that only one clause's candidates are held at a time.
 */
function candidatesOf(vs: Vectors[], docs: string[], df: number[], tuning: CandidateTuning): (i: number) => Int32Array {
  const env = vs.map(envelope);
  // Each clause is posted under its `postedFeatures` highest-weighted features, and under its rare ones (df ≤
  // rareFeature: short lists anyway); then lists longer than `maxPostings` are skipped.
  const postedOf = env.map((e) => {
    const xs = [...e.keys.keys()];
    if (xs.length <= tuning.postedFeatures) return xs;
    const strongest = new Set(xs.sort((x, y) => e.ws[y]! - e.ws[x]!).slice(0, tuning.postedFeatures));
    return xs.filter((x) => strongest.has(x) || df[e.keys[x]!]! <= tuning.rareFeature);
  });
  // Compressed postings: start[k]..start[k + 1] of `clause` and `weight`.
  const start = new Int32Array(df.length + 1);
  env.forEach((e, i) => postedOf[i]!.forEach((x) => (start[e.keys[x]! + 1]! += 1)));
  const short = (k: number) => start[k + 1]! <= tuning.maxPostings;
  const skipped = new Uint8Array(df.length);
  for (let k = 0; k < df.length; k++) {
    if (!short(k)) {
      skipped[k] = 1;
      start[k + 1] = 0;
    }
    start[k + 1]! += start[k]!;
  }
  const fill = start.slice(0, df.length);
  const clause = new Int32Array(start[df.length]!);
  const weight = new Float64Array(start[df.length]!);
  env.forEach((e, i) =>
    postedOf[i]!.forEach((x) => {
      const k = e.keys[x]!;
      if (skipped[k]) return;
      clause[fill[k]!] = i;
      weight[fill[k]!++] = e.ws[x]!;
    }),
  );
  const acc = new Float64Array(vs.length);
  const scores = new Float64Array(vs.length);
  return (i) => {
    const e = env[i]!;
    const touched: number[] = [];
    e.keys.forEach((k, x) => {
      if (skipped[k]) return;
      const w = e.ws[x]!;
      for (let p = start[k]!; p < start[k + 1]!; p++) {
        const j = clause[p]!;
        if (docs[j] === docs[i]) continue;
        if (acc[j] === 0) touched.push(j);
        acc[j]! += w * weight[p]!;
      }
    });
    let kept = touched;
    if (touched.length > tuning.candidates) {
      for (let t = 0; t < touched.length; t++) scores[t] = acc[touched[t]!]!;
      const bound = nthLargest(scores, touched.length, tuning.candidates);
      const above = touched.filter((j) => acc[j]! > bound);
      kept = [...above, ...touched.filter((j) => acc[j] === bound).slice(0, tuning.candidates - above.length)];
    }
    for (const j of touched) acc[j] = 0;
    return Int32Array.from(kept).sort();
  };
}

/** The `k`-th largest of xs[0..n) (reordering them): quickselect, linear where sorting thousands per clause was not. */
function nthLargest(xs: Float64Array, n: number, k: number): number {
  let lo = 0;
  let hi = n - 1;
  const target = k - 1;
  while (lo < hi) {
    const pivot = xs[(lo + hi) >> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (xs[i]! > pivot) i++;
      while (xs[j]! < pivot) j--;
      if (i <= j) {
        const t = xs[i]!;
        xs[i++] = xs[j]!;
        xs[j--] = t;
      }
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else break;
  }
  return xs[target]!;
}

export interface RelatedRun {
  links: Map<string, RelatedLink[]>;
  /** Candidates scored exactly, over all clauses. */
  candidates: number;
  /** Clauses whose candidates were cut at CandidateTuning.candidates. */
  capped: number;
}

/** Related clauses of other documents for every clause, best first (at most RELATED_TUNING.keep each). */
export function relatedClauses(all: RelatableClause[], tuning: CandidateTuning = CANDIDATE_TUNING): Map<string, RelatedLink[]> {
  return relatedRun(all, tuning).links;
}

/**
 * relatedClauses with the count of candidates it scored (the bench reports it); `only`: the lists of these clauses
 * alone (the bench's exact reference on a sample: every bound Infinity, rareFeature 0).
 */
export function relatedRun(all: RelatableClause[], tuning: CandidateTuning = CANDIDATE_TUNING, only?: ReadonlySet<string>): RelatedRun {
  const clauses = all.filter((c) => !SKIPPED_KINDS.has(c.kind));
  const wanted = (i: number) => !only || only.has(clauses[i]!.id);
  const { vs, df: featureDf } = vectors(clauses);
  const candidatesFor = candidatesOf(
    vs,
    clauses.map((c) => c.docId),
    featureDf,
    tuning,
  );
  const df = new Map<string, number>();
  for (const c of clauses) for (const t of new Set(c.termIds)) df.set(t, (df.get(t) ?? 0) + 1);
  const out = new Map<string, RelatedLink[]>();
  let scoredTotal = 0;
  let capped = 0;
  const slot = new Int32Array(featureDf.length).fill(-1);
  for (let i = 0; i < clauses.length; i++) {
    if (!wanted(i)) continue;
    const a = clauses[i]!;
    const scored: Array<{ j: number; score: number }> = [];
    const candidates = candidatesFor(i);
    scoredTotal += candidates.length;
    capped += Number(candidates.length === tuning.candidates);
    const score = scorer(vs[i]!, slot);
    for (const j of candidates) {
      const s = score.similarity(vs[j]!);
      if (s >= RELATED_TUNING.minScore) scored.push({ j, score: s });
    }
    score.clear();
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
  return { links: out, candidates: scoredTotal, capped };
}

/**
 * What the similarity reads of an indexed clause: its segmented heading and text (responsibility lists removed),
 * its parent's heading (a point 一是 restates its item's subject only there), its English stems and concepts.
 */
export function relatable(clause: IndexedClause, parentHeadingSeg: string, segment: (text: string) => string): RelatableClause {
  const words = (text: string): string[] => text.split(' ').filter(Boolean);
  const measure = measureText(clause.text);
  // text_seg is this segmentation of the whole text already; only a text with a responsibility list cut out differs.
  const textSeg = measure === clause.text ? clause.text_seg : segment(measure);
  return {
    id: clause.id,
    docId: clause.docId,
    kind: clause.kind,
    words: [...words(parentHeadingSeg), ...words(clause.heading_seg), ...words(textSeg)],
    sentences: sentencesOf(clause.text).map((s) => words(segment(s))),
    english: words(`${clause.heading_en_stem} ${clause.text_en_stem} ${clause.gloss_en_stem}`),
    termIds: clause.termIds,
  };
}
