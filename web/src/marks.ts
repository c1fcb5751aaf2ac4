// Marking runs of a rendered text in place: the reader's query matches and find-in-document hits. A clause's text
// is rendered as text and term buttons; offsets into the clause's text are offsets into its text nodes read in
// order (the terms' hidden English tips left out), so a mark may span a term's edge: it is then made of pieces,
// one per text node, that share one data-mark number.
import type { Span } from './segments.ts';

const SKIP = '.term-tip';

function textNodes(root: Element): { node: Text; start: number }[] {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
    acceptNode: (n) => (n.parentElement?.closest(SKIP) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  const nodes: { node: Text; start: number }[] = [];
  let at = 0;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const text = n as Text;
    nodes.push({ node: text, start: at });
    at += text.data.length;
  }
  return nodes;
}

/** The text `wrapSpans` offsets count in. */
export function markableText(root: Element): string {
  return textNodes(root)
    .map((n) => n.node.data)
    .join('');
}

/**
 * Wraps each of `spans` (sorted, disjoint, offsets into markableText(root)) in elements made by `make(i)` (one per
 * text node it covers); returns the pieces in text order.
 */
export function wrapSpans(root: Element, spans: readonly Span[], make: (index: number) => HTMLElement): HTMLElement[] {
  if (spans.length === 0) return [];
  const nodes = textNodes(root);
  const pieces: HTMLElement[] = [];
  // From the end: splitting a node keeps its head in place, so the offsets of everything before stay true.
  for (let i = spans.length - 1; i >= 0; i--) {
    const span = spans[i]!;
    for (let j = nodes.length - 1; j >= 0; j--) {
      const { node, start } = nodes[j]!;
      const end = start + node.data.length;
      if (end <= span.start || start >= span.end) continue;
      let target = node;
      const localEnd = Math.min(span.end, end) - start;
      const localStart = Math.max(span.start, start) - start;
      if (localEnd < target.data.length) target.splitText(localEnd);
      if (localStart > 0) target = target.splitText(localStart);
      const mark = make(i);
      target.replaceWith(mark);
      mark.append(target);
      pieces.push(mark);
    }
  }
  return pieces.reverse();
}

/** Removes the marks matching `selector` inside `root`, keeping their text. */
export function unwrap(root: Element, selector: string): void {
  const marks = root.querySelectorAll(selector);
  if (marks.length === 0) return;
  for (const mark of marks) mark.replaceWith(...mark.childNodes);
  root.normalize();
}
