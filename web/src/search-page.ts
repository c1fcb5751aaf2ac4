// The search page: query box, facet filters, clause cards, pagination; the state lives in the URL.
import { search, type FacetValue, type SearchHit, type SearchResponse } from './api.ts';
import { anyUnofficial, versionOrder, type TextLang } from './bilingual.ts';
import { en, errorBox, h, isAbort, markedText, replaceChildren, setTitle, slot, slotted, zh, type Child } from './dom.ts';
import { pick, t } from './i18n.ts';
import { pageCount } from './pagination.ts';
import { setUrl } from './router.ts';
import { parseHighlight } from './segments.ts';
import { documentPath, entryPath } from './routes.ts';
import {
  FACETS,
  PAGE_SIZE,
  apiParams,
  hasFilters,
  isActive,
  parseSearchState,
  searchQuery,
  withFilter,
  withPage,
  withQuery,
  withoutFilters,
  type Facet,
  type SearchState,
} from './search-state.ts';
import { cedictLink, clauseLabel, dateLabel, levelLabel, noTranslation, pager, provenanceLabel, translationNotice, type ViewContext } from './view.ts';

/** Queries offered on the blank page and when nothing matches: one per way of searching. */
export const EXAMPLE_QUERIES = ['negative list', '研发中心', 'withholding tax on reinvested profits', '1586号', 'fumian qingdan'];

const TYPING_DELAY_MS = 350;
const MAX_CHIPS = 6;

const exampleList = (): HTMLElement =>
  h('ul', { class: 'examples' }, EXAMPLE_QUERIES.map((q) => h('li', {}, h('a', { href: `/${searchQuery(withQuery(parseSearchState(new URLSearchParams()), q))}` }, q))));

function badge(text: string, cls = ''): HTMLElement {
  return h('li', { class: `badge ${cls}`.trim() }, text);
}

const chip = (term: SearchHit['terms'][number]): HTMLElement =>
  h('li', {}, h('a', { class: term.matched ? 'chip matched' : 'chip', href: entryPath(term.entryId) }, zh(term.zh, 'chip-zh'), ' ', en(term.en, 'chip-en')));

/** The clause's glossary terms, searched-for ones first; long lists are cut, with a button for the rest. */
function termChips(terms: SearchHit['terms']): HTMLElement {
  const ordered = [...terms].sort((a, b) => Number(b.matched) - Number(a.matched));
  const rest = ordered.slice(MAX_CHIPS);
  const list = h('ul', { class: 'chips', 'aria-label': t('search.terms') }, ordered.slice(0, MAX_CHIPS).map(chip));
  if (rest.length > 0) {
    const more = h('li', {}, h('button', { type: 'button', class: 'chip more' }, t('search.moreTerms', { count: rest.length })));
    more.addEventListener('click', () => {
      const added = rest.map(chip);
      more.replaceWith(...added);
      added[0]?.querySelector('a')?.focus();
    });
    list.append(more);
  }
  return list;
}

const HTML_LANG: Record<TextLang, string> = { zh: 'zh-CN', en: 'en' };

/** One language's heading and highlighted text; the label says which text it is (original or whose English). */
function version(lang: TextLang, label: HTMLElement, heading: string | null, highlight: string, lead: boolean): HTMLElement {
  return h(
    'div',
    { class: `hit-version hit-${lang} ${lead ? 'lead' : 'secondary'}` },
    h('p', { class: 'version-label' }, label),
    heading && h('p', { class: 'hit-heading', lang: HTML_LANG[lang] }, heading),
    h('p', { class: 'hit-text', lang: HTML_LANG[lang] }, markedText(parseHighlight(highlight))),
  );
}

/** The clause in both languages, the one the query was read in first; a missing English is said, never filled in. */
function hitVersions(hit: SearchHit, res: SearchResponse): HTMLElement {
  const [first] = versionOrder(res.lang, hit.translation);
  const tr = hit.translation;
  const source = tr?.provenance === 'official' ? (hit.doc.translation?.source ?? null) : null;
  const english = tr ? version('en', provenanceLabel(tr, source), tr.heading, tr.highlight, first === 'en') : noTranslation();
  const chinese = version('zh', h('span', {}, t('translation.chinese')), hit.heading, hit.highlight, first === 'zh');
  return h('div', { class: 'hit-versions' }, first === 'en' ? [english, chinese] : [chinese, english]);
}

