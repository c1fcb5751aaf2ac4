// The search page: query box, facet filters, clause cards, pagination; the state lives in the URL.
// This module wires the pieces together: the models are worked out in search-view.ts (pure) and rendered
// by search-parts.ts; here are the form, the URL, the API calls and where keyboard focus goes.
import { search, type SearchResponse } from './api.ts';
import { errorBox, h, isAbort, replaceChildren, setTitle } from './dom.ts';
import { t } from './i18n.ts';
import { setUrl } from './router.ts';
import { facetGroup, results as resultsParts } from './search-parts.ts';
import {
  apiParams,
  hasFilters,
  isActive,
  parseSearchState,
  feedPath,
  searchQuery,
  withFilter,
  withPage,
  withQuery,
  withoutFilters,
  type SearchState,
} from './search-state.ts';
import { facetGroups, resultsModel } from './search-view.ts';
import { locatedModel } from './journalist-view.ts';
import type { ViewContext } from './view.ts';

const TYPING_DELAY_MS = 350;

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
    'aria-describedby': 'q-hint',
  });
  const form = h(
    'form',
    { role: 'search', class: 'search-form', action: '/' },
    h('label', { for: 'q', class: 'search-label' }, t('search.label')),
    h('div', { class: 'search-row' }, input, h('button', { type: 'submit', class: 'button primary' }, t('search.submit'))),
    h('p', { id: 'q-hint', class: 'hint' }, t('search.hint')),
  );
  const facetsBody = h('div', { class: 'facets-body' });
  const facets = h(
    'details',
    { class: 'facets', open: matchMedia('(min-width: 56rem)').matches },
    h('summary', {}, h('h2', { id: 'facets-heading' }, t('facets.heading'))),
    facetsBody,
  );
  const results = h('section', { class: 'results', 'aria-labelledby': 'results-heading' });
  const status = h('p', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite' });
  return { input, form, facets, facetsBody, results, status };
}

type Frame = ReturnType<typeof searchFrame>;
type Update = (next: SearchState, opts: { push: boolean; focus?: () => void }) => void;

/** Facet lists are rebuilt with new counts after each change: keyboard focus goes back to the box just toggled. */
function refocusFacet(frame: Frame, facet: string, value: string): void {
  for (const box of frame.facetsBody.querySelectorAll<HTMLInputElement>('input[type=checkbox]')) {
    if (box.dataset.facet === facet && box.dataset.value === value) box.focus();
  }
}

function renderFacets(frame: Frame, state: SearchState, res: SearchResponse | null, update: Update): void {
  const groups = res
    ? facetGroups(state, res.facets).map((g) =>
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
}

function renderResults(frame: Frame, state: SearchState, res: SearchResponse | null, update: Update): void {
  const { results } = frame;
  replaceChildren(
    results,
    ...resultsParts(
      resultsModel(state, res),
      {
        href: (p) => `/${searchQuery(withPage(state, p))}`,
        feed: feedPath(state),
        go: (p) =>
          update(withPage(state, p), {
            push: true,
            focus: () => {
              results.querySelector<HTMLElement>('#results-heading')?.focus({ preventScroll: true });
              results.scrollIntoView({ block: 'start' });
            },
          }),
      },
      res && locatedModel(res.located),
    ),
  );
}

export function showSearch(ctx: ViewContext): Promise<void> {
  let state = parseSearchState(new URLSearchParams(location.search));
  let controller: AbortController | null = null;
  let typingTimer: ReturnType<typeof setTimeout> | undefined;
  const frame = searchFrame(state.q);
  const { input, form, results, status } = frame;
  replaceChildren(
    ctx.main,
    h('h1', { class: 'visually-hidden' }, t('search.pageTitle')),
    form,
    status,
    h('div', { class: 'search-layout' }, frame.facets, results),
  );

  const update: Update = (next, opts) => {
    state = next;
    setUrl(`/${searchQuery(state)}`, { replace: !opts.push });
    void run(opts.focus);
  };

  input.addEventListener('input', () => {
    clearTimeout(typingTimer);
    typingTimer = setTimeout(() => update(withQuery(state, input.value), { push: false }), TYPING_DELAY_MS);
  });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    clearTimeout(typingTimer);
    update(withQuery(state, input.value), { push: true });
  });
  ctx.signal.addEventListener('abort', () => {
    clearTimeout(typingTimer);
    controller?.abort();
  });

  const run = async (focus?: () => void): Promise<void> => {
    controller?.abort();
    const mine = new AbortController();
    controller = mine;
    setTitle(state.q ? `${state.q}` : '');
    if (!isActive(state)) {
      renderFacets(frame, state, null, update);
      renderResults(frame, state, null, update);
      return;
    }
    results.setAttribute('aria-busy', 'true');
    results.classList.add('busy');
    if (!results.querySelector('.hits, .empty')) replaceChildren(results, h('p', { class: 'loading' }, t('common.loading')));
    try {
      const res = await search(apiParams(state), mine.signal);
      if (mine.signal.aborted) return;
      renderFacets(frame, state, res, update);
      renderResults(frame, state, res, update);
      status.textContent = t('search.results', { count: res.total });
      focus?.();
    } catch (error) {
      if (isAbort(error) || mine.signal.aborted) return;
      renderFacets(frame, state, null, update);
      replaceChildren(
        results,
        h('h2', { id: 'results-heading', class: 'visually-hidden' }, t('search.resultsHeading')),
        errorBox(error, () => void run()),
      );
    } finally {
      if (controller === mine) {
        results.removeAttribute('aria-busy');
        results.classList.remove('busy');
      }
    }
  };

  return run();
}
