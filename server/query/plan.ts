// Query planning: what to ask the engine for a user's query, and what to tell the user was searched.
//   Chinese → jieba tokens with the index's dictionary (sub-words match because the index holds them).
//   English → glossary entries found in the query (typos, plurals, variants), searched by their Chinese
//             forms and restricted to clauses tagged with them; unmatched English falls back to the
//             clauses' English tags. Pinyin → glossary entries by pinyin.
//   Document numbers → the clauses carrying or citing them. Quoted phrases → exact containment.
import type { GlossaryEntry } from '../../glossary/types.ts';
import { CHINESE_SEARCH_FIELDS, ENGLISH_SEARCH_FIELDS } from '../../indexer/settings.ts';
import { parseDocNumberQuery } from '../../indexer/refs.ts';
import type { Expansion, QueryLang } from '../types.ts';
import { roundRobin } from './budget.ts';
import { splitPhrases } from './phrases.ts';

export interface PlannerDeps {
  /** jieba tokens of a Chinese string, punctuation dropped. */
  cut(text: string): string[];
  /** Glossary entries whose English forms occur in an English query (leftmost-longest, typo-tolerant). */
  findInEnglish(query: string): { entry: GlossaryEntry }[];
  /** Glossary entries whose pinyin is the query. */
  findPinyin(query: string): GlossaryEntry[];
  /** Glossary entries having this exact Chinese form (preferred or variant). */
  entriesWithZh(form: string): GlossaryEntry[];
}

export interface EngineQuery {
  q: string;
  attributesToSearchOn: string[];
  matchingStrategy: 'all' | 'last';
  /**
   * Tokenizer language of the query. Never left to detection: a short all-Han query is often taken
   * for Japanese and segmented differently from the indexed Chinese.
   */
  locales: ['cmn'] | ['eng'];
}

export type PlanMode = 'chinese' | 'glossary' | 'english' | 'browse';

export interface QueryPlan {
  query: string;
  lang: QueryLang;
  mode: PlanMode;
  expansions: Expansion[];
  /** Alternatives whose results are merged (OR), the first weighing most. Empty for a browse (filter-only) plan. */
  queries: EngineQuery[];
  /** Glossary entry ids a hit must carry one of (glossary mode). */
  termIds: string[];
  /** Document-number ref tokens a hit must carry one of. */
  refs: string[];
  /** Exact substrings a hit's text must contain. */
  phrases: string[];
  /** Chinese (or Latin) strings to mark in the original text. */
  highlightTerms: string[];
}

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

export function planQuery(rawQuery: string, langParam: QueryLang | 'auto', deps: PlannerDeps): QueryPlan {
  const query = rawQuery.trim();
  const lang = langParam === 'auto' ? detectLang(query) : langParam;
  const base: QueryPlan = { query, lang, mode: 'browse', expansions: [], queries: [], termIds: [], refs: [], phrases: [], highlightTerms: [] };

  const numbers = parseDocNumberQuery(query);
  const afterNumbers = numbers ? numbers.rest : query;
  if (numbers) base.refs = numbers.refs;
  const { phrases, rest } = splitPhrases(afterNumbers);
  base.phrases = phrases;
  const text = [...phrases, rest].join(' ').trim();
  if (!text) return base;

  // `auto` decided by script above; an explicit `zh` searches the Chinese text even for Latin input (RCEP, 5G).
  if (lang === 'zh') {
    const tokens = deps.cut(text);
    const entries = uniqueEntries(tokens.flatMap((t) => deps.entriesWithZh(t)));
    return {
      ...base,
      mode: 'chinese',
      expansions: entries.map(expansion),
      queries: tokens.length ? chineseQueries(tokens, deps) : [],
      highlightTerms: [...new Set([...phrases, ...tokens, ...entries.flatMap(zhForms)])],
    };
  }

  const entries = uniqueEntries([...deps.findInEnglish(text).map((m) => m.entry), ...(phrases.length ? [] : deps.findPinyin(text))]);
  if (entries.length > 0) {
    return {
      ...base,
      mode: 'glossary',
      // A quoted English phrase asks for that exact concept; the Chinese text cannot contain it verbatim.
      phrases: [],
      expansions: entries.map(expansion),
      queries: glossaryQueries(entries),
      termIds: entries.map((e) => e.id),
      highlightTerms: [...new Set(entries.flatMap(zhForms))],
    };
  }
  return {
    ...base,
    mode: 'english',
    phrases: [],
    queries: [{ q: text, attributesToSearchOn: [...ENGLISH_SEARCH_FIELDS], matchingStrategy: 'last', locales: ['eng'] }],
    highlightTerms: [],
  };
}
