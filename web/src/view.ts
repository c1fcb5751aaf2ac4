// What every page view gets from the shell, and pieces several views share.
import { CATEGORY_LABELS, DOC_STATUS_LABELS, LEVEL_LABELS } from '../../shared/labels.ts';
import type { PathSegment } from '../../shared/structure.ts';
import type { Category } from '../../shared/types.ts';
import type { ClauseKind, DocStatus, Level } from '../../shared/types.ts';
import { enCitationPath, formatDate } from './cite.ts';
import { isUnofficial, type Provenanced } from './bilingual.ts';
import { externalLink, h, type Child } from './dom.ts';
import { locale, pick, t } from './i18n.ts';
import { pageWindow } from './pagination.ts';

export interface ViewContext {
  /** The <main> element the view renders into. */
  main: HTMLElement;
  /** Aborted when the user navigates elsewhere: stale answers must not render. */
  signal: AbortSignal;
}

export const levelLabel = (level: Level): string => pick(LEVEL_LABELS[level]);
export const statusLabel = (status: DocStatus): string => pick(DOC_STATUS_LABELS[status]);
/** Expired and superseded documents are shown muted: still searchable, visibly no longer current. */
export const isInactive = (status: DocStatus): boolean => status === 'expired' || status === 'superseded';
/** The status as a badge (`badge-status badge-expired`…); in force is the ordinary case and gets none on hits. */
export const statusBadge = (status: DocStatus): HTMLElement => h('span', { class: `badge badge-status badge-${status}` }, statusLabel(status));

export const categoryLabel = (category: Category): string => pick(CATEGORY_LABELS[category]);

/** A clause's path in the interface language, from the API's segments, as citations write it; unnumbered clauses are named by their kind (Preamble…). */
export function clauseLabel(clause: { kind: ClauseKind; pathSegments: readonly PathSegment[] }): string {
  return pathLabel(clause.pathSegments) || t(`kind.${clause.kind}`);
}

/** A clause path in the interface language, from its segments: `二、（十）` or `Part II, Item 10`; '' when it has none. */
export function pathLabel(segments: readonly PathSegment[]): string {
  return locale() === 'zh' ? segments.map((s) => s.zh).join('') : enCitationPath(segments);
}

export const dateLabel = (date: string | null): string => formatDate(date, locale());

export const CEDICT_URL = 'https://cc-cedict.org/';
export const CEDICT_LICENSE_URL = 'https://creativecommons.org/licenses/by-sa/4.0/';
export const cedictLink = (): HTMLAnchorElement => externalLink(CEDICT_URL, 'CC-CEDICT');

/** "Unofficial translation; the Chinese text prevails.": said once on every page that shows our English. */
export const translationNotice = (): HTMLElement => h('p', { class: 'translation-notice' }, t('translation.notice'));

const isWebAddress = (text: string): boolean => /^https?:\/\/\S+$/i.test(text);

/**
 * Where an English text comes from, in a few words: ours ("Unofficial translation"), or an official one
 * with where it was published, linked when that is an address.
 */
export function provenanceLabel(translation: Provenanced, source: string | null = null): HTMLElement {
  if (isUnofficial(translation)) return h('span', { class: 'provenance unofficial' }, t('translation.unofficial'));
  const where = source && (isWebAddress(source) ? externalLink(source, t('translation.source')) : source);
  return h('span', { class: 'provenance official' }, t('translation.official'), where && [' · ', where]);
}

/** Said where a clause has no English at all: nothing is made up in its place. */
export const noTranslation = (): HTMLElement => h('p', { class: 'no-translation' }, t('translation.none'));

/**
 * Previous / numbered / next page links. `href(page)` gives each link a real URL (shareable, opens in a new
 * tab); `go(page)` handles a plain click in the page.
 */
export function pager(current: number, count: number, href: (page: number) => string, go: (page: number) => void): HTMLElement | null {
  if (count <= 1) return null;
  const link = (page: number, label: Child, attrs: Record<string, string> = {}) =>
    h(
      'a',
      {
        href: href(page),
        class: 'pager-link',
        ...attrs,
        onclick: (e: Event) => {
          const m = e as MouseEvent;
          if (m.button !== 0 || m.metaKey || m.ctrlKey || m.shiftKey || m.altKey) return;
          e.preventDefault();
          go(page);
        },
      },
      label,
    );
  const disabled = (label: string) => h('span', { class: 'pager-link disabled', 'aria-disabled': 'true' }, label);
  const items: Child[] = [
    current > 1 ? link(current - 1, t('pager.prev'), { rel: 'prev' }) : disabled(t('pager.prev')),
    ...pageWindow(current, count).map((p) =>
      p === null
        ? h('span', { class: 'pager-gap', 'aria-hidden': 'true' }, '…')
        : p === current
          ? h('a', { href: href(p), class: 'pager-link current', 'aria-current': 'page', 'aria-label': t('pager.page', { page: p }) }, String(p))
          : link(p, String(p), { 'aria-label': t('pager.page', { page: p }) }),
    ),
    current < count ? link(current + 1, t('pager.next'), { rel: 'next' }) : disabled(t('pager.next')),
  ];
  return h(
    'nav',
    { class: 'pager', 'aria-label': t('pager.label') },
    h(
      'ul',
      {},
      items.map((i) => h('li', {}, i)),
    ),
  );
}
