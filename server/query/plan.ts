// Query planning: what to ask the engine for a user's query, and what to tell the user was searched.
//   Chinese → jieba tokens with the index's dictionary (sub-words match because the index holds them).
//   English → glossary entries found in the query (typos, plurals, variants), searched by their Chinese
//             forms and restricted to clauses tagged with them; unmatched English falls back to the
//             clauses' English tags. Pinyin → glossary entries by pinyin.
//   Document numbers → the clauses carrying or citing them. Quoted phrases → exact containment.
import { stemmedTokens, stemToken, tokenizeEnglish, type StemmedToken } from '../../glossary/english.ts';
import type { EnglishSpan } from '../../glossary/lookup.ts';
import type { GlossaryEntry } from '../../glossary/types.ts';
import { CHINESE_SEARCH_FIELDS, ENGLISH_SEARCH_FIELDS } from '../../indexer/settings.ts';
import { parseDocNumberQuery } from '../../indexer/refs.ts';
import type { Expansion, QueryInterpretation, QueryLang } from '../../shared/api-types.ts';
import type { Bilingual } from '../../shared/types.ts';
import { REQUEST_BUDGET } from '../../shared/limits.ts';
import { roundRobin } from './budget.ts';
import type { Lexicon } from './lexicon.ts';
import { parseOperators } from './operators.ts';
import { splitPhrases } from './phrases.ts';

export interface PlannerDeps {
  /** jieba tokens of a Chinese string, punctuation dropped. */
  cut(text: string): string[];
  /** Glossary entries whose English forms occur in an English query (leftmost-longest, typo-tolerant). */
  findInEnglish(query: string): EnglishSpan[];
  /** True for a real English word: such a word is never "corrected" to a glossary term (part ≠ park). */
  isEnglishWord(word: string): boolean;
  /** The corpus's English → Chinese dictionary lexicon (of the live index). */
  lexicon: Lexicon;
  /** Share of the live index's clauses containing an English search stem. */
  stemShare(stem: string): number;
  /** Share of the live index's clauses tagged with a glossary entry. */
  termShare(entryId: string): number;
  /** Glossary entries whose pinyin is the query. */
  findPinyin(query: string): GlossaryEntry[];
  /** Glossary entries having this exact Chinese form (preferred or variant). */
  entriesWithZh(form: string): GlossaryEntry[];
  /** The region (of the live index) a name stands for: `Jiangxi`, `江西`, `jiangxi province`; case-insensitive. */
  findRegion(name: string): Bilingual | undefined;
}

export interface PlanOptions {
  /** Words as typed: no typo correction ("search instead for `negativ list`"). */
  verbatim?: boolean;
}

export interface EngineQuery {
  q: string;
  attributesToSearchOn: string[];
  matchingStrategy: 'all' | 'last' | 'frequency';
  /**
   * Tokenizer language of the query. Never left to detection: a short all-Han query is often taken
   * for Japanese and segmented differently from the indexed Chinese.
   */
  locales: ['cmn'] | ['eng'];
  /** Weight of this alternative in the merged ranking (default: 1 for the first, 0.9 for the others). */
  weight?: number;
  /** Extra filter of this alternative alone (e.g. dictionary words only where no translation speaks). */
  filter?: string;
  /** Regions (Chinese names) a hit of this alternative must be in: a region the query names (`Jiangxi negative list`). */
  regions?: string[];
}

export type PlanMode = 'chinese' | 'english' | 'browse';

export interface QueryPlan {
  query: string;
  lang: QueryLang;
  mode: PlanMode;
  expansions: Expansion[];
  /**
   * Alternatives holding every word of the query, tried first; when they find nothing, `queries` (most words) are
   * searched and the response says it was relaxed. Empty when relaxing could not change anything (one word).
   */
  strict: EngineQuery[];
  /** Alternatives whose results are merged (OR), the first weighing most. Empty for a browse (filter-only) plan. */
  queries: EngineQuery[];
  /** What every hit must not be: in these regions (Chinese names), tagged with these glossary entries. */
  exclude: { regions: string[]; termIds: string[] };
  /** Glossary entry ids a hit must carry one of (glossary mode). */
  termIds: string[];
  /** Document-number ref tokens a hit must carry one of. */
  refs: string[];
  /** Exact substrings a hit's text must contain. */
  phrases: string[];
  /** Chinese (or Latin) strings to mark in the original text. */
  highlightTerms: string[];
  /** What to mark in the English translation: stems of the query's words, and renderings of its concepts. */
  englishMarks: { stems: string[]; phrases: string[] };
  interpretation: QueryInterpretation;
}