function hitCard(hit: SearchHit, res: SearchResponse): HTMLElement {
  const href = documentPath(hit.docId, hit.id);
  const { doc } = hit;
  return h(
    'article',
    { class: 'hit' },
    h(
      'header',
      { class: 'hit-head' },
      h('h3', { class: 'hit-title' }, h('a', { href }, zh(doc.title.zh))),
      h('p', { class: 'hit-title-en' }, en(doc.title.en)),
      h(
        'ul',
        { class: 'badges' },
        badge(pick(doc.region), 'badge-region'),
        badge(levelLabel(doc.level), 'badge-level'),
        doc.date && badge(dateLabel(doc.date), 'badge-date'),
        doc.docNumber && h('li', { class: 'badge badge-number' }, zh(doc.docNumber)),
        doc.status === 'draft' && badge(t('common.draft'), 'badge-draft'),
      ),
    ),
    h('p', { class: 'hit-path' }, h('a', { href }, clauseLabel(hit))),
    hitVersions(hit, res),
    hit.terms.length > 0 && termChips(hit.terms),
  );
}

const wordList = (words: readonly string[]): Child[] => words.flatMap((w, i) => [i > 0 && ', ', en(w, 'word')]);

/** "Showing results for negative list (you typed: negativ list)": the glossary terms typos were read as. */
function correctionsLine(res: SearchResponse): HTMLElement | null {
  const { corrections } = res.interpretation;
  if (corrections.length === 0) return null;
  const items = corrections.flatMap((c, i) => [
    i > 0 && ', ',
    // Corrections to a glossary term link to it; plain spelling corrections of a word have no entry.
    c.entryId ? h('a', { href: entryPath(c.entryId), class: 'correction' }, en(c.to)) : en(c.to, 'correction'),
    ' ',
    h('span', { class: 'typed' }, t('search.youTyped', { from: c.from })),
  ]);
  return h('p', { class: 'interpretation corrections' }, h('span', { class: 'interpretation-label' }, t('search.showingFor')), ' ', items);
}

/** "Ignored: what, do": question and function words that did not take part in the search. */
function ignoredLine(res: SearchResponse): HTMLElement | null {
  const { ignored } = res.interpretation;
  if (ignored.length === 0) return null;
  return h('p', { class: 'interpretation ignored' }, h('span', { class: 'interpretation-label' }, t('search.ignored')), ' ', wordList(ignored));
}

/** "Dictionary (CC-CEDICT): franchising → 特许经营": words no glossary entry covers, searched by their Chinese. */
function dictionaryLine(res: SearchResponse): HTMLElement | null {
  const { dictionary } = res.interpretation;
  if (dictionary.length === 0) return null;
  const items = dictionary.flatMap((d, i) => [i > 0 && '; ', h('span', { class: 'lookup' }, en(d.en), ' → ', zh(d.zh.join('、')))]);
  return h(
    'p',
    { class: 'interpretation dictionary' },
    h('span', { class: 'interpretation-label' }, slotted(t('search.dictionary', { source: slot(0) }), cedictLink())),
    ' ',
    items,
  );
}

/** What the query was read as, above the results: corrections first, as they change what was searched most. */
function interpretationLines(res: SearchResponse): Child[] {
  return [correctionsLine(res), expansionsLine(res), ignoredLine(res), dictionaryLine(res)];
}

function expansionsLine(res: SearchResponse): HTMLElement | null {
  if (res.expansions.length === 0) return null;
  const items: Child[] = [];
  res.expansions.forEach((e, i) => {
    if (i > 0) items.push(', ');
    items.push(h('a', { href: entryPath(e.entryId), class: 'expansion' }, zh(e.zh), ' (', en(e.en), ')'));
  });
  return h('p', { class: 'expansions' }, h('span', { class: 'expansions-label' }, t('search.searchedFor')), ' ', items);
}

