// The search page's pieces as DOM, each from its model (search-view.ts): hit cards, facet groups, the lines
// saying how the query was read, the result list with its pager, and the help shown instead of results.
import type { HitTerm } from '../../shared/api-types.ts';
import { en, h, markedText, slot, slotted, zh, type Child } from './dom.ts';
import { locale, pick, t } from './i18n.ts';
import { entryPath } from './routes.ts';
import { locatedNotice } from './journalist-parts.ts';
import type { LocatedModel } from './journalist-view.ts';
import { SORTS, parseSearchState, searchQuery, withQuery, type Facet, type Sort } from './search-state.ts';
import type { Expansion } from '../../shared/api-types.ts';
import type { FacetGroupModel, FilterChipModel, HitModel, MissingVersionModel, Notice, ResultsModel, VersionModel } from './search-view.ts';
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

const wordList = (words: readonly string[], sep: Child = ', '): Child[] => words.flatMap((w, i) => [i > 0 && sep, en(w, 'word')]);

const label = (text: string | Child[]) => h('span', { class: 'interpretation-label' }, text);

const termLink = (e: Pick<Expansion, 'entryId' | 'zh' | 'en'>, cls: string): HTMLElement =>
  h('a', { href: entryPath(e.entryId), class: cls }, zh(e.zh), ' (', en(e.en), ')');

/** Where the lines about the query link to: the same search as typed, and back with corrections. */
export interface NoticeLinks {
  /** The query searched verbatim (`verbatim=true`). */
  asTyped: string;
  /** The query searched with corrections again. */
  corrected: string;
}

/** One line saying how the query was read: corrections, relaxation, glossary expansions, operators, words left out. */
export function noticeLine(notice: Notice, links: NoticeLinks): HTMLElement {
  switch (notice.kind) {
    case 'verbatim':
      return h('p', { class: 'interpretation verbatim' }, t('search.verbatim'), ' ', h('a', { href: links.corrected }, t('search.withCorrections')));
    case 'absent':
      return h(
        'p',
        { class: 'interpretation absent-term' },
        notice.terms.flatMap((term, i) => [i > 0 && ' ', ...absentTerm(term)]),
      );
    case 'relaxed':
      return h('p', { class: 'interpretation relaxed' }, t('search.relaxed'));
    case 'corrections': {
      // "Showing results for 负面清单 (negative list) — search instead for `negativ list`".
      const items = notice.corrections.flatMap((c, i) => {
        const term = c.entryId ? notice.terms[c.entryId] : undefined;
        const shown = term
          ? termLink(term, 'correction')
          : c.entryId
            ? h('a', { href: entryPath(c.entryId), class: 'correction' }, en(c.to))
            : h('strong', { class: 'correction' }, en(c.to));
        return [i > 0 && ', ', shown];
      });
      const instead = h('a', { href: links.asTyped, class: 'search-instead', lang: 'en' }, notice.typed);
      return h(
        'p',
        { class: 'interpretation corrections' },
        slotted(t('search.showingForTerm', { term: slot(0) }), h('span', {}, ...items)),
        ' — ',
        slotted(t('search.searchInstead', { typed: slot(0) }), instead),
      );
    }
    case 'expansions': {
      const items = notice.expansions.flatMap((e, i) => [i > 0 && ', ', termLink(e, 'expansion')]);
      return h('p', { class: 'expansions' }, h('span', { class: 'expansions-label' }, t('search.searchedFor')), ' ', items);
    }
    case 'alternatives':
      return h('p', { class: 'interpretation alternatives' }, label(t('search.alternatives')), ' ', wordList(notice.parts, ` ${t('search.or')} `));
    case 'excluded':
      return h('p', { class: 'interpretation excluded' }, label(t('search.excluded')), ' ', wordList(notice.words));
    case 'unmatched':
      return h('p', { class: 'interpretation unmatched' }, label(t('search.unmatched')), ' ', wordList(notice.words));
    case 'ignored':
      return h('p', { class: 'interpretation ignored' }, label(t('search.ignored')), ' ', wordList(notice.words));
    case 'dictionary': {
      const items = notice.lookups.flatMap((d, i) => [i > 0 && '; ', h('span', { class: 'lookup' }, en(d.en), ' → ', zh(d.zh.join('、')))]);
      return h('p', { class: 'interpretation dictionary' }, label(slotted(t('search.dictionary', { source: slot(0) }), cedictLink())), ' ', items);
    }
  }
}

/** A known glossary term no document contains: said as such, with its entry linked (never "check the spelling"). */
function absentTerm(term: Expansion): Child[] {
  return slotted(t('search.absentTerm', { term: slot(0) }), termLink(term, 'expansion'));
}

