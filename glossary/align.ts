// Finds every glossary zh form in a text in one pass (Aho-Corasick over UTF-16 code units), so tagging
// stays linear in the text length however many entries the glossary has.
import type { Glossary, TermMatch } from './types.ts';

export interface Aligner {
  /** Every occurrence of every zh form (preferred and variants), sorted by start, longer first at the same start. */
  align(text: string): TermMatch[];
}

interface Pattern {
  entryId: string;
  form: string;
  /** Latin edges need word boundaries: RCEP must not match inside "XRCEP2". */
  latinStart: boolean;
  latinEnd: boolean;
}

const isAsciiAlnum = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
// Latin forms match case-insensitively; folding only ASCII keeps every offset unchanged.
const fold = (c: number): number => (c >= 65 && c <= 90 ? c + 32 : c);

export function createAligner(glossary: Glossary): Aligner {
  const patterns: Pattern[] = [];
  for (const e of glossary.entries) {
    for (const form of new Set([e.zh, ...e.variants.zh].map((f) => f.trim()))) {
      if (form === '') continue;
      patterns.push({
        entryId: e.id,
        form,
        latinStart: isAsciiAlnum(form.charCodeAt(0)),
        latinEnd: isAsciiAlnum(form.charCodeAt(form.length - 1)),
      });
    }
  }

  // Trie.
  const next: Map<number, number>[] = [new Map()];
  const own: number[][] = [[]];
  patterns.forEach((p, pi) => {
    let node = 0;
    for (let i = 0; i < p.form.length; i++) {
      const c = fold(p.form.charCodeAt(i));
      let child = next[node]!.get(c);
      if (child === undefined) {
        child = next.length;
        next.push(new Map());
        own.push([]);
        next[node]!.set(c, child);
      }
      node = child;
    }
    own[node]!.push(pi);
  });

  // Failure links and merged outputs, breadth first.
  const fail = new Int32Array(next.length);
  const out: number[][] = own.map((o) => [...o]);
  const queue: number[] = [...next[0]!.values()];
  for (let qi = 0; qi < queue.length; qi++) {
    const node = queue[qi]!;
    for (const [c, child] of next[node]!) {
      let f = fail[node]!;
      while (f !== 0 && !next[f]!.has(c)) f = fail[f]!;
      const target = next[f]!.get(c);
      fail[child] = target !== undefined && target !== child ? target : 0;
      out[child]!.push(...out[fail[child]!]!);
      queue.push(child);
    }
  }

  function align(text: string): TermMatch[] {
    const found: TermMatch[] = [];
    let node = 0;
    for (let i = 0; i < text.length; i++) {
      const c = fold(text.charCodeAt(i));
      while (node !== 0 && !next[node]!.has(c)) node = fail[node]!;
      node = next[node]!.get(c) ?? 0;
      for (const pi of out[node]!) {
        const p = patterns[pi]!;
        const end = i + 1;
        const start = end - p.form.length;
        if (p.latinStart && start > 0 && isAsciiAlnum(text.charCodeAt(start - 1))) continue;
        if (p.latinEnd && end < text.length && isAsciiAlnum(text.charCodeAt(end))) continue;
        found.push({ entryId: p.entryId, form: text.slice(start, end), start, end });
      }
    }
    found.sort((a, b) => a.start - b.start || b.end - a.end || (a.entryId < b.entryId ? -1 : a.entryId > b.entryId ? 1 : 0));
    return dropNestedSameEntry(found);
  }

  return { align };
}

/** Drops a match lying inside another match of the same entry (its variant 外资准入负面清单 containing 负面清单, say). */
function dropNestedSameEntry(sorted: TermMatch[]): TermMatch[] {
  const reach = new Map<string, number>();
  const kept: TermMatch[] = [];
  for (const m of sorted) {
    const end = reach.get(m.entryId) ?? -1;
    if (m.end <= end) continue;
    reach.set(m.entryId, m.end);
    kept.push(m);
  }
  return kept;
}
