import { stemmer } from 'stemmer';
import { eng as stopwordEnglish } from 'stopword';

// English normalization for glossary matching: a query and a glossary form match when their normalized
// token sequences are equal. Rules are deliberately few and symmetric (both sides go through the same
// function), so an odd canonical spelling such as "enterprize" is harmless: it is never shown to anyone.

export interface EnglishToken {
  /** Canonical form (lowercase, singular, American spelling). */
  norm: string;
  /** UTF-16 offsets of the token in the original string. */
  start: number;
  end: number;
  /** Function word that matching ignores (of, the, and, ...). */
  stop: boolean;
  /** Acronym, or contains digits or `&`: typo tolerance would conflate distinct codes (QFLP, QDLP). */
  exact: boolean;
}

const STOP_WORDS = new Set(['a', 'an', 'the', 'of', 'on', 'for', 'and', '&']);

// "R&D", "r & d", "r and d" and "research and development" are one token; so are "M&A" and "mergers and acquisitions".
const PHRASES: readonly (readonly [RegExp, string])[] = [
  [/^(?:r\s*(?:&|and)\s*d|research\s+(?:and|&)\s+development)(?![\p{L}\p{N}])/iu, 'r&d'],
  [/^(?:m\s*(?:&|and)\s*a|mergers?\s+(?:and|&)\s+acquisitions?)(?![\p{L}\p{N}])/iu, 'm&a'],
];

