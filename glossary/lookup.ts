// Glossary lookup by any key a translator or a query might use: id, Chinese (exact, prefix, substring),
// pinyin, English (normalized, typo-tolerant, partial). Indexes are built once in createLookup; every
// call is a few map probes plus a scan of ~1,000 vocabulary words at most.
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

type FormKind = 'zh' | 'zh-variant' | 'en' | 'en-variant';

interface ZhForm {
  form: string;
  lower: string;
  entry: GlossaryEntry;
  kind: 'zh' | 'zh-variant';
}

interface EnForm {
  form: string;
  entry: GlossaryEntry;
  kind: FormKind;
  tokens: string[];
}

interface TrieNode {
  children: Map<string, TrieNode>;
  forms: EnForm[];
}

interface PinyinForm {
  entry: GlossaryEntry;
  pinyin: string;
  syllables: string[];
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

export function createLookup(glossary: Glossary): Lookup {
  const zhForms: ZhForm[] = [];
  const zhExact = new Map<string, ZhForm[]>();
  const enExact = new Map<string, EnForm[]>();
  const root: TrieNode = { children: new Map(), forms: [] };
  // Vocabulary word → whether typos may match it (not for acronyms and codes).
  const vocabulary = new Map<string, boolean>();
  const vocabByLength = new Map<number, string[]>();
  const pinyinKeys = new Map<string, PinyinForm[]>();
  const pinyinForms: PinyinForm[] = [];

  const push = <K, V>(map: Map<K, V[]>, key: K, value: V): void => {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  };

  const addEnglish = (entry: GlossaryEntry, form: string, kind: FormKind): void => {
    const tokens = contentTokens(tokenizeEnglish(form));
    if (tokens.length === 0) return;
    const f: EnForm = { form, entry, kind, tokens: tokens.map((t) => t.norm) };
    push(enExact, f.tokens.join(' '), f);
    let node = root;
    for (const t of tokens) {
      vocabulary.set(t.norm, (vocabulary.get(t.norm) ?? true) && !t.exact);
      let child = node.children.get(t.norm);
      if (!child) {
        child = { children: new Map(), forms: [] };
        node.children.set(t.norm, child);
      }
      node = child;
    }
    node.forms.push(f);
  };

  for (const entry of glossary.entries) {
    const zhs: [string, 'zh' | 'zh-variant'][] = [[entry.zh, 'zh'], ...entry.variants.zh.map((v): [string, 'zh-variant'] => [v, 'zh-variant'])];
    for (const [raw, kind] of zhs) {
      const form = raw.trim();
      const z: ZhForm = { form, lower: form.toLowerCase(), entry, kind };
      zhForms.push(z);
      push(zhExact, z.lower, z);
      // Latin forms written inside Chinese text (RCEP, QFLP) are also how English readers name the concept.
      if (!HAN.test(form)) addEnglish(entry, form, kind);
      else {
        const pinyin = kind === 'zh' ? entry.pinyin : pinyinOf(form).pinyin;
        const p: PinyinForm = { entry, pinyin, syllables: pinyin.split(' ').map(compactPinyin) };
        pinyinForms.push(p);
        const key = compactPinyin(pinyin);
        push(pinyinKeys, key, p);
        // Many type lü as lu.
        if (key.includes('v')) push(pinyinKeys, key.replace(/v/g, 'u'), p);
      }
    }
    addEnglish(entry, entry.en, 'en');
    for (const v of entry.variants.en) addEnglish(entry, v, 'en-variant');
  }
  for (const [word, fuzzyOk] of vocabulary) if (fuzzyOk) push(vocabByLength, word.length, word);

  /** Vocabulary words a query token may stand for, with the edits it takes. */
  function candidatesFor(token: EnglishToken): Map<string, number> {
    const found = new Map<string, number>();
    if (vocabulary.has(token.norm)) found.set(token.norm, 0);
    if (token.exact) return found;
    const len = token.norm.length;
    const maxEdits = allowedEdits(len);
    for (let l = len - maxEdits; l <= len + maxEdits; l++) {
      const allowed = Math.min(maxEdits, allowedEdits(l));
      if (allowed === 0) continue;
      for (const word of vocabByLength.get(l) ?? []) {
        if (word === token.norm) continue;
        const d = damerauLevenshtein(token.norm, word, allowed);
        if (d <= allowed) found.set(word, d);
      }
    }
    return found;
  }

  /** Longest run of trie words from content token i; fewer edits break ties. */
  function longestAt(cands: Map<string, number>[], i: number): { end: number; edits: number; form: EnForm } | undefined {
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
    walk(root, i, 0);
    return best;
  }

  function scanEnglish(
    query: string,
    tokens = tokenizeEnglish(query).filter((t) => !t.stop),
    cands = tokens.map(candidatesFor),
  ): { span: EnglishSpan; form: EnForm; words: number }[] {
    const found: { span: EnglishSpan; form: EnForm; words: number }[] = [];
    for (let i = 0; i < tokens.length; ) {
      const m = longestAt(cands, i);
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

  function findInEnglish(query: string): EnglishSpan[] {
    return scanEnglish(query).map((f) => f.span);
  }

  function findPinyin(query: string): GlossaryEntry[] {
    if (!PINYIN_CHARS.test(query.trim())) return [];
    const found = pinyinKeys.get(compactPinyin(query)) ?? [];
    return [...new Set(found.map((p) => p.entry))];
  }

  function lookup(term: string, opts: { limit?: number } = {}): LookupResult[] {
    const t = term.trim().normalize('NFKC');
    const best = new Map<GlossaryEntry, LookupResult>();
    const add = (entry: GlossaryEntry, matchedBy: MatchedBy, matched: string, score: number): void => {
      const prev = best.get(entry);
      if (!prev || score > prev.score) best.set(entry, { entry, matchedBy, matched, score: Math.round(score * 1000) / 1000 });
    };
    if (t === '') return [];

    const byId = glossary.byId.get(t.toLowerCase());
    if (byId) add(byId, 'id', byId.id, 1);

    const lower = t.toLowerCase();
    for (const z of zhExact.get(lower) ?? []) add(z.entry, z.kind, z.form, KIND_SCORE[z.kind]);

    if (HAN.test(t)) {
      for (const z of zhForms) {
        if (z.lower === lower) continue;
        // Prefix beats substring beats containment; a closer length ratio beats a looser one.
        if (z.lower.startsWith(lower)) add(z.entry, z.kind, z.form, 0.7 + 0.2 * (lower.length / z.lower.length));
        else if (z.lower.includes(lower)) add(z.entry, z.kind, z.form, 0.5 + 0.2 * (lower.length / z.lower.length));
        else if (lower.includes(z.lower)) add(z.entry, z.kind, z.form, 0.3 + 0.2 * (z.lower.length / lower.length));
      }
    } else {
      for (const f of enExact.get(normalizeEnglish(t)) ?? []) add(f.entry, f.kind, f.form, KIND_SCORE[f.kind]);
      lookupPinyin(t, add);
      lookupEnglishInexact(t, add);
    }
    const ranked = [...best.values()].sort(
      (a, b) => b.score - a.score || a.matched.length - b.matched.length || a.entry.id.localeCompare(b.entry.id),
    );
    return ranked.slice(0, opts.limit ?? 10);
  }

  function lookupPinyin(t: string, add: (e: GlossaryEntry, by: MatchedBy, matched: string, score: number) => void): void {
    if (!PINYIN_CHARS.test(t)) return;
    for (const p of pinyinKeys.get(compactPinyin(t)) ?? []) add(p.entry, 'pinyin', p.pinyin, 0.9);
    // Syllable prefix, only when the syllables are typed apart (otherwise "fan" would hit every fan…).
    const typed = t.split(/[\s'’·-]+/).map(compactPinyin).filter((s) => s !== '');
    if (typed.length < 2) return;
    for (const p of pinyinForms) {
      if (p.syllables.length > typed.length && typed.every((s, i) => sameSyllable(p.syllables[i]!, s))) {
        add(p.entry, 'pinyin', p.pinyin, 0.6 + 0.2 * (typed.length / p.syllables.length));
      }
    }
  }

  function lookupEnglishInexact(t: string, add: (e: GlossaryEntry, by: MatchedBy, matched: string, score: number) => void): void {
    const tokens = contentTokens(tokenizeEnglish(t));
    if (tokens.length === 0) return;
    const cands = tokens.map(candidatesFor);
    for (const forms of enExact.values()) {
      for (const f of forms) {
        const n = f.tokens.length;
        // The query is the whole form (typos only) or a run of consecutive words inside it.
        for (let offset = 0; offset + tokens.length <= n; offset++) {
          let edits = 0;
          for (let k = 0; k < tokens.length && edits !== Infinity; k++) edits += cands[k]!.get(f.tokens[offset + k]!) ?? Infinity;
          if (edits === Infinity) continue;
          if (n === tokens.length) {
            if (edits > 0) add(f.entry, 'fuzzy', f.form, Math.max(0.6, 0.85 - 0.05 * edits));
          } else {
            add(f.entry, edits > 0 ? 'fuzzy' : f.kind, f.form, 0.5 + 0.2 * (tokens.length / n) - 0.05 * edits);
          }
          break;
        }
      }
    }
    // Glossary terms inside a longer query ("withholding tax on reinvested profits").
    const tokensAreContent = tokens.every((tk) => !tk.stop);
    const found = tokensAreContent ? scanEnglish(t, tokens, cands) : scanEnglish(t);
    for (const { span, form, words } of found) {
      add(span.entry, span.fuzzy ? 'fuzzy' : form.kind, span.form, 0.3 + 0.2 * (words / tokens.length));
    }
  }

  return { lookup, findInEnglish, findPinyin };
}
