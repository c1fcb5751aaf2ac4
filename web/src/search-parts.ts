// The search page's pieces as DOM, each from its model (search-view.ts): hit cards, facet groups, the lines
// saying how the query was read, the result list with its pager, and the help shown instead of results.
import type { HitTerm } from '../../shared/api-types.ts';
import { en, h, markedText, slot, slotted, zh, type Child } from './dom.ts';
import { pick, t } from './i18n.ts';
import { entryPath } from './routes.ts';
import { locatedNotice } from './journalist-parts.ts';
import type { LocatedModel } from './journalist-view.ts';
import { parseSearchState, searchQuery, withQuery, type Facet } from './search-state.ts';
import type { FacetGroupModel, HitModel, MissingVersionModel, Notice, ResultsModel, VersionModel } from './search-view.ts';
import { cedictLink, clauseLabel, dateLabel, isInactive, levelLabel, noTranslation, pager, provenanceLabel, statusBadge, translationNotice } from './view.ts';

/** Queries offered on the blank page and when nothing matches: one per way of searching. */
export const EXAMPLE_QUERIES = ['negative list', '研发中心', 'withholding tax on reinvested profits', '1586号', 'fumian qingdan'];

export const exampleList = (): HTMLElement =>
  h(
    'ul',
    { class: 'examples' },
    EXAMPLE_QUERIES.map((q) => h('li', {}, h('a', { href: `/${searchQuery(withQuery(parseSearchState(new URLSearchParams()), q))}` }, q))),
  );

function badge(text: string, cls = ''): HTMLElement {
  return h('li', { class: `badge ${cls}`.trim() }, text);
}

const chip = (term: HitTerm): HTMLElement =>
  h('li', {}, h('a', { class: term.matched ? 'chip matched' : 'chip', href: entryPath(term.entryId) }, zh(term.zh, 'chip-zh'), ' ', en(term.en, 'chip-en')));

/** The clause's glossary terms; long lists are cut, with a button for the rest. */
function termChips(chips: HitModel['chips']): HTMLElement {
  const list = h('ul', { class: 'chips', 'aria-label': t('search.terms') }, chips.shown.map(chip));
  if (chips.more.length > 0) {
    const more = h('li', {}, h('button', { type: 'button', class: 'chip more' }, t('search.moreTerms', { count: chips.more.length })));
    more.addEventListener('click', () => {
      const added = chips.more.map(chip);
      more.replaceWith(...added);
      added[0]?.querySelector('a')?.focus();
    });
    list.append(more);
  }
  return list;
}

const HTML_LANG = { zh: 'zh-CN', en: 'en' } as const;

/** One language's heading and marked text; the label says which text it is (original or whose English). */
function version(v: VersionModel | MissingVersionModel): HTMLElement {
  if ('missing' in v) return noTranslation();
  const label = v.origin.kind === 'chinese' ? h('span', {}, t('translation.chinese')) : provenanceLabel(v.origin.translation, v.origin.source);
  return h(
    'div',
    { class: `hit-version hit-${v.lang} ${v.lead ? 'lead' : 'secondary'}` },
    h('p', { class: 'version-label' }, label),
    v.heading && h('p', { class: 'hit-heading', lang: HTML_LANG[v.lang] }, v.heading),
    h('p', { class: 'hit-text', lang: HTML_LANG[v.lang] }, markedText(v.runs)),
  );
}

export function hitCard(hit: HitModel): HTMLElement {
  const { doc, href } = hit;
  return h(
    'article',
    { class: isInactive(doc.status) ? 'hit hit-inactive' : 'hit' },
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
        doc.status !== 'in_force' && h('li', {}, statusBadge(doc.status)),
      ),
    ),
    h('p', { class: 'hit-path' }, h('a', { href }, clauseLabel(hit.clause))),
    h('div', { class: 'hit-versions' }, hit.versions.map(version)),
    hit.chips.shown.length > 0 && termChips(hit.chips),
  );
}

const wordList = (words: readonly string[]): Child[] => words.flatMap((w, i) => [i > 0 && ', ', en(w, 'word')]);

const label = (text: string | Child[]) => h('span', { class: 'interpretation-label' }, text);

