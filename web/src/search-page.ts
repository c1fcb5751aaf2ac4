// The search page: query box, facet filters, clause cards, pagination; the state lives in the URL.
// This module wires the pieces together: the models are worked out in search-view.ts (pure) and rendered
// by search-parts.ts; here are the form, the URL, the API calls and where keyboard focus goes.
import { REQUEST_BUDGET } from '../../shared/limits.ts';
import { RequestError, search, type FacetValue, type SearchResponse } from './api.ts';
import { errorBox, h, isAbort, replaceChildren, setTitle } from './dom.ts';
import { locale, t } from './i18n.ts';
import { setUrl } from './router.ts';
import { facetGroup, filterChipList, results as resultsParts, sortControl } from './search-parts.ts';
import { rememberResults, takeRestore } from './search-return.ts';
import {
  FACETS,
  apiParams,
  facetCountParams,
  hasFilters,
  isActive,
  parseSearchState,
  feedPath,
  searchQuery,
  withFilter,
  withPage,
  withQuery,
  withSort,
  withVerbatim,
  withoutFilters,
  type Facet,
  type SearchState,
} from './search-state.ts';
import { facetGroups, filterChips, resultsModel, retriableStatus } from './search-view.ts';
import { locatedModel } from './journalist-view.ts';
import type { ViewContext } from './view.ts';

const TYPING_DELAY_MS = 350;
const MAX_QUERY_LENGTH: number = REQUEST_BUDGET.queryChars;
/** The character counter shows from this many characters on (the box stops at MAX_QUERY_LENGTH). */
const COUNTER_FROM = MAX_QUERY_LENGTH - 40;

/** Code points, as the API counts them (a Chinese character is one). */
const chars = (s: string): number => [...s].length;

