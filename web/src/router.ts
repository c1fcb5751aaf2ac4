// Client-side navigation with the History API: same-origin links to known routes are handled in the page.
// Each page's scroll position is remembered when it is left, so going back to it (the browser's Back, or the
// reader's "back to results") lands where the reader was; each history entry records the page it was opened from.
import { matchRoute, type Route } from './routes.ts';

/**
 * How the page should scroll after rendering: to the URL's #fragment (else the top), stay where it is, or
 * return to where the page was when it was left (history steps, "back to results").
 */
export type ScrollMode = 'navigate' | 'keep' | 'restore';
export type RenderFn = (route: Route, scroll: ScrollMode) => void;

let render: RenderFn = () => {};
// Path and query of the page last rendered: a history step that changes only the #fragment is left to
// the hashchange handler instead of rebuilding the page.
let rendered = '';
// The page the rendered one was opened from (path and query), when it was opened from one of ours.
let openedFrom: string | null = null;
// The page shown before the rendered one (path and query).
let left: string | null = null;

// Scroll positions of the pages left, by path and query (in memory: a reload starts at the top).
const SCROLL_MEMORY = 50;
const scrolls = new Map<string, number>();

function rememberScroll(): void {
  if (!rendered) return;
  scrolls.delete(rendered);
  scrolls.set(rendered, window.scrollY);
  if (scrolls.size > SCROLL_MEMORY) scrolls.delete(scrolls.keys().next().value!);
}

/** Where the current page was scrolled when it was last left (0 when it never was). */
export function rememberedScroll(): number {
  return scrolls.get(location.pathname + location.search) ?? 0;
}

/** Path and query of the page shown before this one, or null: on going back, its link is where focus returns. */
export function pageLeft(): string | null {
  return left;
}

/** Path and query of the page the current one was opened from, or null (opened directly). */
export function previousPage(): string | null {
  return openedFrom;
}

interface EntryState {
  from?: string;
}

const entryFrom = (): string | null => {
  const state = history.state as EntryState | null;
  return typeof state?.from === 'string' ? state.from : null;
};

function renderNow(scroll: ScrollMode): void {
  left = rendered || null;
  rendered = location.pathname + location.search;
  openedFrom = entryFrom();
  render(matchRoute(location.pathname), scroll);
}

export function currentRoute(): Route {
  return matchRoute(location.pathname);
}

/** Goes to `url` (path, query and hash) without reloading; `restore` returns to where that page was left. */
export function navigate(url: string, opts: { replace?: boolean; restore?: boolean } = {}): void {
  const target = new URL(url, location.href);
  rememberScroll();
  const state: EntryState = { from: opts.replace ? (entryFrom() ?? undefined) : rendered };
  if (opts.replace) history.replaceState(state, '', target);
  else history.pushState(state, '', target);
  renderNow(opts.restore ? 'restore' : 'navigate');
}

/**
 * Back to `url` (path and query): a step back in history when that is the page this one was opened from (so the
 * history does not grow), else a navigation to it; either way it lands where it was left.
 */
export function returnTo(url: string): void {
  if (entryFrom() === url) history.back();
  else navigate(url, { restore: true });
}

/** Changes the address for state the current view has already rendered itself (e.g. new search filters). */
export function setUrl(url: string, opts: { replace?: boolean } = {}): void {
  const target = new URL(url, location.href);
  if (target.href === location.href) return;
  // A replaced entry keeps the page it was opened from.
  if (opts.replace) history.replaceState(history.state, '', target);
  else {
    rememberScroll();
    history.pushState({ from: rendered } satisfies EntryState, '', target);
  }
  rendered = location.pathname + location.search;
}

/** Re-renders the current page in place (after the interface language changes). */
export function refresh(): void {
  renderNow('keep');
}

function isPlainLeftClick(e: MouseEvent): boolean {
  return e.button === 0 && !e.metaKey && !e.ctrlKey && !e.shiftKey && !e.altKey && !e.defaultPrevented;
}

export function startRouter(fn: RenderFn): void {
  render = fn;
  // The page renders after fetching: the browser's own restoration would jump before the content is there.
  history.scrollRestoration = 'manual';
  document.addEventListener('click', (e) => {
    if (!isPlainLeftClick(e) || !(e.target instanceof Element)) return;
    const a = e.target.closest('a[href]');
    if (!(a instanceof HTMLAnchorElement) || a.target || a.hasAttribute('download')) return;
    const url = new URL(a.href);
    if (url.origin !== location.origin || matchRoute(url.pathname).name === 'notFound') return;
    // Same page, other fragment: the browser scrolls and fires hashchange itself.
    if (url.pathname === location.pathname && url.search === location.search && url.hash) return;
    e.preventDefault();
    navigate(url.pathname + url.search + url.hash);
  });
  window.addEventListener('popstate', () => {
    if (location.pathname + location.search === rendered) return;
    // Still the page being left: its position is where the reader was.
    rememberScroll();
    renderNow('restore');
  });
  renderNow('navigate');
}