/** Dictionary words one English query searches, at most (all in one engine query: more words, more noise). */
export const MAX_DICTIONARY_WORDS = 6;
/**
 * A stem or glossary concept on at least this share of the clauses is too common to rank by ("foreign" is on 92% of
 * the seed clauses, 外商投资企业 on ~40%). Evaluation (eval/queries.yaml, 55 outside-worded queries):
 * recall@10 0.89 with every word and concept searched → 0.94 leaving out those above 0.4 (0.3 gave the same).
 */
const GENERIC_SHARE = 0.4;
/**
 * Weights in the merged ranking, the query's own words over the English fields weighing 1. A concept's Chinese forms
 * at 0.9 let a single named concept outrank clauses that say what the whole query asks; 0.6 → recall@10 0.90,
 * 0.3 → 0.94 (0.45 the same, MRR 0.923 vs 0.922). The dictionary's guesses weigh as little (0.3 vs 0.5: +1 query).
 */
const CONCEPT_WEIGHT = 0.3;
const DICTIONARY_WEIGHT = 0.3;
/** The words without the rarest one (0.8–1 measured the same, recall@10 0.94 → 0.97 with stem shares known). */
const WITHOUT_RAREST_WEIGHT = 0.9;
/** Chinese words taken per dictionary match: the commonest senses in the corpus. */
const WORDS_PER_GLOSS = 2;

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/u;

export function detectLang(q: string): QueryLang {
  return CJK.test(q) ? 'zh' : 'en';
}

function zhForms(entry: GlossaryEntry): string[] {
  return [entry.zh, ...entry.variants.zh];
}

function expansion(entry: GlossaryEntry): Expansion {
  return { entryId: entry.id, zh: entry.zh, en: entry.en };
}

function uniqueEntries(entries: GlossaryEntry[]): GlossaryEntry[] {
  return [...new Map(entries.map((e) => [e.id, e])).values()];
}

const ZH_FIELDS = [...CHINESE_SEARCH_FIELDS];

function zhQuery(q: string): EngineQuery {
  return { q, attributesToSearchOn: ZH_FIELDS, matchingStrategy: 'all', locales: ['cmn'] };
}

function renderings(entries: GlossaryEntry[]): string[] {
  return [...new Set(entries.flatMap((e) => [e.en, ...e.variants.en]))];
}

export const noInterpretation = (): QueryInterpretation => ({
  words: [],
  ignored: [],
  corrections: [],
  dictionary: [],
  excluded: [],
  alternatives: [],
  relaxed: false,
  allWords: null,
  unmatched: [],
  absentTerms: [],
});

/**
 * Glossary concepts named in an English query. A typo-tolerant match is kept only when every word it corrected is
 * not itself an English word: "negativ list" becomes 负面清单, "taking part" never becomes 园区 ("park").
 */
function englishConcepts(text: string, deps: PlannerDeps): { spans: EnglishSpan[]; corrections: QueryInterpretation['corrections'] } {
  const spans: EnglishSpan[] = [];
  const corrections: QueryInterpretation['corrections'] = [];
  for (const span of deps.findInEnglish(text)) {
    if (span.fuzzy) {
      const typed = tokenizeEnglish(span.matched).filter((t) => !t.stop);
      const form = new Set(tokenizeEnglish(span.form).map((t) => t.norm));
      const corrected = typed.filter((t) => !form.has(t.norm)).map((t) => span.matched.slice(t.start, t.end));
      if (corrected.some((w) => deps.isEnglishWord(w))) continue;
      corrections.push({ from: span.matched, to: span.entry.en, entryId: span.entry.id });
    }
    spans.push(span);
  }
  return { spans, corrections };
}

/**
 * A word that is neither English nor in the corpus is a typo of a corpus word when one is close ("defferal" →
 * "deferral"): its stem is searched instead, and the correction is reported. Words inside a corrected glossary
 * term were already taken care of.
 */