/** The page's fixed frame: the form, the facet panel, the results column and the live status line. */
function searchFrame(q: string) {
  const input = h('input', {
    id: 'q',
    name: 'q',
    type: 'search',
    value: q,
    autocomplete: 'off',
    spellcheck: 'false',
    enterkeyhint: 'search',
    maxlength: MAX_QUERY_LENGTH,
    'aria-describedby': 'q-hint q-count',
  });
  const counter = h('p', { id: 'q-count', class: 'hint char-count', 'aria-live': 'polite' });
  const form = h(
    'form',
    { role: 'search', class: 'search-form', action: '/' },
    h('label', { for: 'q', class: 'search-label' }, t('search.label')),
    h('div', { class: 'search-row' }, input, h('button', { type: 'submit', class: 'button primary' }, t('search.submit'))),
    h('p', { id: 'q-hint', class: 'hint' }, t('search.hint')),
    counter,
  );
  const facetsBody = h('div', { class: 'facets-body' });
  // Closed on phones (the results come first); after the results in the page, so Tab reaches them first.
  const facets = h(
    'details',
    { class: 'facets', open: matchMedia('(min-width: 56rem)').matches },
    h('summary', {}, h('h2', { id: 'facets-heading' }, t('facets.heading'))),
    facetsBody,
  );
  const toolbar = h('div', { class: 'results-toolbar' });
  const results = h('section', { class: 'results', id: 'results', 'aria-labelledby': 'results-heading' });
  const status = h('p', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite' });
  const layout = h('div', { class: 'search-layout' }, h('div', { class: 'results-column' }, toolbar, results), facets);
  return { input, counter, form, facets, facetsBody, toolbar, results, status, layout };
}

type Frame = ReturnType<typeof searchFrame>;
type Update = (next: SearchState, opts: { push: boolean; focus?: () => void }) => void;

function showCount(frame: Frame): void {
  const n = chars(frame.input.value);
  frame.counter.textContent = n >= COUNTER_FROM ? t('search.charCount', { count: n, max: MAX_QUERY_LENGTH }) : '';
  frame.counter.classList.toggle('at-limit', n >= MAX_QUERY_LENGTH);
}

/** Facet lists are rebuilt with new counts after each change: keyboard focus goes back to the box just toggled. */
function refocusFacet(frame: Frame, facet: string, value: string): void {
  for (const box of frame.facetsBody.querySelectorAll<HTMLInputElement>('input[type=checkbox]')) {
    if (box.dataset.facet === facet && box.dataset.value === value) box.focus();
  }
}

/** After a filter chip is removed, focus goes to the next chip, or to the results heading when none is left. */
function refocusChip(frame: Frame, index: number): void {
  const chips = frame.toolbar.querySelectorAll<HTMLElement>('.filter-chip');
  const next = chips[Math.min(index, chips.length - 1)];
  (next ?? frame.results.querySelector<HTMLElement>('#results-heading'))?.focus({ preventScroll: true });
}

type OwnCounts = Partial<Record<Facet, FacetValue[]>>;

function renderFacets(frame: Frame, state: SearchState, res: SearchResponse | null, own: OwnCounts, update: Update): void {
  const groups = res
    ? facetGroups(state, res.facets, own).map((g) =>
        facetGroup(g, (facet, value, on) => update(withFilter(state, facet, value, on), { push: true, focus: () => refocusFacet(frame, facet, value) })),
      )
    : [];
  replaceChildren(
    frame.facetsBody,
    groups,
    hasFilters(state) &&
      h('button', { type: 'button', class: 'button link', onclick: () => update(withoutFilters(state), { push: true }) }, t('search.clearFilters')),
  );
  frame.facets.hidden = !res;
  // Without the filter column the results take the whole width (the error box and the intro included).
  frame.layout.classList.toggle('with-facets', Boolean(res));
}

/** The sort control and the filters in effect, each removable (shown with errors too: `region=Atlantis`). */
function renderToolbar(frame: Frame, state: SearchState, res: SearchResponse | null, update: Update): void {
  const chips = filterChips(state, res?.facets ?? null);
  replaceChildren(
    frame.toolbar,
    res && sortControl(state.sort, (sort) => update(withSort(state, sort), { push: true })),
    filterChipList(chips, (facet, value) => {
      const index = chips.findIndex((c) => c.facet === facet && c.value === value);
      update(withFilter(state, facet, value, false), { push: true, focus: () => refocusChip(frame, index) });
    }),
  );
}

function renderResults(frame: Frame, state: SearchState, res: SearchResponse | null, update: Update): void {
  const { results } = frame;
  const lang = locale();
  replaceChildren(
    results,
    ...resultsParts(
      resultsModel(state, res),
      {
        href: (p) => `/${searchQuery(withPage(state, p), lang)}`,
        feed: feedPath(state),
        go: (p) =>
          update(withPage(state, p), {
            push: true,
            focus: () => {
              results.querySelector<HTMLElement>('#results-heading')?.focus({ preventScroll: true });
              results.scrollIntoView({ block: 'start' });
            },
          }),
        notices: {
          asTyped: `/${searchQuery(withVerbatim(state, true), lang)}`,
          corrected: `/${searchQuery(withVerbatim(state, false), lang)}`,
        },
      },
      res && locatedModel(res.located),
    ),
  );
}

/** Errors worth a "Try again" (see retriableStatus); an error that is not the API's (no answer at all) is one. */
export function retriable(error: unknown): boolean {
  return !(error instanceof RequestError) || retriableStatus(error.status);
}

/** For each facet with chosen values, its counts without its own filter (failures fall back to the main answer's). */
async function ownCounts(state: SearchState, signal: AbortSignal): Promise<OwnCounts> {
  const chosen = FACETS.filter((f) => state.filters[f].length > 0);
  const answers = await Promise.all(
    chosen.map((facet) =>
      search(facetCountParams(state, facet), signal).then(
        (r) => [facet, (r.facets as Partial<Record<string, FacetValue[]>>)[facet] ?? []] as const,
        () => null,
      ),
    ),
  );
  return Object.fromEntries(answers.filter((a) => a !== null));
}

/** `/` puts the cursor in the search box (as on most search sites), unless typing in a field already. */
function slashFocus(input: HTMLInputElement): (e: KeyboardEvent) => void {
  return (e) => {
    if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
    const target = e.target as HTMLElement | null;
    if (target?.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"]')) return;
    e.preventDefault();
    input.focus();
    input.select();
  };
}

/** A "Skip to results" link right after the page's "Skip to content": the first hit is three Tab presses away. */
function skipToResults(signal: AbortSignal): void {
  const link = h('a', { class: 'skip-link skip-results', href: '#results' }, t('search.skipToResults'));
  link.addEventListener('click', (e) => {
    e.preventDefault();
    const target = document.querySelector<HTMLElement>('#hits') ?? document.querySelector<HTMLElement>('#results-heading');
    target?.focus();
  });
  const first = document.querySelector('.skip-link');
  if (first) first.after(link);
  else document.body.prepend(link);
  signal.addEventListener('abort', () => link.remove());
}

/**
 * Typing searches after a pause; submitting at once. Typing pushes one history entry and then keeps it up to date,
 * so the search shown before typing stays one Back away; any other change (filters, sort, pages) is a step of its own.
 */
function searchAsTyped(frame: Frame, current: () => SearchState, update: Update, signal: AbortSignal): void {
  const { input, form } = frame;
  let typingTimer: ReturnType<typeof setTimeout> | undefined;
  let typingEntry = false;
  input.addEventListener('input', () => {
    showCount(frame);
    clearTimeout(typingTimer);
    typingTimer = setTimeout(() => {
      update(withQuery(current(), input.value), { push: !typingEntry });
      typingEntry = true;
    }, TYPING_DELAY_MS);
  });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    clearTimeout(typingTimer);
    update(withQuery(current(), input.value), { push: !typingEntry });
    typingEntry = false;
  });
  const otherStep = () => {
    typingEntry = false;
  };
  frame.layout.addEventListener('change', otherStep);
  frame.layout.addEventListener('click', otherStep);
  signal.addEventListener('abort', () => clearTimeout(typingTimer));
}

