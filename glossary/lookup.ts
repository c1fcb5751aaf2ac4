// Glossary lookup by any key a translator or a query might use: id, Chinese (exact, prefix, substring),
// pinyin, English (normalized, typo-tolerant, partial). Indexes are built once (buildLookupIndexes); every
// call is a few map probes plus a scan of ~1,000 vocabulary words at most. createLookup only binds the two.
import { allowedEdits, contentTokens, damerauLevenshtein, normalizeEnglish, tokenizeEnglish, type EnglishToken } from './english.ts';
import { pinyinOf } from './load.ts';
import type { Glossary, GlossaryEntry } from './types.ts';

export type MatchedBy = 'id' | 'zh' | 'zh-variant' | 'en' | 'en-variant' | 'pinyin' | 'fuzzy';

export interface LookupResult {
  entry: GlossaryEntry;
  matchedBy: MatchedBy;
  /** The glossary form (or id, or pinyin) that matched. */
  matched: string;
  /** 1 for an exact preferred form, lower for variants, pinyin, typos and partial matches. */
  score: number;
}

/** A glossary term found inside a longer English query; offsets are UTF-16 offsets into that query. */
export interface EnglishSpan {
  entry: GlossaryEntry;
  start: number;
  end: number;
  /** The query text covered, `query.slice(start, end)`. */
  matched: string;
  /** The glossary form it matched. */
  form: string;
  /** True when at least one word matched only within the typo tolerance. */
  fuzzy: boolean;
}

export interface Lookup {
  lookup(term: string, opts?: { limit?: number }): LookupResult[];
  findInEnglish(query: string): EnglishSpan[];
  findPinyin(query: string): GlossaryEntry[];
}

export type FormKind = 'zh' | 'zh-variant' | 'en' | 'en-variant';

export interface ZhForm {
  form: string;
  lower: string;
  entry: GlossaryEntry;
  kind: 'zh' | 'zh-variant';
}

export interface EnForm {
  form: string;
  entry: GlossaryEntry;
  kind: FormKind;
  tokens: string[];
}

export interface TrieNode {
  children: Map<string, TrieNode>;
  forms: EnForm[];
}

export interface PinyinForm {
  entry: GlossaryEntry;
  pinyin: string;
  syllables: string[];
}

/** Everything a lookup probes, built once from a glossary. */
export interface LookupIndexes {
  glossary: Glossary;
  zhForms: ZhForm[];
  /** Lower-cased Chinese form → its forms. */
  zhExact: Map<string, ZhForm[]>;
  /** Normalized content words of an English form, space-joined → its forms. */
  enExact: Map<string, EnForm[]>;
  /** English forms by their content words, word by word. */
  trie: TrieNode;
  /** Vocabulary word → whether typos may match it (not for acronyms and codes). */
  vocabulary: Map<string, boolean>;
  /** The words typos may match, by length. */
  vocabByLength: Map<number, string[]>;
  /** Compact pinyin key → forms. */
  pinyinKeys: Map<string, PinyinForm[]>;
  pinyinForms: PinyinForm[];
}

const HAN = /\p{Script=Han}/u;
const PINYIN_CHARS = /^[\p{Script=Latin}\s'’·-]+$/u;

const KIND_SCORE: Record<FormKind, number> = { zh: 1, 'zh-variant': 0.95, en: 1, 'en-variant': 0.95 };

/** Pinyin as typed, reduced to a comparison key: tones, spaces and apostrophes dropped; ü written v. */
export function compactPinyin(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFC')
    .replace(/[üǖǘǚǜ]/g, 'v')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^a-z0-9]/g, '');
}

const sameSyllable = (indexed: string, typed: string): boolean => indexed === typed || indexed.replace(/v/g, 'u') === typed;

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** An entry's Chinese forms, preferred first, trimmed. */
export function zhFormsOf(entry: GlossaryEntry): ZhForm[] {
  const zhs: [string, ZhForm['kind']][] = [[entry.zh, 'zh'], ...entry.variants.zh.map((v): [string, 'zh-variant'] => [v, 'zh-variant'])];
  return zhs.map(([raw, kind]) => {
    const form = raw.trim();
    return { form, lower: form.toLowerCase(), entry, kind };
  });
}