/** One line saying how the query was read: corrections, glossary expansions, ignored words, dictionary look-ups. */
export function noticeLine(notice: Notice): HTMLElement {
  switch (notice.kind) {
    case 'corrections': {
      // "Showing results for negative list (you typed: negativ list)"; corrections to a glossary term link to it.
      const items = notice.corrections.flatMap((c, i) => [
        i > 0 && ', ',
        c.entryId ? h('a', { href: entryPath(c.entryId), class: 'correction' }, en(c.to)) : en(c.to, 'correction'),
        ' ',
        h('span', { class: 'typed' }, t('search.youTyped', { from: c.from })),
      ]);
      return h('p', { class: 'interpretation corrections' }, label(t('search.showingFor')), ' ', items);
    }
    case 'expansions': {
      const items = notice.expansions.flatMap((e, i) => [
        i > 0 && ', ',
        h('a', { href: entryPath(e.entryId), class: 'expansion' }, zh(e.zh), ' (', en(e.en), ')'),
      ]);
      return h('p', { class: 'expansions' }, h('span', { class: 'expansions-label' }, t('search.searchedFor')), ' ', items);
    }
    case 'ignored':
      return h('p', { class: 'interpretation ignored' }, label(t('search.ignored')), ' ', wordList(notice.words));
    case 'dictionary': {
      const items = notice.lookups.flatMap((d, i) => [i > 0 && '; ', h('span', { class: 'lookup' }, en(d.en), ' → ', zh(d.zh.join('、')))]);
      return h('p', { class: 'interpretation dictionary' }, label(slotted(t('search.dictionary', { source: slot(0) }), cedictLink())), ' ', items);
    }
  }
}

/** One facet's values as checkboxes with their counts; `toggle` hears which box changed. */
export function facetGroup(group: FacetGroupModel, toggle: (facet: Facet, value: string, on: boolean) => void): HTMLElement {
  return h(
    'fieldset',
    { class: `facet facet-${group.facet}` },
    h('legend', {}, t(`facets.${group.facet}`)),
    h(
      'ul',
      {},
      group.options.map((o) => {
        const box = h('input', { type: 'checkbox', id: o.id, checked: o.checked, 'data-facet': o.facet, 'data-value': o.value });
        box.addEventListener('change', () => toggle(o.facet, o.value, box.checked));
        const text = o.display === 'zh' ? zh(o.label.zh) : pick(o.label);
        return h('li', {}, box, h('label', { for: o.id }, h('span', { class: 'facet-label' }, text), ' ', h('span', { class: 'count' }, String(o.count))));
      }),
    ),
  );
}

export function intro(): HTMLElement {
  return h(
    'div',
    { class: 'intro' },
    h('h2', { id: 'results-heading' }, t('search.introTitle')),
    h('p', {}, t('search.introText')),
    h('p', {}, t('search.examplesTitle')),
    exampleList(),
  );
}

export interface PageLinks {
  /** The URL of a page of results (real links: shareable, open in a new tab). */
  href: (page: number) => string;
  /** A plain click on a page link. */
  go: (page: number) => void;
  /** The Atom feed of this search (GET /api/feed), offered as "follow this search". */
  feed?: string;
}

/** "Follow this search": the feed's address, for a feed reader (type given so browsers offer to subscribe). */
const followLink = (feed: string): HTMLElement =>
  h('p', { class: 'follow' }, h('a', { href: feed, type: 'application/atom+xml', class: 'follow-link' }, t('search.follow')));

/** The results column: help, or the count, what a cited clause resolved to, the reading of the query, the hits and their pages. */
export function results(model: ResultsModel, links: PageLinks, located: LocatedModel | null = null): (Child | Child[])[] {
  if (model.kind === 'intro') return [intro()];
  const heading = h('h2', { id: 'results-heading', class: 'results-heading', tabindex: '-1' }, t('search.results', { count: model.total }));
  if (model.kind === 'empty') {
    return [
      heading,
      located && locatedNotice(located),
      model.notices.map(noticeLine),
      // Following a search with no match yet is how a reader hears of the first document on it.
      links.feed && followLink(links.feed),
      h(
        'div',
        { class: 'empty' },
        h('p', { class: 'empty-title' }, t('search.noResultsTitle')),
        h('p', {}, t('search.noResultsText')),
        h('p', {}, t('search.examplesTitle')),
        exampleList(),
      ),
    ];
  }
  heading.append(' ', h('span', { class: 'range' }, t('search.range', { from: model.from, to: model.to })));
  return [
    heading,
    located && locatedNotice(located),
    model.notices.map(noticeLine),
    model.unofficial && translationNotice(),
    links.feed && followLink(links.feed),
    h(
      'ol',
      { class: 'hits', start: model.from },
      model.hits.map((hit) => h('li', {}, hitCard(hit))),
    ),
    pager(model.page, model.pages, links.href, links.go),
  ];
}