function correctWords(
  text: string,
  tokens: StemmedToken[],
  spans: EnglishSpan[],
  deps: PlannerDeps,
  corrections: QueryInterpretation['corrections'],
): StemmedToken[] {
  return tokens.map((t) => {
    const typed = text.slice(t.start, t.end);
    if (spans.some((s) => s.start <= t.start && t.end <= s.end) || t.exact || deps.isEnglishWord(typed)) return t;
    const word = deps.lexicon.correct(t.norm);
    if (!word) return t;
    corrections.push({ from: typed, to: word, entryId: null });
    return { ...t, norm: word, stem: stemToken(word) };
  });
}

function glossaryQueries(entries: GlossaryEntry[]): EngineQuery[] {
  // Every Chinese form of every concept is an alternative (合格境外有限合伙人 or QFLP), preceded by all
  // concepts together, so clauses holding every concept rank above clauses holding one.
  // Round-robin over concepts, so a query budget cut (budget.ts) keeps every concept's preferred form.
  const alternatives = roundRobin(entries.map((e) => zhForms(e).map(zhQuery)));
  return entries.length < 2 ? alternatives : [zhQuery(entries.map((e) => e.zh).join(' ')), ...alternatives];
}

/** The tokens as typed, then with each glossary term swapped for its other Chinese forms. */
function chineseQueries(tokens: string[], deps: PlannerDeps): EngineQuery[] {
  const queries = [zhQuery(tokens.join(' '))];
  tokens.forEach((token, i) => {
    for (const entry of deps.entriesWithZh(token)) {
      for (const form of zhForms(entry)) {
        if (form !== token) queries.push(zhQuery([...tokens.slice(0, i), form, ...tokens.slice(i + 1)].join(' ')));
      }
    }
  });
  return queries;
}

/** Regions a Chinese or English word (or two-word name: `Jiangxi Province`) of the query names, with where. */
function regionWords(words: { text: string; start: number; end: number }[], deps: PlannerDeps): { region: Bilingual; start: number; end: number }[] {
  const found: { region: Bilingual; start: number; end: number }[] = [];
  for (let i = 0; i < words.length; i++) {
    const [a, b] = [words[i]!, words[i + 1]];
    const pair = b ? deps.findRegion(`${a.text} ${b.text}`) : undefined;
    const one = pair ?? deps.findRegion(a.text);
    if (!one) continue;
    found.push({ region: one, start: a.start, end: pair && b ? b.end : a.end });
    if (pair) i++;
  }
  return found;
}

function emptyPlan(query: string, lang: QueryLang): QueryPlan {
  return {
    query,
    lang,
    mode: 'browse',
    expansions: [],
    strict: [],
    queries: [],
    exclude: { regions: [], termIds: [] },
    termIds: [],
    refs: [],
    phrases: [],
    highlightTerms: [],
    englishMarks: { stems: [], phrases: [] },
    interpretation: noInterpretation(),
  };
}

/**
 * The plan of a query: its `OR` parts planned one by one and merged (a hit matching any part), then its exclusions
 * (`-Jilin`) applied to every alternative.
 */
export function planQuery(rawQuery: string, langParam: QueryLang | 'auto', deps: PlannerDeps, options: PlanOptions = {}): QueryPlan {
  const query = rawQuery.trim();
  const lang = langParam === 'auto' ? detectLang(query) : langParam;
  const { parts, excluded } = parseOperators(query);
  const plans = parts.map((part) => planPart(part, lang, deps, options));
  const merged = plans.length === 0 ? emptyPlan(query, lang) : plans.length === 1 ? plans[0]! : mergeParts(plans);
  const plan = { ...merged, query, interpretation: { ...merged.interpretation, alternatives: parts.length > 1 ? parts : [] } };
  return excluded.length > 0 ? withExclusions(plan, excluded, deps) : plan;
}

const union = <T>(lists: T[][]): T[] => [...new Set(lists.flat())];

/**
 * `A OR B`: every part's alternatives side by side. A document number found in one part restricts every part (its
 * filter applies to the whole search), and quoted phrases are searched as words: neither is kept to its part yet.
 */