/** A Han form's pinyin (the entry's own for the preferred form) and the keys it is found by. */
export function pinyinFormOf(z: ZhForm): { form: PinyinForm; keys: string[] } {
  const pinyin = z.kind === 'zh' ? z.entry.pinyin : pinyinOf(z.form).pinyin;
  const form: PinyinForm = { entry: z.entry, pinyin, syllables: pinyin.split(' ').map(compactPinyin) };
  const key = compactPinyin(pinyin);
  // Many type lü as lu.
  return { form, keys: key.includes('v') ? [key, key.replace(/v/g, 'u')] : [key] };
}

function addEnglish(ix: LookupIndexes, entry: GlossaryEntry, form: string, kind: FormKind): void {
  const tokens = contentTokens(tokenizeEnglish(form));
  if (tokens.length === 0) return;
  const f: EnForm = { form, entry, kind, tokens: tokens.map((t) => t.norm) };
  push(ix.enExact, f.tokens.join(' '), f);
  let node = ix.trie;
  for (const t of tokens) {
    ix.vocabulary.set(t.norm, (ix.vocabulary.get(t.norm) ?? true) && !t.exact);
    let child = node.children.get(t.norm);
    if (!child) {
      child = { children: new Map(), forms: [] };
      node.children.set(t.norm, child);
    }
    node = child;
  }
  node.forms.push(f);
}

export function buildLookupIndexes(glossary: Glossary): LookupIndexes {
  const ix: LookupIndexes = {
    glossary,
    zhForms: [],
    zhExact: new Map(),
    enExact: new Map(),
    trie: { children: new Map(), forms: [] },
    vocabulary: new Map(),
    vocabByLength: new Map(),
    pinyinKeys: new Map(),
    pinyinForms: [],
  };
  for (const entry of glossary.entries) {
    for (const z of zhFormsOf(entry)) {
      ix.zhForms.push(z);
      push(ix.zhExact, z.lower, z);
      // Latin forms written inside Chinese text (RCEP, QFLP) are also how English readers name the concept.
      if (!HAN.test(z.form)) addEnglish(ix, entry, z.form, z.kind);
      else {
        const { form, keys } = pinyinFormOf(z);
        ix.pinyinForms.push(form);
        for (const key of keys) push(ix.pinyinKeys, key, form);
      }
    }
    addEnglish(ix, entry, entry.en, 'en');
    for (const v of entry.variants.en) addEnglish(ix, entry, v, 'en-variant');
  }
  for (const [word, fuzzyOk] of ix.vocabulary) if (fuzzyOk) push(ix.vocabByLength, word.length, word);
  return ix;
}

/** Vocabulary words a query token may stand for, with the edits it takes. */
export function candidatesFor(ix: Pick<LookupIndexes, 'vocabulary' | 'vocabByLength'>, token: EnglishToken): Map<string, number> {
  const found = new Map<string, number>();
  if (ix.vocabulary.has(token.norm)) found.set(token.norm, 0);
  if (token.exact) return found;
  const len = token.norm.length;
  const maxEdits = allowedEdits(len);
  for (let l = len - maxEdits; l <= len + maxEdits; l++) {
    const allowed = Math.min(maxEdits, allowedEdits(l));
    if (allowed === 0) continue;
    for (const word of ix.vocabByLength.get(l) ?? []) {
      if (word === token.norm) continue;
      const d = damerauLevenshtein(token.norm, word, allowed);
      if (d <= allowed) found.set(word, d);
    }
  }
  return found;
}