const WORD = /^[\p{L}\p{N}]+(?:['’][\p{L}]+)*/u;
const WORD_START = /[\p{L}\p{N}&]/u;

/** Splits English text into canonical tokens with their offsets. Hyphens, slashes, underscores and punctuation separate tokens. */
export function tokenizeEnglish(text: string): EnglishToken[] {
  const tokens: EnglishToken[] = [];
  const shouting = !/\p{Ll}/u.test(text);
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    const prev = i > 0 ? text[i - 1]! : '';
    if (!WORD_START.test(ch)) {
      i++;
      continue;
    }
    const rest = text.slice(i);
    const atWordStart = !/[\p{L}\p{N}]/u.test(prev);
    const phrase = atWordStart ? PHRASES.find(([re]) => re.test(rest)) : undefined;
    if (phrase) {
      const m = phrase[0].exec(rest)!;
      tokens.push({ norm: phrase[1], start: i, end: i + m[0].length, stop: false, exact: true });
      i += m[0].length;
      continue;
    }
    if (ch === '&') {
      tokens.push({ norm: '&', start: i, end: i + 1, stop: true, exact: true });
      i++;
      continue;
    }
    const m = WORD.exec(rest)!;
    const word = m[0];
    // In ALL-CAPS text only short words can be told apart as acronyms (RCEP vs CENTRES).
    const acronym = isAcronym(word) && (!shouting || word.length <= 4);
    const norm = normalizeWord(word, acronym);
    tokens.push({
      norm,
      start: i,
      end: i + word.length,
      stop: STOP_WORDS.has(norm),
      exact: acronym || /\d/.test(word),
    });
    i += word.length;
  }
  return tokens;
}

/** The tokens that matching compares: stop words dropped unless the text has nothing else. */
export function contentTokens(tokens: EnglishToken[]): EnglishToken[] {
  const content = tokens.filter((t) => !t.stop);
  return content.length > 0 ? content : tokens;
}

/** Canonical key of an English term: `Negative-Lists` and `negative list` both give `negative list`. */
export function normalizeEnglish(text: string): string {
  return contentTokens(tokenizeEnglish(text))
    .map((t) => t.norm)
    .join(' ');
}

function isAcronym(word: string): boolean {
  return /^[A-Z][A-Z0-9]+s?$/.test(word) && word !== word.toLowerCase();
}

/** Canonical form of one word: lowercase, possessive dropped, singular, American spelling. */
export function normalizeWord(word: string, acronym = isAcronym(word)): string {
  const w = word.replace(/['’]s$/i, '').replace(/['’]/g, '');
  // Acronym plurals (FIEs, SMEs) lose their s before lowercasing hides that they are acronyms.
  if (acronym) return (/[A-Z0-9]s$/.test(w) ? w.slice(0, -1) : w).toLowerCase();
  const lower = w.toLowerCase();
  if (/\d/.test(lower)) return lower;
  return americanize(singularize(lower));
}

const SINGULAR_AS_IS = new Set([
  'alias',
  'atlas',
  'bias',
  'canvas',
  'gas',
  'overseas',
  'whereas',
  'news',
  'series',
  'species',
  'means',
  'always',
  'perhaps',
  'thus',
  'plus',
  'yes',
  'its',
  'this',
  'his',
  'has',
  'was',
  'does',
  'goes',
  'less',
  'unless',
  'various',
  'numerous',
  'previous',
  'serious',
  'famous',
  'across',
  'chaos',
  'ethos',
  'kudos',
  'lens',
  'physics',
  'mathematics',
  'economics',
  'logistics',
  'statistics',
  'politics',
  'ethics',
]);
const ES_PLURAL_KEEP_E = new Set(['niches', 'caches', 'aches', 'headaches', 'avalanches', 'cliches', 'moustaches']);
const IES_KEEP = new Set(['series', 'species', 'movies', 'cookies', 'ties', 'lies', 'pies', 'dies', 'rookies', 'zombies']);

/** Plural → singular for regular English plurals; leaves -ss, -us, -is and listed words alone. */
export function singularize(w: string): string {
  if (w.length <= 3 || !w.endsWith('s') || SINGULAR_AS_IS.has(w)) return w;
  if (/(?:ss|us|is|ous)$/.test(w)) return w;
  if (w.endsWith('ies') && !IES_KEEP.has(w)) return `${w.slice(0, -3)}y`;
  if (w.endsWith('sses')) return w.slice(0, -2);
  if (/(?:x|ch|sh|zz)es$/.test(w) && !ES_PLURAL_KEEP_E.has(w)) return w.slice(0, -2);
  return w.slice(0, -1);
}

// Whole-word British → American pairs that no suffix rule covers safely.
const SPELLINGS: Record<string, string> = {
  licence: 'license',
  defence: 'defense',
  offence: 'offense',
  practise: 'practice',
  programme: 'program',
  catalogue: 'catalog',
  dialogue: 'dialog',
  ageing: 'aging',
  judgement: 'judgment',
  acknowledgement: 'acknowledgment',
  aluminium: 'aluminum',
  fulfil: 'fulfill',
  fulfilment: 'fulfillment',
  enrol: 'enroll',
  enrolment: 'enrollment',
  instalment: 'installment',
  skilful: 'skillful',
  jewellery: 'jewelry',
  grey: 'gray',
  mould: 'mold',
  plough: 'plow',
  sceptical: 'skeptical',
  whilst: 'while',
  amongst: 'among',
  towards: 'toward',
  analyse: 'analyze',
  paralyse: 'paralyze',
  catalyse: 'catalyze',
};
// -our words that are not British spellings of -or words.
const OUR_KEEP = new Set([
  'four',
  'hour',
  'tour',
  'pour',
  'sour',
  'flour',
  'your',
  'our',
  'scour',
  'devour',
  'detour',
  'contour',
  'glamour',
  'amour',
  'velour',
  'paramour',
  'troubadour',
]);

/** British → American spelling: -our/-or, -tre/-ter, -ise/-ize, -isation/-ization, -elled/-eled, and listed words. */
export function americanize(w: string): string {
  const listed = SPELLINGS[w];
  if (listed) return listed;
  let m = /^(.{2,}?)our(s|ed|ing|able|ably|ful|ite|ites|er|ers|ism|hood|hoods)?$/.exec(w);
  if (m && !OUR_KEEP.has(`${m[1]}our`)) return `${m[1]}or${m[2] ?? ''}`;
  m = /^(.+)(t|b)re(s|d)?$/.exec(w);
  if (m) return `${m[1]}${m[2]}er${m[3] ?? ''}`;
  // Applied to every -ise word (enterprise → enterprize) on both sides of a comparison, which keeps it predictable.
  m = /^(.{2,})is(e|ed|es|ing|ation|ations|er|ers)$/.exec(w);
  if (m) return `${m[1]}iz${m[2]}`;
  m = /^(.+[ae])ll(ed|ing|er|ers|or|ors)$/.exec(w);
  if (m) return `${m[1]}l${m[2]}`;
  return w;
}

/**
 * Optimal-string-alignment Damerau-Levenshtein distance (insert, delete, substitute, swap adjacent).
 * With `max`, stops early and returns `max + 1` once the distance is known to exceed it.
 */
export function damerauLevenshtein(a: string, b: string, max = Infinity): number {
  if (a === b) return 0;
  const n = a.length;
  const m = b.length;
  if (Math.abs(n - m) > max) return max + 1;
  if (n === 0 || m === 0) return Math.min(n + m, max + 1);
  // Three rolling rows, reused across calls: lookups run this thousands of times per query.
  if (rows[0].length <= m) rows = [new Int32Array(m + 1), new Int32Array(m + 1), new Int32Array(m + 1)];
  let [prev2, prev, cur] = rows;
  for (let j = 0; j <= m; j++) prev[j] = j;
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    let rowMin = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j <= m; j++) {
      const bj = b.charCodeAt(j - 1);
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (ai === bj ? 0 : 1));
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) d = Math.min(d, prev2[j - 2]! + 1);
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return Math.min(prev[m]!, max + 1);
}