/**
 * What "back to results" restores (web/src/search-return.ts): this list's address and scroll position, and the
 * clause opened from it. Remembered once a list is shown (`listShown`), on scroll and on opening a clause.
 */
function rememberForReturn(results: HTMLElement, active: () => boolean, signal: AbortSignal): { listShown(): void } {
  let remembering = false;
  const remember = (clauseId: string | null = null) => {
    if (remembering && active() && results.querySelector('.hits'))
      rememberResults({ url: location.pathname + location.search, scrollY: window.scrollY, clauseId });
  };
  let scrollTimer: ReturnType<typeof setTimeout> | undefined;
  const onScroll = () => {
    clearTimeout(scrollTimer);
    scrollTimer = setTimeout(() => remember(), 150);
  };
  window.addEventListener('scroll', onScroll, { passive: true });
  results.addEventListener('click', (e) => {
    const a = (e.target as Element | null)?.closest<HTMLAnchorElement>('.hit a[href^="/documents/"]');
    if (a) remember(decodeURIComponent(new URL(a.href).hash.slice(1)) || null);
  });
  signal.addEventListener('abort', () => {
    clearTimeout(scrollTimer);
    window.removeEventListener('scroll', onScroll);
  });
  return {
    listShown: () => {
      remembering = true;
      remember();
    },
  };
}

/** Back from a clause opened here: the list's scroll position, and focus on the clause's card. */
function restoreReturn(results: HTMLElement): void {
  const restore = takeRestore(location.pathname + location.search);
  if (!restore) return;
  window.scrollTo(0, restore.scrollY);
  const card = restore.clauseId && results.querySelector(`a[href$="#${CSS.escape(encodeURIComponent(restore.clauseId))}"]`);
  if (card instanceof HTMLElement) {
    if (!isInView(card)) card.scrollIntoView({ block: 'center' });
    card.focus({ preventScroll: true });
  }
}

export function showSearch(ctx: ViewContext): Promise<void> {
  let state = parseSearchState(new URLSearchParams(location.search));
  let controller: AbortController | null = null;
  const frame = searchFrame(state.q);
  const { input, form, results, status } = frame;
  replaceChildren(ctx.main, h('h1', { class: 'visually-hidden' }, t('search.pageTitle')), form, status, frame.layout);
  showCount(frame);
  skipToResults(ctx.signal);
  const onKey = slashFocus(input);
  document.addEventListener('keydown', onKey);

  const pageUrl = (s: SearchState) => `/${isActive(s) ? searchQuery(s, locale()) : ''}`;
  // The address names the interface language, so a shared link opens as it was sent.
  if (isActive(state)) setUrl(pageUrl(state), { replace: true });

  const update: Update = (next, opts) => {
    state = next;
    setUrl(pageUrl(state), { replace: !opts.push });
    void run(opts.focus);
  };
  searchAsTyped(frame, () => state, update, ctx.signal);
  const returning = rememberForReturn(results, () => isActive(state), ctx.signal);

  ctx.signal.addEventListener('abort', () => {
    controller?.abort();
    document.removeEventListener('keydown', onKey);
  });

  const run = async (focus?: () => void): Promise<void> => {
    controller?.abort();
    const mine = new AbortController();
    controller = mine;
    setTitle(state.q ? `${state.q}` : '');
    if (!isActive(state)) {
      renderFacets(frame, state, null, {}, update);
      renderToolbar(frame, state, null, update);
      renderResults(frame, state, null, update);
      return;
    }
    results.setAttribute('aria-busy', 'true');
    results.classList.add('busy');
    if (!results.querySelector('.hits, .empty')) replaceChildren(results, h('p', { class: 'loading' }, t('common.loading')));
    try {
      const [res, own] = await Promise.all([search(apiParams(state), mine.signal), ownCounts(state, mine.signal)]);
      if (mine.signal.aborted) return;
      renderFacets(frame, state, res, own, update);
      renderToolbar(frame, state, res, update);
      renderResults(frame, state, res, update);
      status.textContent = t('search.results', { count: res.total });
      restoreReturn(results);
      returning.listShown();
      focus?.();
    } catch (error) {
      if (isAbort(error) || mine.signal.aborted) return;
      renderFacets(frame, state, null, {}, update);
      // The filters stay removable: an unknown value from a hand-edited URL is one click from a working search.
      renderToolbar(frame, state, null, update);
      replaceChildren(
        results,
        h('h2', { id: 'results-heading', class: 'visually-hidden', tabindex: '-1' }, t('search.resultsHeading')),
        errorBox(error, retriable(error) ? () => void run() : undefined),
        hasFilters(state) && !retriable(error) && h('p', { class: 'filter-error' }, t('search.filterError')),
      );
      focus?.();
    } finally {
      if (controller === mine) {
        results.removeAttribute('aria-busy');
        results.classList.remove('busy');
      }
    }
  };

  return run();
}

function isInView(el: HTMLElement): boolean {
  const r = el.getBoundingClientRect();
  return r.top >= 0 && r.bottom <= window.innerHeight;
}