/** Longest run of trie words from content token i; fewer edits break ties. */
export function longestAt(trie: TrieNode, cands: Map<string, number>[], i: number): { end: number; edits: number; form: EnForm } | undefined {
  let best: { end: number; edits: number; form: EnForm } | undefined;
  const walk = (node: TrieNode, j: number, edits: number): void => {
    if (j >= cands.length) return;
    for (const [word, d] of cands[j]!) {
      const child = node.children.get(word);
      if (!child) continue;
      const form = child.forms[0];
      if (form && (!best || j + 1 > best.end || (j + 1 === best.end && edits + d < best.edits))) {
        best = { end: j + 1, edits: edits + d, form };
      }
      walk(child, j + 1, edits + d);
    }
  };
  walk(trie, i, 0);
  return best;
}

export interface ScannedSpan {
  span: EnglishSpan;
  form: EnForm;
  /** Content words the span covers. */
  words: number;
}

/** Glossary terms in an English text, left to right, each the longest match at its position. */
export function scanEnglish(
  ix: LookupIndexes,
  query: string,
  tokens = tokenizeEnglish(query).filter((t) => !t.stop),
  cands = tokens.map((t) => candidatesFor(ix, t)),
): ScannedSpan[] {
  const found: ScannedSpan[] = [];
  for (let i = 0; i < tokens.length; ) {
    const m = longestAt(ix.trie, cands, i);
    if (!m) {
      i++;
      continue;
    }
    const start = tokens[i]!.start;
    const end = tokens[m.end - 1]!.end;
    const span = { entry: m.form.entry, start, end, matched: query.slice(start, end), form: m.form.form, fuzzy: m.edits > 0 };
    found.push({ span, form: m.form, words: m.end - i });
    i = m.end;
  }
  return found;
}

/** Entries whose pinyin, compacted, is exactly the query's; [] for anything but Latin letters. */
export function findPinyinEntries(ix: Pick<LookupIndexes, 'pinyinKeys'>, query: string): GlossaryEntry[] {
  if (!PINYIN_CHARS.test(query.trim())) return [];
  const found = ix.pinyinKeys.get(compactPinyin(query)) ?? [];
  return [...new Set(found.map((p) => p.entry))];
}

type Add = (entry: GlossaryEntry, matchedBy: MatchedBy, matched: string, score: number) => void;

/** Keeps each entry's best-scoring match; `ranked` orders them by score, then the shorter form, then the id. */
export function resultCollector(): { add: Add; ranked(limit: number): LookupResult[] } {
  const best = new Map<GlossaryEntry, LookupResult>();
  return {
    add: (entry, matchedBy, matched, score) => {
      const prev = best.get(entry);
      if (!prev || score > prev.score) best.set(entry, { entry, matchedBy, matched, score: Math.round(score * 1000) / 1000 });
    },
    ranked: (limit) =>
      [...best.values()].sort((a, b) => b.score - a.score || a.matched.length - b.matched.length || a.entry.id.localeCompare(b.entry.id)).slice(0, limit),
  };
}

/** Chinese forms that start with, contain or are contained in a Chinese query (`lower`), the exact one excepted. */
export function lookupChineseInexact(ix: Pick<LookupIndexes, 'zhForms'>, lower: string, add: Add): void {
  for (const z of ix.zhForms) {
    if (z.lower === lower) continue;
    // Prefix beats substring beats containment; a closer length ratio beats a looser one.
    if (z.lower.startsWith(lower)) add(z.entry, z.kind, z.form, 0.7 + 0.2 * (lower.length / z.lower.length));
    else if (z.lower.includes(lower)) add(z.entry, z.kind, z.form, 0.5 + 0.2 * (lower.length / z.lower.length));
    else if (lower.includes(z.lower)) add(z.entry, z.kind, z.form, 0.3 + 0.2 * (z.lower.length / lower.length));
  }
}

