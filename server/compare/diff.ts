// Word-level comparison of two clauses' Chinese: jieba words diffed with the `diff` package, so a reader sees what
// each side adds or drops ("Jiangxi adds 创新税收政策宣传模式"). Runs of the same operation are joined.
import { diffArrays } from 'diff';

export interface DiffPart {
  op: 'same' | 'added' | 'removed';
  /** Text of the run, exactly as in the clause it comes from. */
  text: string;
}

/** `text` cut at word boundaries (Segmenter.wordBoundaries): every character kept, punctuation included. */
export function splitAt(text: string, boundaries: Set<number>): string[] {
  const cuts = [...boundaries].filter((b) => b > 0 && b < text.length).sort((x, y) => x - y);
  const words: string[] = [];
  let from = 0;
  for (const cut of [...cuts, text.length]) {
    if (cut > from) words.push(text.slice(from, cut));
    from = cut;
  }
  return words;
}

/** `removed`: only in `a`; `added`: only in `b`. Concatenating same+removed gives `a`, same+added gives `b`. */
export function wordDiff(a: string[], b: string[]): DiffPart[] {
  const parts: DiffPart[] = [];
  for (const change of diffArrays(a, b)) {
    const op = change.added ? 'added' : change.removed ? 'removed' : 'same';
    const text = change.value.join('');
    const last = parts[parts.length - 1];
    if (last?.op === op) last.text += text;
    else if (text) parts.push({ op, text });
  }
  return parts;
}

/** Share of `a`'s and `b`'s characters the two have in common (1 = identical). */
export function sameShare(parts: DiffPart[]): number {
  let same = 0;
  let total = 0;
  for (const p of parts) {
    total += p.text.length * (p.op === 'same' ? 2 : 1);
    if (p.op === 'same') same += p.text.length * 2;
  }
  return total === 0 ? 1 : same / total;
}
