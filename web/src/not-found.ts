// The not-found page: an address that names no page, no document or no clause. It says so in both languages (a
// shared link may reach someone reading the other one), the interface's first, and offers a way on: the search
// page, and for a missing clause its document.
import type { Bilingual } from '../../shared/types.ts';
import { h, replaceChildren, setTitle } from './dom.ts';
import { LOCALES, locale, t, tIn, type Locale, type MessageKey } from './i18n.ts';
import { documentPath } from './routes.ts';
import type { ViewContext } from './view.ts';

export type Missing = { kind: 'page' } | { kind: 'document'; id: string } | { kind: 'clause'; id: string; docId: string; docTitle: Bilingual };

const HTML_LANG: Record<Locale, string> = { en: 'en', zh: 'zh-CN' };
// An id from an address is quoted shortened: it may be anything typed after the #.
const MAX_ID = 80;
const shorten = (id: string): string => ([...id].length > MAX_ID ? `${[...id].slice(0, MAX_ID).join('')}…` : id);

function messages(missing: Missing, lang: Locale): { title: MessageKey; text: MessageKey; params: Record<string, string> } {
  switch (missing.kind) {
    case 'page':
      return { title: 'common.notFoundTitle', text: 'common.notFoundText', params: {} };
    case 'document':
      return { title: 'notFound.documentTitle', text: 'notFound.documentText', params: { id: shorten(missing.id) } };
    case 'clause':
      return { title: 'notFound.clauseTitle', text: 'notFound.clauseText', params: { id: shorten(missing.id), doc: missing.docTitle[lang] } };
  }
}

export function showNotFound(ctx: ViewContext, missing: Missing): void {
  const first = locale();
  const other = LOCALES.find((l) => l !== first)!;
  const { title, text, params } = messages(missing, first);
  const there = messages(missing, other);
  setTitle(t(title));
  replaceChildren(
    ctx.main,
    h(
      'section',
      { class: 'not-found', 'aria-labelledby': 'not-found-title' },
      h('h1', { id: 'not-found-title', tabindex: '-1' }, t(title)),
      h('p', {}, t(text, params)),
      h(
        'div',
        { class: 'not-found-other', lang: HTML_LANG[other] },
        h('p', { class: 'not-found-other-title' }, tIn(other, there.title)),
        h('p', {}, tIn(other, there.text, there.params)),
      ),
      h(
        'ul',
        { class: 'not-found-links' },
        missing.kind === 'clause' && h('li', {}, h('a', { href: documentPath(missing.docId) }, t('notFound.openDocument'))),
        h('li', {}, h('a', { href: '/' }, t('common.backToSearch'))),
      ),
    ),
  );
}
