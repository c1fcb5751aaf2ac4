// Candidate generation of indexer/related.ts (inverted index, bounded candidates) against a brute-force reference
// kept here: the former every-clause-against-every-clause computation, on small synthetic corpora.
import { describe, expect, it } from 'vitest';
import type { ClauseKind } from '../../shared/types.ts';
import { CANDIDATE_TUNING, relatedClauses, relatedRun, RELATED_TUNING, type RelatableClause, type RelatedLink } from '../../indexer/related.ts';

// ---------------------------------------------------------------------------------------------------------------
// Brute force: TF-IDF over maps, cosine of every pair, as indexer/related.ts did before the inverted index.

const T = RELATED_TUNING;
/** indexer/related.ts's ENGLISH_WEIGHT (not exported). */
const ENGLISH_WEIGHT = 1.5;
const SKIPPED = new Set<ClauseKind>(['title', 'note', 'notice', 'attachment']);
type Vec = Map<string, number>;

function bag(words: string[], english: string[], termIds: string[]): Map<string, number> {
  const b = new Map<string, number>();
  for (const w of words) if (w.length > 1 && !/^[\d.%．]+$/.test(w)) b.set(`w:${w}`, (b.get(`w:${w}`) ?? 0) + 1);
  for (const w of english) if (!/^\d+$/.test(w)) b.set(`e:${w}`, (b.get(`e:${w}`) ?? 0) + 1);
  for (const t of new Set(termIds)) b.set(`t:${t}`, T.conceptWeight);
  return b;
}

function weigh(b: Map<string, number>, df: Map<string, number>, n: number): Vec {
  const v: Vec = new Map();
  let norm = 0;
  for (const [key, tf] of b) {
    const d = df.get(key) ?? 1;
    if (d / n > T.maxWordShare) continue;
    const w = (1 + Math.log(tf)) * Math.log(n / d) * (key.startsWith('e:') ? ENGLISH_WEIGHT : 1);
    v.set(key, w);
    norm += w * w;
  }
  norm = Math.sqrt(norm) || 1;
  for (const [key, w] of v) v.set(key, w / norm);
  return v;
}

const cos = (a: Vec, b: Vec) => [...a].reduce((dot, [k, w]) => dot + w * (b.get(k) ?? 0), 0);

/** Every pair's similarity (clause ids "a|b") and the ranked lists. */
function bruteForce(all: RelatableClause[]): { score: Map<string, number>; lists: Map<string, RelatedLink[]> } {
  const clauses = all.filter((c) => !SKIPPED.has(c.kind));
  const bags = clauses.map((c) => bag(c.words, c.english, c.termIds));
  const df = new Map<string, number>();
  for (const b of bags) for (const k of b.keys()) df.set(k, (df.get(k) ?? 0) + 1);
  const n = bags.length;
  const vs = clauses.map((c, i) => ({
    whole: weigh(bags[i]!, df, n),
    sentences: c.sentences.length < 2 ? [] : c.sentences.filter((s) => new Set(s).size >= T.minSentenceWords).map((s) => weigh(bag(s, [], []), df, n)),
  }));
  const termDf = new Map<string, number>();
  for (const c of clauses) for (const t of new Set(c.termIds)) termDf.set(t, (termDf.get(t) ?? 0) + 1);
  const score = new Map<string, number>();
  const lists = new Map<string, RelatedLink[]>();
  clauses.forEach((a, i) => {
    const scored: Array<{ j: number; score: number }> = [];
    clauses.forEach((b, j) => {
      if (b.docId === a.docId) return;
      let s = cos(vs[i]!.whole, vs[j]!.whole);
      for (const x of vs[i]!.sentences) s = Math.max(s, T.sentenceFactor * cos(x, vs[j]!.whole));
      for (const x of vs[j]!.sentences) s = Math.max(s, T.sentenceFactor * cos(vs[i]!.whole, x));
      score.set(`${a.id}|${b.id}`, s);
      if (s >= T.minScore) scored.push({ j, score: s });
    });
    scored.sort((x, y) => y.score - x.score);
    const rank = new Map<number, number>();
    const seen = new Map<string, number>();
    for (const { j } of scored) {
      const d = clauses[j]!.docId;
      rank.set(j, seen.get(d) ?? 0);
      seen.set(d, (seen.get(d) ?? 0) + 1);
    }
    scored.sort((x, y) => rank.get(x.j)! - rank.get(y.j)! || y.score - x.score);
    const own = new Set(a.termIds);
    lists.set(
      a.id,
      scored.slice(0, T.keep).map(({ j, score: s }) => {
        const b = clauses[j]!;
        const shared = [...new Set(b.termIds.filter((t) => own.has(t)))].sort((x, y) => termDf.get(x)! - termDf.get(y)!);
        return { id: b.id, score: Math.round(s * 1000) / 1000, relation: s >= T.sameScore ? 'same' : 'related', sharedTerms: shared };
      }),
    );
  });
  return { score, lists };
}

// ---------------------------------------------------------------------------------------------------------------
// Synthetic corpora: clauses on one of a few measures (its characteristic words, stems and concept), with generic
// words and noise; some bundle two measures in two sentences.

