// The reader's search tools: the matches of the search it was opened from (marked from the ranges the API sends,
// with previous/next buttons and the keys n / Shift+N), and find-in-document (a box marking what is typed in the
// Chinese and the English, with previous/next, and optionally only the clauses containing it).
import { h } from './dom.ts';
import { t } from './i18n.ts';
import { markableText, unwrap, wrapSpans } from './marks.ts';
import { findSpans, type Span } from './segments.ts';

/** The texts that are marked: each clause's Chinese and English. */
export const TEXT_SELECTOR = '.clause-text, .clause-text-en';
export const QUERY_MARK = 'query-hit';
export const FIND_MARK = 'find-hit';
const CURRENT = 'is-current';

/** Marks `spans` of one text as query matches numbered from `first`; returns how many it marked. */
export function markQuery(text: Element, spans: readonly Span[], first: number): number {
  wrapSpans(text, spans, (i) => h('mark', { class: QUERY_MARK, 'data-mark': String(first + i) }));
  return spans.length;
}

/** The marks of one kind in document order, the pieces of one match together; hidden ones (a column switched off) left out. */
function matchGroups(root: Element, cls: string): HTMLElement[][] {
  const groups: HTMLElement[][] = [];
  for (const piece of root.querySelectorAll<HTMLElement>(`mark.${cls}`)) {
    if (piece.getClientRects().length === 0) continue;
    const last = groups.at(-1);
    if (last && last[0]!.dataset.mark === piece.dataset.mark) last.push(piece);
    else groups.push([piece]);
  }
  return groups;
}

interface Cursor {
  move(step: 1 | -1): void;
  reset(): void;
}

/**
 * Moves through the marks of one kind: the first move goes to the first mark in view (the clause a result opened
 * at), later ones to the next or previous mark, round. The current one is outlined, scrolled to the middle of the
 * screen and announced in `status`.
 */
function cursor(root: Element, cls: string, status: HTMLElement): Cursor {
  let current: string | null = null;
  const clear = () => {
    for (const el of root.querySelectorAll(`mark.${CURRENT}`)) el.classList.remove(CURRENT);
  };
  return {
    move(step) {
      const groups = matchGroups(root, cls);
      if (groups.length === 0) return;
      let at = current === null ? -1 : groups.findIndex((g) => g[0]!.dataset.mark === current);
      if (at === -1) {
        // In view: below the top of the screen and the search bar held there.
        const top = Math.max(0, document.querySelector('.reader-search')?.getBoundingClientRect().bottom ?? 0);
        const below = groups.findIndex((g) => g[0]!.getBoundingClientRect().top >= top);
        at = step === 1 ? Math.max(below, 0) : (below > 0 ? below : groups.length) - 1;
      } else {
        at = (at + step + groups.length) % groups.length;
      }
      const group = groups[at]!;
      current = group[0]!.dataset.mark ?? null;
      clear();
      for (const piece of group) piece.classList.add(CURRENT);
      group[0]!.scrollIntoView({ block: 'center' });
      status.textContent = t('reader.matchPosition', { n: at + 1, count: groups.length });
    },
    reset() {
      current = null;
      clear();
      status.textContent = '';
    },
  };
}

function stepButtons(move: (step: 1 | -1) => void, keys?: { prev: string; next: string }): HTMLElement[] {
  return [
    h('button', { type: 'button', class: 'button step prev', 'aria-keyshortcuts': keys?.prev, onclick: () => move(-1) }, t('reader.prevMatch')),
    h('button', { type: 'button', class: 'button step next', 'aria-keyshortcuts': keys?.next, onclick: () => move(1) }, t('reader.nextMatch')),
  ];
}

const typing = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

/** The matches of the search the reader was opened with: their count, previous/next, and the keys n / Shift+N while the reader is shown. */
export function queryMatches(root: HTMLElement, q: string, count: number, signal: AbortSignal): HTMLElement {
  const status = h('p', { class: 'match-position', role: 'status' });
  if (count === 0) {
    return h('div', { class: 'query-matches' }, h('p', { class: 'match-count' }, t('reader.noMatches', { q })), status);
  }
  const at = cursor(root, QUERY_MARK, status);
  const onKey = (e: KeyboardEvent) => {
    if (e.key.toLowerCase() !== 'n' || e.ctrlKey || e.metaKey || e.altKey || typing(e.target) || e.defaultPrevented) return;
    e.preventDefault();
    at.move(e.shiftKey ? -1 : 1);
  };
  document.addEventListener('keydown', onKey);
  signal.addEventListener('abort', () => document.removeEventListener('keydown', onKey));
  return h(
    'div',
    { class: 'query-matches' },
    h('p', { class: 'match-count' }, t('reader.matches', { count, q })),
    h(
      'div',
      { class: 'steps' },
      stepButtons((s) => at.move(s), { prev: 'Shift+N', next: 'N' }),
    ),
    status,
    h('p', { class: 'hint keys-hint' }, t('reader.keysHint')),
  );
}

/** The find box over the clauses in `root`. */
export function findInDocument(root: HTMLElement): HTMLElement {
  const input = h('input', { id: 'find', type: 'search', autocomplete: 'off', spellcheck: 'false', 'aria-describedby': 'find-hint find-count' });
  const count = h('p', { id: 'find-count', class: 'find-count', 'aria-live': 'polite' });
  const status = h('p', { class: 'match-position', role: 'status' });
  const only = h('input', { id: 'find-only', type: 'checkbox' });
  const at = cursor(root, FIND_MARK, status);
  const texts = () => root.querySelectorAll(TEXT_SELECTOR);

  const update = () => {
    at.reset();
    const needle = input.value;
    let n = 0;
    for (const clause of root.querySelectorAll('.clause.has-find')) clause.classList.remove('has-find');
    for (const text of texts()) {
      unwrap(text, `mark.${FIND_MARK}`);
      const spans = findSpans(markableText(text), needle);
      wrapSpans(text, spans, (i) => h('mark', { class: FIND_MARK, 'data-mark': String(n + i) }));
      n += spans.length;
      if (spans.length > 0) text.closest('.clause')?.classList.add('has-find');
    }
    count.textContent = needle.trim() === '' ? '' : n === 0 ? t('reader.findNone') : t('reader.findCount', { count: n });
    root.classList.toggle('find-only', only.checked && needle.trim() !== '');
  };
  input.addEventListener('input', update);
  only.addEventListener('change', update);
  input.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    at.move(e.shiftKey ? -1 : 1);
  });
  return h(
    'div',
    { class: 'find', role: 'search', 'aria-labelledby': 'find-label' },
    h('label', { id: 'find-label', for: 'find', class: 'find-label' }, t('reader.find')),
    h(
      'div',
      { class: 'find-row' },
      input,
      stepButtons((s) => at.move(s)),
      count,
    ),
    h('p', { class: 'find-only-row' }, only, h('label', { for: 'find-only' }, t('reader.findOnly'))),
    h('p', { id: 'find-hint', class: 'visually-hidden' }, t('reader.findHint')),
    status,
  );
}