function mergeParts(plans: QueryPlan[]): QueryPlan {
  const [first] = plans as [QueryPlan, ...QueryPlan[]];
  const strictOf = (p: QueryPlan) => (p.strict.length > 0 ? p.strict : p.queries);
  const expansions = [...new Map(plans.flatMap((p) => p.expansions).map((e) => [e.entryId, e])).values()];
  const interpretations = plans.map((p) => p.interpretation);
  return {
    ...first,
    mode: plans.some((p) => p.mode === 'english') ? 'english' : first.mode,
    expansions,
    // Each part's best alternative first, so that the request budget keeps every part.
    // No part with an every-word pass (single words): one pass, as for one part.
    strict: plans.some((p) => p.strict.length > 0) ? roundRobin(plans.map(strictOf)) : [],
    queries: roundRobin(plans.map((p) => p.queries)),
    termIds: union(plans.map((p) => p.termIds)),
    refs: union(plans.map((p) => p.refs)),
    phrases: [],
    highlightTerms: union(plans.map((p) => p.highlightTerms)),
    englishMarks: { stems: union(plans.map((p) => p.englishMarks.stems)), phrases: union(plans.map((p) => p.englishMarks.phrases)) },
    interpretation: {
      ...noInterpretation(),
      words: union(interpretations.map((i) => i.words)),
      ignored: union(interpretations.map((i) => i.ignored)),
      corrections: interpretations.flatMap((i) => i.corrections),
      dictionary: interpretations.flatMap((i) => i.dictionary),
      unmatched: union(interpretations.map((i) => i.unmatched)),
      absentTerms: [],
    },
  };
}

/**
 * `-word`: a region or glossary term excluded removes its clauses by filter (its name is rarely in the text); any
 * other word or phrase becomes the engine's negative keyword, in the language of each alternative's fields.
 */
function withExclusions(plan: QueryPlan, excluded: string[], deps: PlannerDeps): QueryPlan {
  const regions: string[] = [];
  const termIds: string[] = [];
  const zhWords: string[] = [];
  const enWords: string[] = [];
  for (const item of excluded) {
    const region = deps.findRegion(item);
    if (region) {
      regions.push(region.zh);
      continue;
    }
    const entries = CJK.test(item)
      ? deps.entriesWithZh(item)
      : deps
          .findInEnglish(item)
          .filter((s) => !s.fuzzy && s.start === 0 && s.end === item.length)
          .map((s) => s.entry);
    if (entries.length > 0) termIds.push(...entries.map((e) => e.id));
    else (CJK.test(item) ? zhWords : enWords).push(item);
  }
  const negative = (words: string[]) => words.map((w) => (/\s/.test(w) ? `-"${w}"` : `-${w}`)).join(' ');
  // The English fields hold stems (glossary/english.ts), so an excluded English word is excluded by its stem.
  const enStems = enWords
    .map((w) =>
      stemmedTokens(w)
        .map((t) => t.stem)
        .join(' '),
    )
    .filter((w) => w !== '');
  const exclude = (q: EngineQuery): EngineQuery => {
    if (q.locales[0] === 'eng') return enStems.length === 0 ? q : { ...q, q: `${q.q} ${negative(enStems)}` };
    // A Chinese alternative excludes English words too: the English fields join its searched ones (no Chinese
    // word of its own matches there), so a clause whose translation says the word is left out whichever way it came.
    if (zhWords.length === 0 && enStems.length === 0) return q;
    const fields = enStems.length > 0 ? [...new Set([...q.attributesToSearchOn, ...ENGLISH_SEARCH_FIELDS])] : q.attributesToSearchOn;
    return { ...q, attributesToSearchOn: fields, q: `${q.q} ${negative([...zhWords, ...enStems])}`.trim() };
  };
  return {
    ...plan,
    strict: plan.strict.map(exclude),
    queries: plan.queries.map(exclude),
    exclude: { regions: union([plan.exclude.regions, regions]), termIds: union([plan.exclude.termIds, termIds]) },
    interpretation: { ...plan.interpretation, excluded },
  };
}

