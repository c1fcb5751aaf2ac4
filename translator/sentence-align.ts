// Sentence alignment within one clause: the Chinese text and its English translation cut into sentences and
// paired, so that a concordance line can show the English sentence that renders the Chinese one rather than the
// whole clause. A clause is short (a few sentences), so a Gale–Church style dynamic programme over sentence
// lengths is enough; known correspondences (glossary terms and their renderings, numbers) pull the pairing.
//
// Measured on the seed corpus (tests/translator/sentence-align.test.ts, "seed corpus"), without term anchors:
// in the 93 clauses with more than one sentence on either side, of the 1,569 glossary term occurrences whose
// rendering can be located (the entry occurs as often in the Chinese as its rendering in the English), 99.9% are
// paired with the English sentence holding that rendering; pairing the i-th sentence with the i-th gives 93.6%.
// Reading the misses of a looser count showed correct pairs whose translation chose another rendering.

export interface Span {
  start: number;
  end: number;
}

/** A correspondence known before alignment: a Chinese position and the English position that renders it. */
export interface Anchor {
  zh: number;
  en: number;
}

export type AlignmentStatus = 'aligned' | 'uncertain' | 'unaligned';
/** Why a Chinese sentence has no or only a doubtful English counterpart. */
export type AlignmentReason = 'no_translation' | 'no_counterpart' | 'length_mismatch';

export interface SentencePair {
  /** The Chinese sentences of this bead, as one span of the clause text. */
  zh: Span;
  /** The English sentences paired with them; null when the bead has none. */
  en: Span | null;
  status: AlignmentStatus;
  reason?: AlignmentReason;
}

export interface ClauseAlignment {
  /** Every Chinese sentence belongs to exactly one pair, in text order; English-only beads are left out. */
  pairs: SentencePair[];
}