/** The filters in effect, each a button that removes it; `remove` hears which. */
export function filterChipList(chips: readonly FilterChipModel[], remove: (facet: Facet, value: string) => void): HTMLElement | null {
  if (chips.length === 0) return null;
  return h(
    'ul',
    { class: 'filter-chips', 'aria-label': t('search.filtersInEffect') },
    chips.map((c) => {
      const facetName = facetLegend(c.facet);
      const text = pick(c.label) || c.label.zh;
      return h(
        'li',
        {},
        h(
          'button',
          {
            type: 'button',
            class: 'filter-chip',
            'data-facet': c.facet,
            'data-value': c.value,
            'aria-label': t('search.removeFilter', { facet: facetName, value: text }),
            onclick: () => remove(c.facet, c.value),
          },
          h('span', { class: 'filter-chip-facet' }, `${facetName}:`),
          ' ',
          h('span', { lang: locale() === 'zh' ? 'zh-CN' : 'en' }, text),
          h('span', { class: 'filter-chip-x', 'aria-hidden': 'true' }, ' ×'),
        ),
      );
    }),
  );
}

/** The order of the hits, as a select; `change` hears the new order. */
export function sortControl(current: Sort, change: (sort: Sort) => void): HTMLElement {
  const names: Record<Sort, string> = { relevance: t('search.sortRelevance'), newest: t('search.sortNewest'), oldest: t('search.sortOldest') };
  const select = h(
    'select',
    { id: 'sort', name: 'sort' },
    SORTS.map((s) => h('option', { value: s, selected: s === current }, names[s])),
  );
  select.addEventListener('change', () => change(select.value as Sort));
  return h('p', { class: 'sort-control' }, h('label', { for: 'sort' }, t('search.sortLabel')), ' ', select);
}

/** A facet's name: from the catalogues, or (a facet the registry gained before the catalogues) its parameter name. */
export function facetLegend(facet: Facet): string {
  const key = `facets.${facet}` as const;
  const text = t(key);
  return text === key ? facet : text;
}

/** One facet's values as checkboxes with their counts; `toggle` hears which box changed. */
export function facetGroup(group: FacetGroupModel, toggle: (facet: Facet, value: string, on: boolean) => void): HTMLElement {
  return h(
    'fieldset',
    { class: `facet facet-${group.facet}` },
    h('legend', {}, facetLegend(group.facet)),
    h(
      'ul',
      {},
      group.options.map((o) => {
        const box = h('input', { type: 'checkbox', id: o.id, checked: o.checked, 'data-facet': o.facet, 'data-value': o.value });
        box.addEventListener('change', () => toggle(o.facet, o.value, box.checked));
        // The interface language's label (document titles in English in the English interface), Chinese if it has none.
        const shown = pick(o.label) || o.label.zh;
        const text = h('span', { lang: shown === o.label.zh ? 'zh-CN' : 'en' }, shown);
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

/** What the results column hears: page links and the lines about the query. */
export interface ResultsLinks extends PageLinks {
  notices: NoticeLinks;
}
/** "Follow this search": the feed's address, for a feed reader (type given so browsers offer to subscribe). */
const followLink = (feed: string): HTMLElement =>
  h('p', { class: 'follow' }, h('a', { href: feed, type: 'application/atom+xml', class: 'follow-link' }, t('search.follow')));

/** The results column: help, or the count, what a cited clause resolved to, the reading of the query, the hits and their pages. */
export function results(model: ResultsModel, links: ResultsLinks, located: LocatedModel | null = null): (Child | Child[])[] {
  if (model.kind === 'intro') return [intro()];
  const heading = h('h2', { id: 'results-heading', class: 'results-heading', tabindex: '-1' }, t('search.results', { count: model.total }));
  const lines = model.notices.map((n) => noticeLine(n, links.notices));
  if (model.kind === 'empty') {
    const known = model.absentTerms.length > 0;
    return [
      heading,
      located && locatedNotice(located),
      lines,
      // Following a search with no match yet is how a reader hears of the first document on it.
      links.feed && followLink(links.feed),
      h(
        'div',
        { class: 'empty' },
        h('p', { class: 'empty-title' }, t('search.noResultsTitle')),
        h('p', {}, known ? t('search.noResultsKnown') : t('search.noResultsText')),
        h('p', {}, t('search.examplesTitle')),
        exampleList(),
      ),
    ];
  }
  heading.append(' ', h('span', { class: 'range' }, t('search.range', { from: model.from, to: model.to })));
  return [
    heading,
    located && locatedNotice(located),
    lines,
    model.unofficial && translationNotice(),
    links.feed && followLink(links.feed),
    h(
      'ol',
      { class: 'hits', id: 'hits', start: model.from, tabindex: '-1', 'aria-labelledby': 'results-heading' },
      model.hits.map((hit, i) =>
        i === model.partialFrom
          ? h('li', { class: 'partial-start' }, h('p', { class: 'partial-note' }, t('search.partial')), hitCard(hit))
          : h('li', {}, hitCard(hit)),
      ),
    ),
    pager(model.page, model.pages, links.href, links.go),
  ];
}