export function lookupPinyin(ix: Pick<LookupIndexes, 'pinyinKeys' | 'pinyinForms'>, t: string, add: Add): void {
  if (!PINYIN_CHARS.test(t)) return;
  for (const p of ix.pinyinKeys.get(compactPinyin(t)) ?? []) add(p.entry, 'pinyin', p.pinyin, 0.9);
  // Syllable prefix, only when the syllables are typed apart (otherwise "fan" would hit every fan…).
  const typed = t
    .split(/[\s'’·-]+/)
    .map(compactPinyin)
    .filter((s) => s !== '');
  if (typed.length < 2) return;
  for (const p of ix.pinyinForms) {
    if (p.syllables.length > typed.length && typed.every((s, i) => sameSyllable(p.syllables[i]!, s))) {
      add(p.entry, 'pinyin', p.pinyin, 0.6 + 0.2 * (typed.length / p.syllables.length));
    }
  }
}

/**
 * Where `tokens` sit in an English form: `edits` for the whole form (typos only) or a run of consecutive words
 * inside it, the first offset that fits; null when none does.
 */
export function alignTokens(cands: Map<string, number>[], formTokens: readonly string[]): { edits: number; whole: boolean } | null {
  const n = formTokens.length;
  for (let offset = 0; offset + cands.length <= n; offset++) {
    let edits = 0;
    for (let k = 0; k < cands.length && edits !== Infinity; k++) edits += cands[k]!.get(formTokens[offset + k]!) ?? Infinity;
    if (edits !== Infinity) return { edits, whole: n === cands.length };
  }
  return null;
}

export function lookupEnglishInexact(ix: LookupIndexes, t: string, add: Add): void {
  const tokens = contentTokens(tokenizeEnglish(t));
  if (tokens.length === 0) return;
  const cands = tokens.map((tk) => candidatesFor(ix, tk));
  for (const forms of ix.enExact.values()) {
    for (const f of forms) {
      const fit = alignTokens(cands, f.tokens);
      if (!fit) continue;
      if (fit.whole) {
        if (fit.edits > 0) add(f.entry, 'fuzzy', f.form, Math.max(0.6, 0.85 - 0.05 * fit.edits));
      } else {
        add(f.entry, fit.edits > 0 ? 'fuzzy' : f.kind, f.form, 0.5 + 0.2 * (tokens.length / f.tokens.length) - 0.05 * fit.edits);
      }
    }
  }
  // Glossary terms inside a longer query ("withholding tax on reinvested profits").
  const tokensAreContent = tokens.every((tk) => !tk.stop);
  const found = tokensAreContent ? scanEnglish(ix, t, tokens, cands) : scanEnglish(ix, t);
  for (const { span, form, words } of found) {
    add(span.entry, span.fuzzy ? 'fuzzy' : form.kind, span.form, 0.3 + 0.2 * (words / tokens.length));
  }
}

/** Every way `term` names an entry, the best match per entry, best entries first. */
export function lookupTerm(ix: LookupIndexes, term: string, opts: { limit?: number } = {}): LookupResult[] {
  const t = term.trim().normalize('NFKC');
  if (t === '') return [];
  const results = resultCollector();
  const { add } = results;

  const byId = ix.glossary.byId.get(t.toLowerCase());
  if (byId) add(byId, 'id', byId.id, 1);

  const lower = t.toLowerCase();
  for (const z of ix.zhExact.get(lower) ?? []) add(z.entry, z.kind, z.form, KIND_SCORE[z.kind]);

  if (HAN.test(t)) lookupChineseInexact(ix, lower, add);
  else {
    for (const f of ix.enExact.get(normalizeEnglish(t)) ?? []) add(f.entry, f.kind, f.form, KIND_SCORE[f.kind]);
    lookupPinyin(ix, t, add);
    lookupEnglishInexact(ix, t, add);
  }
  return results.ranked(opts.limit ?? 10);
}

export function createLookup(glossary: Glossary): Lookup {
  const ix = buildLookupIndexes(glossary);
  return {
    lookup: (term, opts) => lookupTerm(ix, term, opts),
    findInEnglish: (query) => scanEnglish(ix, query).map((f) => f.span),
    findPinyin: (query) => findPinyinEntries(ix, query),
  };
}