function planPart(part: string, lang: QueryLang, deps: PlannerDeps, options: PlanOptions): QueryPlan {
  const base = emptyPlan(part, lang);
  const numbers = parseDocNumberQuery(part);
  const afterNumbers = numbers ? numbers.rest : part;
  if (numbers) base.refs = numbers.refs;
  const { phrases, rest } = splitPhrases(afterNumbers);
  base.phrases = phrases;
  const text = [...phrases, rest].join(' ').trim();
  if (!text) return base;

  // `auto` decided by script above; an explicit `zh` searches the Chinese text even for Latin input (RCEP, 5G).
  if (lang === 'zh') return planChinese(base, text, phrases, deps);
  return planEnglish(base, text, phrases, deps, options);
}

/**
 * Chinese: every token required first; a region among them (江西 负面清单) restricts to that region instead of
 * being looked for in the text. Relaxed: the tokens as words, the engine dropping the last ones until clauses match.
 */
function planChinese(base: QueryPlan, text: string, phrases: string[], deps: PlannerDeps): QueryPlan {
  const tokens = deps.cut(text);
  const entries = uniqueEntries(tokens.flatMap((t) => deps.entriesWithZh(t)));
  const regionAt = new Map(tokens.map((t) => [t, deps.findRegion(t)] as const).filter(([t, r]) => r !== undefined && !phrases.includes(t)));
  const words = tokens.filter((t) => !regionAt.has(t));
  const regions = [...new Set([...regionAt.values()].map((r) => r!.zh))];
  const queries = tokens.length ? chineseQueries(tokens, deps) : [];
  // Only a region named (江西): nothing to require in the text, and a placeholder search cannot join a federation.
  const strict = tokens.length < 2 || words.length === 0 ? [] : chineseQueries(words, deps).map((q) => (regions.length ? { ...q, regions } : q));
  return {
    ...base,
    mode: 'chinese',
    expansions: entries.map(expansion),
    strict,
    queries: strict.length > 0 ? queries.map((q) => ({ ...q, matchingStrategy: 'last' })) : queries,
    highlightTerms: [...new Set([...phrases, ...words, ...entries.flatMap(zhForms)])],
    englishMarks: { stems: [], phrases: renderings(entries) },
  };
}

/**
 * English: the query's own words search the translations (and dictionary glosses) by stem; the glossary concepts
 * it names and the dictionary's Chinese for its other words search the Chinese text. All are alternatives of one
 * federated search, so a concept lifts the clauses that carry it and never removes one that matches the words.
 * Strict first: every telling word in the clause's English (translation, term renderings, glosses), a named region
 * as a filter; relaxed: the rarest words required, concepts and dictionary words as further alternatives.
 */