// Chinese sentences end at 。！？ and at ；, which in these documents separates measures that the translations
// usually render as separate sentences or `;`-parts; a closing quote or bracket stays with its sentence.
const ZH_END = /[。！？；!?;]+[”’」』）)]*|\n+/gu;
// English sentences end at . ! ? ; followed by space, and at line breaks. Abbreviations common in these
// translations ("No. 11", "e.g.", "Co., Ltd.") do not end a sentence.
const EN_END = /[.!?;]+["'”’)\]]*(?=\s|$)|\n+/gu;
const ABBREVIATIONS = /(?:^|[\s(])(?:No|Nos|Art|Arts|e\.g|i\.e|etc|Co|Ltd|Inc|St|Mr|Ms|Dr|vs|cf|approx|U\.S|P\.R\.C|para|paras)\.$/iu;

function splitAt(text: string, ends: RegExp, keep: (before: string, after: string) => boolean): Span[] {
  const spans: Span[] = [];
  let start = 0;
  for (const m of text.matchAll(ends)) {
    const end = m.index + m[0].length;
    if (!keep(text.slice(start, end), text.slice(end))) continue;
    pushTrimmed(text, start, end, spans);
    start = end;
  }
  pushTrimmed(text, start, text.length, spans);
  return spans;
}

function pushTrimmed(text: string, start: number, end: number, out: Span[]): void {
  while (start < end && /\s/u.test(text[start]!)) start++;
  while (end > start && /\s/u.test(text[end - 1]!)) end--;
  if (end > start) out.push({ start, end });
}

/** Sentence spans of a Chinese text (whitespace around them excluded). */
export function splitChinese(text: string): Span[] {
  return splitAt(text, ZH_END, () => true);
}

/** Sentence spans of an English text; a full stop after a known abbreviation or before a lower-case word does not end one. */
export function splitEnglish(text: string): Span[] {
  return splitAt(text, EN_END, (before, after) => {
    if (before.endsWith('\n')) return true;
    if (/[.]["'”’)\]]*$/u.test(before) && ABBREVIATIONS.test(before.replace(/["'”’)\]]+$/u, ''))) return false;
    const next = after.trimStart();
    // "…in Article 3. of the Law" and similar: a lower-case continuation is the same sentence.
    return next === '' || !/^\p{Ll}/u.test(next) || /;$/u.test(before.trimEnd());
  });
}

interface Bead {
  zh: number;
  en: number;
  penalty: number;
}

// Bead shapes and their prior cost (Gale–Church's probabilities, as -log, rounded): 1–1 is the norm; merges
// and splits are common in translation; a sentence left without counterpart is rare and costly.
const BEADS: readonly Bead[] = [
  { zh: 1, en: 1, penalty: 0 },
  { zh: 1, en: 2, penalty: 1.5 },
  { zh: 2, en: 1, penalty: 1.5 },
  { zh: 2, en: 2, penalty: 2.5 },
  { zh: 1, en: 3, penalty: 3 },
  { zh: 3, en: 1, penalty: 3 },
  { zh: 1, en: 0, penalty: 4.5 },
  { zh: 0, en: 1, penalty: 4.5 },
];

/** Weight of the length mismatch against the bead prior: |log ratio| of 0.7 (a factor of 2) costs about one merge. */
const LENGTH_WEIGHT = 2;
/** Each anchor inside a bead lowers its cost; one crossing a bead boundary raises it. */
const ANCHOR_BONUS = 1.2;
/** A 1–1 pair whose lengths differ by more than a factor of ~3 (|log| > 1.1) is shown but marked uncertain. */
const UNCERTAIN_LOG_RATIO = 1.1;

const NUMBER = /\d+(?:\.\d+)?/gu;

/** Numbers written in digits on both sides are anchors too (years, counts, document numbers). */
function numberAnchors(zh: string, en: string): Anchor[] {
  const enNumbers = new Map<string, number[]>();
  for (const m of en.matchAll(NUMBER)) {
    const list = enNumbers.get(m[0]) ?? [];
    list.push(m.index);
    enNumbers.set(m[0], list);
  }
  const anchors: Anchor[] = [];
  for (const m of zh.matchAll(NUMBER)) {
    const positions = enNumbers.get(m[0]);
    // Only numbers that occur once on the English side say where they are.
    if (positions?.length === 1) anchors.push({ zh: m.index, en: positions[0]! });
  }
  return anchors;
}

const indexOfSpan = (spans: Span[], pos: number): number => spans.findIndex((s) => pos < s.end);

/**
 * Aligns the Chinese sentences of `zh` with the English sentences of `en` (null: the clause has no translation).
 * `anchors` are known correspondences (a glossary term and its rendering). Deterministic and pure.
 */
export function alignSentences(zh: string, en: string | null, anchors: readonly Anchor[] = []): ClauseAlignment {
  const zs = splitChinese(zh);
  if (en === null || en.trim() === '') {
    return { pairs: zs.map((s) => ({ zh: s, en: null, status: 'unaligned', reason: 'no_translation' })) };
  }
  const es = splitEnglish(en);
  if (zs.length === 0) return { pairs: [] };
  const zLen = zs.map((s) => s.end - s.start);
  const eLen = es.map((s) => s.end - s.start);
  // The clause's own ratio of English to Chinese characters: translations differ in wordiness, a clause's sentences less so.
  const ratio =
    eLen.reduce((a, b) => a + b, 0) /
    Math.max(
      1,
      zLen.reduce((a, b) => a + b, 0),
    );
  // Anchors as (Chinese sentence, English sentence) index pairs.
  const anchorCells = [...anchors, ...numberAnchors(zh, en)]
    .map((a) => ({ z: indexOfSpan(zs, a.zh), e: indexOfSpan(es, a.en) }))
    .filter((a) => a.z >= 0 && a.e >= 0);

  const n = zs.length;
  const m = es.length;
  const cost: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(Number.POSITIVE_INFINITY));
  const back: (Bead | null)[][] = Array.from({ length: n + 1 }, () => new Array<Bead | null>(m + 1).fill(null));
  cost[0]![0] = 0;
  const sum = (lens: number[], from: number, count: number): number => lens.slice(from, from + count).reduce((a, b) => a + b, 0);
  for (let i = 0; i <= n; i++) {
    for (let j = 0; j <= m; j++) {
      const here = cost[i]![j]!;
      if (!Number.isFinite(here)) continue;
      for (const b of BEADS) {
        const i2 = i + b.zh;
        const j2 = j + b.en;
        if (i2 > n || j2 > m) continue;
        let c = here + b.penalty;
        if (b.zh > 0 && b.en > 0) {
          const zl = sum(zLen, i, b.zh);
          const el = sum(eLen, j, b.en);
          c += LENGTH_WEIGHT * Math.abs(Math.log((el + 10) / (ratio * zl + 10)));
        }
        for (const a of anchorCells) {
          const inZ = a.z >= i && a.z < i2;
          const inE = a.e >= j && a.e < j2;
          if (inZ && inE) c -= ANCHOR_BONUS;
          else if (inZ !== inE) c += ANCHOR_BONUS / 2;
        }
        if (c < cost[i2]![j2]!) {
          cost[i2]![j2] = c;
          back[i2]![j2] = b;
        }
      }
    }
  }

  const beads: { i: number; j: number; b: Bead }[] = [];
  for (let i = n, j = m; i > 0 || j > 0; ) {
    const b = back[i]![j]!;
    i -= b.zh;
    j -= b.en;
    beads.unshift({ i, j, b });
  }
  const pairs: SentencePair[] = [];
  for (const { i, j, b } of beads) {
    if (b.zh === 0) continue;
    const zSpan = { start: zs[i]!.start, end: zs[i + b.zh - 1]!.end };
    if (b.en === 0) {
      pairs.push({ zh: zSpan, en: null, status: 'unaligned', reason: 'no_counterpart' });
      continue;
    }
    const eSpan = { start: es[j]!.start, end: es[j + b.en - 1]!.end };
    const logRatio = Math.abs(Math.log((eSpan.end - eSpan.start + 10) / (ratio * (zSpan.end - zSpan.start) + 10)));
    const anchored = anchorCells.some((a) => a.z >= i && a.z < i + b.zh && a.e >= j && a.e < j + b.en);
    pairs.push(
      logRatio > UNCERTAIN_LOG_RATIO && !anchored
        ? { zh: zSpan, en: eSpan, status: 'uncertain', reason: 'length_mismatch' }
        : { zh: zSpan, en: eSpan, status: 'aligned' },
    );
  }
  return { pairs };
}

/** The pair holding Chinese offset `pos` (a term's start). */
export function pairAt(alignment: ClauseAlignment, pos: number): SentencePair | undefined {
  return alignment.pairs.find((p) => pos < p.zh.end) ?? alignment.pairs.at(-1);
}
