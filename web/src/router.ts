// Client-side navigation with the History API: same-origin links to known routes are handled in the page.
import { matchRoute, type Route } from './routes.ts';

/** How the page should scroll after rendering: to the URL's #fragment (else the top), or stay where it is. */
export type ScrollMode = 'navigate' | 'keep';
export type RenderFn = (route: Route, scroll: ScrollMode) => void;

let render: RenderFn = () => {};
// Path and query of the page last rendered: a history step that changes only the #fragment is left to
// the hashchange handler instead of rebuilding the page.
let rendered = '';

function renderNow(scroll: ScrollMode): void {
  rendered = location.pathname + location.search;
  render(matchRoute(location.pathname), scroll);
}

export function currentRoute(): Route {
  return matchRoute(location.pathname);
}

/** Goes to `url` (path, query and hash) without reloading. */
export function navigate(url: string, opts: { replace?: boolean } = {}): void {
  const target = new URL(url, location.href);
  if (opts.replace) history.replaceState(null, '', target);
  else history.pushState(null, '', target);
  renderNow('navigate');
}

/** Changes the address for state the current view has already rendered itself (e.g. new search filters). */
export function setUrl(url: string, opts: { replace?: boolean } = {}): void {
  const target = new URL(url, location.href);
  if (target.href === location.href) return;
  if (opts.replace) history.replaceState(null, '', target);
  else history.pushState(null, '', target);
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
    if (location.pathname + location.search !== rendered) renderNow('navigate');
  });
  renderNow('navigate');
}