let rows: [Int32Array, Int32Array, Int32Array] = [new Int32Array(32), new Int32Array(32), new Int32Array(32)];

/** Edits tolerated in a word of this length: none up to 3 letters, 1 for 4–8, 2 beyond. */
export function allowedEdits(length: number): number {
  if (length <= 3) return 0;
  return length <= 8 ? 1 : 2;
}

// --- Search keys of English running text (translations, dictionary glosses, queries) ---------------------
// The engine does not stem English, so "franchising", "listed" and "R&D centres" would miss "franchise", "list"
// and "R&D center" in a translation. Index and query both go through searchStems: normalized as above, then
// Porter-stemmed, function and question words dropped (stopword's English list plus the auxiliaries and
// question words people put in questions: "Will low-risk foreign companies face fewer spot checks?").
const QUESTION_WORDS = [
  'will',
  'would',
  'could',
  'should',
  'may',
  'might',
  'must',
  'shall',
  'can',
  'cannot',
  'get',
  'gets',
  'got',
  'give',
  'given',
  'there',
  'any',
  'many',
  'much',
  'also',
  'way',
  'ways',
  'kind',
  'kinds',
  'please',
  'tell',
  'know',
  'want',
  'need',
  'us',
  'our',
  'we',
  'i',
  'me',
  'my',
  'you',
  'your',
  'they',
  'their',
  'them',
  'it',
  'its',
  'does',
  'did',
  'do',
  'doing',
  'done',
  'is',
  'are',
  'was',
  'were',
  'be',
  'been',
  'being',
  'has',
  'have',
  'had',
  'what',
  'which',
  'who',
  'whom',
  'whose',
  'where',
  'when',
  'why',
  'how',
  'whether',
  'if',
  'or',
  'as',
  'at',
  'by',
  'from',
  'in',
  'into',
  'to',
  'with',
  'about',
  'under',
  'than',
  'such',
  'more',
  'most',
  'some',
  'other',
  'same',
  'so',
  'not',
  'no',
  'yes',
  'up',
  'out',
  'over',
  'this',
  'that',
  'these',
  'those',
  'what\u2019s',
  'china',
  'chinese',
];

const SEARCH_STOP = new Set([...stopwordEnglish, ...QUESTION_WORDS].map((w) => w.toLowerCase()));

/** True for words an English search ignores (function words, question words, "China" — every clause is about China). */
export function isSearchStopWord(word: string): boolean {
  return SEARCH_STOP.has(word.toLowerCase());
}

/** Stemmed search key of one normalized token; `r&d` and `m&a` keep one key the engine does not split. */
export function stemToken(norm: string): string {
  if (norm.includes('&')) return norm.replace(/&/g, 'n');
  return /\d/.test(norm) ? norm : stemmer(norm);
}

export interface StemmedToken extends EnglishToken {
  stem: string;
}

/** Content tokens of English text with their stems; stop and question words dropped. */
export function stemmedTokens(text: string): StemmedToken[] {
  return tokenizeEnglish(text)
    .filter((t) => !t.stop && !SEARCH_STOP.has(t.norm) && !SEARCH_STOP.has(text.slice(t.start, t.end).toLowerCase()))
    .map((t) => ({ ...t, stem: stemToken(t.norm) }));
}

/** The stems of a text, space-separated: what the English search fields store and English queries send. */
export function searchStems(text: string): string {
  return stemmedTokens(text)
    .map((t) => t.stem)
    .join(' ');
}