function rng(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

function corpus(docs: number, perDoc: number, seed = 1): RelatableClause[] {
  const r = rng(seed);
  const pick = <X>(xs: X[]) => xs[Math.floor(r() * xs.length)]!;
  const measure = (m: number) => Array.from({ length: 5 }, (_, k) => `措施${m}词${k}`);
  const out: RelatableClause[] = [];
  for (let d = 0; d < docs; d++) {
    for (let c = 0; c < perDoc; c++) {
      const ms = r() < 0.2 ? [Math.floor(r() * 12), Math.floor(r() * 12)] : [Math.floor(r() * 12)];
      // Each sentence: 3 of its measure's words, a generic word, a noise word.
      const sentences = ms.map((m) => [
        ...measure(m).filter(() => r() < 0.7),
        pick(['推动', '加强', '企业', '支持']),
        `杂${Math.floor(r() * 60)}`,
        `杂${Math.floor(r() * 60)}`,
      ]);
      out.push({
        id: `d${d}-c${c}`,
        docId: `d${d}`,
        kind: c === 0 ? 'title' : 'item',
        words: sentences.flat(),
        sentences,
        english: ms.flatMap((m) => [`stem${m}`, `stem${(m + 1) % 12}`]),
        termIds: r() < 0.5 ? [`T${ms[0]}`] : [],
      });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------

describe('relatedClauses: candidates through an inverted index, exact scoring of them', () => {
  it('gives the brute-force lists when no bound binds (a corpus smaller than every bound)', () => {
    const clauses = corpus(6, 20);
    const expected = bruteForce(clauses).lists;
    const actual = relatedClauses(clauses);
    // The title clauses are framing: no list of their own.
    expect(actual.size).toBe(6 * 19);
    expect([...actual.values()].some((l) => l.length > 0)).toBe(true);
    expect(actual).toEqual(expected);
  });

  it('scores every kept candidate exactly under tight bounds, and keeps at most `candidates` per clause', () => {
    const clauses = corpus(8, 30, 2);
    const { score } = bruteForce(clauses);
    const tight = { postedFeatures: 3, rareFeature: 0, maxPostings: 15, candidates: 6 };
    const run = relatedRun(clauses, tight);
    expect(run.capped).toBeGreaterThan(0);
    expect(run.candidates).toBeLessThanOrEqual(6 * run.links.size);
    let links = 0;
    for (const [id, list] of run.links) {
      links += list.length;
      expect(list.length).toBeLessThanOrEqual(6);
      for (const l of list) expect(l.score).toBeCloseTo(score.get(`${id}|${l.id}`)!, 3);
    }
    expect(links).toBeGreaterThan(run.links.size);
  });

  it('still finds a restated measure (its rare words) when the bounds bind', () => {
    const clauses = corpus(8, 30, 3);
    // A pair of clauses in two documents sharing words no other clause has: each must be the other's first link.
    const twin = ['专项再投资词', '利润留存词', '递延纳税词', '鼓励类项目词'];
    clauses.push(
      { id: 'twin-a', docId: 'd1', kind: 'item', words: [...twin, '企业'], sentences: [[...twin, '企业']], english: [], termIds: [] },
      { id: 'twin-b', docId: 'd5', kind: 'item', words: [...twin, '支持'], sentences: [[...twin, '支持']], english: [], termIds: [] },
    );
    const links = relatedClauses(clauses, { postedFeatures: 2, rareFeature: 0, maxPostings: 10, candidates: 3 });
    expect(links.get('twin-a')![0]).toMatchObject({ id: 'twin-b', relation: 'same' });
    expect(links.get('twin-b')![0]).toMatchObject({ id: 'twin-a', relation: 'same' });
  });

  it('makes no candidate of a word on too long a list (the brute force links such clauses)', () => {
    // 200 clauses in 4 documents, each with a word of its own; 40 of them share 共同词 too (20 %, under maxWordShare).
    const clauses: RelatableClause[] = Array.from({ length: 200 }, (_, i) => {
      const words = [`独${i}词`, ...(i % 5 === 0 ? ['共同词'] : [])];
      return { id: `c${i}`, docId: `d${i % 4}`, kind: 'item', words, sentences: [words], english: [], termIds: [] };
    });
    const brute = bruteForce(clauses).lists;
    expect(brute.get('c0')!.length).toBeGreaterThan(0);
    const capped = relatedClauses(clauses, { ...CANDIDATE_TUNING, maxPostings: 39 });
    expect(capped.get('c0')).toEqual([]);
    // One posting more and the list is used again.
    expect(relatedClauses(clauses, { ...CANDIDATE_TUNING, maxPostings: 40 }).get('c0')).toEqual(brute.get('c0'));
  });

  it('computes the lists of the clauses asked for only, the same as in the full run', () => {
    const clauses = corpus(5, 20, 4);
    const only = new Set(['d0-c3', 'd2-c7', 'd4-c11']);
    const some = relatedRun(clauses, CANDIDATE_TUNING, only).links;
    const full = relatedClauses(clauses);
    expect([...some.keys()].sort()).toEqual([...only].sort());
    for (const id of only) expect(some.get(id)).toEqual(full.get(id));
  });
});