function planEnglish(base: QueryPlan, text: string, phrases: string[], deps: PlannerDeps, options: PlanOptions): QueryPlan {
  const typed = tokenizeEnglish(text);
  // A region of the index the query names is a place to look in, not a word to find (few clauses say "Jiangxi"),
  // even where the glossary also has it as a term.
  const named = regionWords(
    typed.filter((t) => !t.stop).map((t) => ({ text: text.slice(t.start, t.end), start: t.start, end: t.end })),
    deps,
  );
  const inRegion = (s: { start: number; end: number }) => named.some((r) => r.start <= s.start && s.end <= r.end);
  const concepts = englishConcepts(text, deps);
  const corrections = concepts.corrections.filter((c) => !options.verbatim && concepts.spans.some((s) => s.matched === c.from && !inRegion(s)));
  const spans = concepts.spans.filter((s) => !inRegion(s) && !(options.verbatim && s.fuzzy));
  const inRegionName = (t: { start: number; end: number }) => named.some((r) => r.start <= t.start && t.end <= r.end);
  const stemmed = stemmedTokens(text);
  const tokens = options.verbatim ? stemmed : correctWords(text, stemmed, spans, deps, corrections);
  const kept = new Set(tokens.map((t) => t.start));
  const ignored = [...new Set(typed.filter((t) => !kept.has(t.start)).map((t) => text.slice(t.start, t.end).toLowerCase()))];
  const pinyin = phrases.length || spans.length ? [] : deps.findPinyin(text);
  const entries = uniqueEntries([...spans.map((s) => s.entry), ...pinyin]).slice(0, REQUEST_BUDGET.concepts);
  // The dictionary speaks for the words no concept covers.
  const covered = (t: { start: number; end: number }) => spans.some((s) => s.start <= t.start && t.end <= s.end);
  const uncovered = tokens.filter((t) => !covered(t) && !inRegionName(t));
  const dictionary = deps.lexicon.match(text, uncovered, WORDS_PER_GLOSS);
  const dictWords = [...new Set(dictionary.flatMap((d) => d.zh))].slice(0, MAX_DICTIONARY_WORDS);
  const stems = [...new Set(tokens.map((t) => t.stem))];
  const regionStems = new Set(tokens.filter(inRegionName).map((t) => t.stem));
  // The engine counts matched words, not how telling they are: in this corpus "foreign" and "invest" are in nearly
  // every clause, so they are searched only when the query has nothing rarer (they are still marked).
  // A word no clause has would make every clause fail 'frequency' matching; it is only reported as unmatched.
  const present = stems.filter((st) => deps.lexicon.hasStem(st));
  const known = present.length > 0 ? present : stems;
  const telling = known.filter((st) => deps.stemShare(st) < GENERIC_SHARE);
  const searched = telling.length > 0 ? telling : known;
  const english = (words: string[], weight: number): EngineQuery => ({
    q: words.join(' '),
    attributesToSearchOn: [...ENGLISH_SEARCH_FIELDS],
    matchingStrategy: 'frequency',
    locales: ['eng'],
    weight,
  });
  const queries: EngineQuery[] = [];
  if (searched.length > 0) queries.push(english(searched, 1));
  // 'frequency' keeps the rarest word required; when that word is not how the clause says it ("securing land"
  // for "guaranteed supply of land"), the same words without it still find the clause.
  if (searched.length > 2) {
    const rarest = searched.reduce((a, b) => (deps.stemShare(b) < deps.stemShare(a) ? b : a));
    queries.push(
      english(
        searched.filter((w) => w !== rarest),
        WITHOUT_RAREST_WEIGHT,
      ),
    );
  }
  // A translated clause answers in English; the dictionary's guesses are for clauses without one.
  if (dictWords.length > 0)
    queries.push({ ...zhQuery(dictWords.join(' ')), matchingStrategy: 'frequency', weight: DICTIONARY_WEIGHT, filter: 'translation IS NULL' });
  // Likewise a concept on most clauses ("foreign-invested enterprise") would rank them all above the query's words.
  // Concepts come last: the request budget (budget.ts) cuts their variant forms first.
  const specific = entries.filter((e) => deps.termShare(e.id) < GENERIC_SHARE);
  queries.push(...glossaryQueries(specific).map((q) => ({ ...q, weight: CONCEPT_WEIGHT })));
  const strict = strictEnglish(
    searched.filter((st) => !regionStems.has(st)),
    uncovered.length === 0 ? glossaryQueries(entries) : [],
    named.map((r) => r.region.zh),
  );
  const unmatched = tokens.filter((t) => !deps.lexicon.hasStem(t.stem) && !covered(t) && !inRegionName(t)).map((t) => text.slice(t.start, t.end));
  return {
    ...base,
    mode: 'english',
    // A quoted English phrase cannot occur verbatim in the Chinese text: its words are searched instead.
    phrases: [],
    expansions: entries.map(expansion),
    strict: strict.length > 0 && searched.length + named.length > 1 ? strict : [],
    queries,
    highlightTerms: [...new Set([...entries.flatMap(zhForms), ...dictWords])],
    englishMarks: { stems, phrases: renderings(entries) },
    interpretation: {
      ...noInterpretation(),
      words: [...new Set(tokens.map((t) => text.slice(t.start, t.end)))],
      ignored,
      corrections,
      dictionary: dictionary.map((d) => ({ en: d.en, zh: d.zh })),
      unmatched: [...new Set(unmatched)],
    },
  };
}

/**
 * Every telling word in one clause's English fields; when the query is all concepts, also their Chinese forms
 * together (clauses without a translation). A region the query names restricts each alternative to it.
 */
function strictEnglish(words: string[], concepts: EngineQuery[], regions: string[]): EngineQuery[] {
  const all: EngineQuery[] = [];
  if (words.length > 0) all.push({ q: words.join(' '), attributesToSearchOn: [...ENGLISH_SEARCH_FIELDS], matchingStrategy: 'all', locales: ['eng'] });
  all.push(...concepts.map((q) => ({ ...q, weight: CONCEPT_WEIGHT })));
  return regions.length > 0 ? all.map((q) => ({ ...q, regions })) : all;
}