export function showSearch(ctx: ViewContext): Promise<void> {
  let state = parseSearchState(new URLSearchParams(location.search));
  let controller: AbortController | null = null;
  let typingTimer: ReturnType<typeof setTimeout> | undefined;

  const input = h('input', {
    id: 'q',
    name: 'q',
    type: 'search',
    value: state.q,
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
  replaceChildren(ctx.main, h('h1', { class: 'visually-hidden' }, t('search.pageTitle')), form, status, h('div', { class: 'search-layout' }, facets, results));

  const update = (next: SearchState, opts: { push: boolean; focus?: () => void }) => {
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

  const facetGroup = (facet: Facet, values: FacetValue[]): HTMLElement | null => {
    // Selected values stay listed (count 0) so they can be turned off even when nothing matches them now.
    const listed = [...values];
    for (const v of state.filters[facet]) if (!listed.some((x) => x.value === v)) listed.push({ value: v, label: { zh: v, en: v }, count: 0 });
    if (listed.length === 0) return null;
    return h(
      'fieldset',
      { class: `facet facet-${facet}` },
      h('legend', {}, t(`facets.${facet}`)),
      h(
        'ul',
        {},
        listed.map((v, i) => {
          const id = `facet-${facet}-${i}`;
          const box = h('input', {
            type: 'checkbox',
            id,
            checked: state.filters[facet].includes(v.value),
            'data-facet': facet,
            'data-value': v.value,
          });
          box.addEventListener('change', () =>
            update(withFilter(state, facet, v.value, box.checked), { push: true, focus: () => refocusFacet(facet, v.value) }),
          );
          const label = facet === 'doc' ? zh(v.label.zh) : pick(v.label);
          return h('li', {}, box, h('label', { for: id }, h('span', { class: 'facet-label' }, label), ' ', h('span', { class: 'count' }, String(v.count))));
        }),
      ),
    );
  };

  // Facet lists are rebuilt with new counts after each change: keep keyboard focus on the box just toggled.
  const refocusFacet = (facet: string, value: string) => {
    for (const box of facetsBody.querySelectorAll<HTMLInputElement>('input[type=checkbox]')) {
      if (box.dataset.facet === facet && box.dataset.value === value) box.focus();
    }
  };

  const renderFacets = (res: SearchResponse | null) => {
    const groups = res ? FACETS.map((f) => facetGroup(f, res.facets[f])) : [];
    replaceChildren(
      facetsBody,
      groups,
      hasFilters(state) && h('button', { type: 'button', class: 'button link', onclick: () => update(withoutFilters(state), { push: true }) }, t('search.clearFilters')),
    );
    facets.hidden = !res;
  };

  const renderIntro = () => {
    replaceChildren(
      results,
      h('div', { class: 'intro' }, h('h2', { id: 'results-heading' }, t('search.introTitle')), h('p', {}, t('search.introText')), h('p', {}, t('search.examplesTitle')), exampleList()),
    );
  };

  const renderResults = (res: SearchResponse) => {
    const heading = h('h2', { id: 'results-heading', class: 'results-heading', tabindex: '-1' }, t('search.results', { count: res.total }));
    if (res.hits.length === 0) {
      replaceChildren(
        results,
        heading,
        interpretationLines(res),
        h(
          'div',
          { class: 'empty' },
          h('p', { class: 'empty-title' }, t('search.noResultsTitle')),
          h('p', {}, t('search.noResultsText')),
          h('p', {}, t('search.examplesTitle')),
          exampleList(),
        ),
      );
      return;
    }
    const from = res.offset + 1;
    const to = res.offset + res.hits.length;
    heading.append(' ', h('span', { class: 'range' }, t('search.range', { from, to })));
    const pages = pageCount(res.total, PAGE_SIZE);
    replaceChildren(
      results,
      heading,
      interpretationLines(res),
      anyUnofficial(res.hits) && translationNotice(),
      h('ol', { class: 'hits', start: from }, res.hits.map((hit) => h('li', {}, hitCard(hit, res)))),
      pager(
        state.page,
        pages,
        (p) => `/${searchQuery(withPage(state, p))}`,
        (p) =>
          update(withPage(state, p), {
            push: true,
            focus: () => {
              results.querySelector<HTMLElement>('#results-heading')?.focus({ preventScroll: true });
              results.scrollIntoView({ block: 'start' });
            },
          }),
      ),
    );
  };

  const run = async (focus?: () => void): Promise<void> => {
    controller?.abort();
    const mine = new AbortController();
    controller = mine;
    setTitle(state.q ? `${state.q}` : '');
    if (!isActive(state)) {
      renderFacets(null);
      renderIntro();
      return;
    }
    results.setAttribute('aria-busy', 'true');
    results.classList.add('busy');
    if (!results.querySelector('.hits, .empty')) replaceChildren(results, h('p', { class: 'loading' }, t('common.loading')));
    try {
      const res = await search(apiParams(state), mine.signal);
      if (mine.signal.aborted) return;
      renderFacets(res);
      renderResults(res);
      status.textContent = t('search.results', { count: res.total });
      focus?.();
    } catch (error) {
      if (isAbort(error) || mine.signal.aborted) return;
      renderFacets(null);
      replaceChildren(results, h('h2', { id: 'results-heading', class: 'visually-hidden' }, t('search.resultsHeading')), errorBox(error, () => void run()));
    } finally {
      if (controller === mine) {
        results.removeAttribute('aria-busy');
        results.classList.remove('busy');
      }
    }
  };

  return run();
}
