// Entry point: the page shell (header, navigation, language switch, live region) and the route → view map.
import { showCandidates } from './candidates-page.ts';
import { showCompare } from './compare-page.ts';
import { externalLink, h, replaceChildren, slot, slotted } from './dom.ts';
import { showEntry, showGlossary } from './glossary-page.ts';
import { STORAGE_KEY, detectLocale, initI18n, locale, onLocaleChange, setLocale, t, type Locale } from './i18n.ts';
import { showNotFound } from './not-found.ts';
import { revealHash, showDocument } from './reader.ts';
import type { Route } from './routes.ts';
import { pageLeft, refresh, rememberedScroll, startRouter, type ScrollMode } from './router.ts';
import { showSearch } from './search-page.ts';
import { urlLang } from './search-state.ts';
import { CEDICT_LICENSE_URL, cedictLink, type ViewContext } from './view.ts';

function storedLocale(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    // Storage can be disabled (privacy settings); the browser language then decides.
    return null;
  }
}

function rememberLocale(value: Locale): void {
  try {
    localStorage.setItem(STORAGE_KEY, value);
  } catch {
    // Not remembered, but the switch still applies to this page.
  }
}

const HTML_LANG: Record<Locale, string> = { en: 'en', zh: 'zh-CN' };

// A language named in the address (`?lang=zh`, as shared links carry it) wins over the stored choice and the browser's.
initI18n(
  urlLang(new URLSearchParams(location.search)) ?? detectLocale(storedLocale(), navigator.languages.length > 0 ? navigator.languages : [navigator.language]),
);

// Chrome elements persist across renders so focus (e.g. on the language button) survives a language switch.
const brandName = h('span', { class: 'brand-name' });
const tagline = h('span', { class: 'tagline' });
const navLinks = { search: h('a', { href: '/' }), glossary: h('a', { href: '/glossary' }) };
const nav = h('nav', { class: 'site-nav' }, h('ul', {}, h('li', {}, navLinks.search), h('li', {}, navLinks.glossary)));
const langButton = h('button', { type: 'button', id: 'lang-switch', class: 'button lang-switch' });
const skip = h('a', { class: 'skip-link', href: '#main' });
const main = h('main', { id: 'main', tabindex: '-1' });
const footer = h('footer', { class: 'site-footer' });
const toast = h('div', { id: 'toast', class: 'toast', role: 'status', 'aria-live': 'polite' });

skip.addEventListener('click', (e) => {
  e.preventDefault();
  main.focus();
});
langButton.addEventListener('click', () => void setLocale(locale() === 'en' ? 'zh' : 'en'));

function renderChrome(): void {
  document.documentElement.lang = HTML_LANG[locale()];
  brandName.textContent = t('app.name');
  tagline.textContent = t('app.tagline');
  navLinks.search.textContent = t('nav.search');
  navLinks.glossary.textContent = t('nav.glossary');
  nav.setAttribute('aria-label', t('nav.label'));
  // The button names the other language in that language, and is marked up in it.
  langButton.textContent = t('lang.switch');
  langButton.lang = locale() === 'en' ? 'zh-CN' : 'en';
  langButton.setAttribute('aria-label', t('lang.switchLabel'));
  skip.textContent = t('app.skip');
  replaceChildren(
    footer,
    h('p', {}, t('app.footer')),
    // CC BY-SA asks for the credit and the licence wherever the dictionary's glosses are used.
    h(
      'p',
      { class: 'credit' },
      slotted(t('app.cedict', { source: slot(0), license: slot(1) }), cedictLink(), externalLink(CEDICT_LICENSE_URL, 'CC BY-SA 4.0')),
    ),
  );
}

function markCurrentNav(route: Route): void {
  const section = route.name === 'glossary' || route.name === 'entry' || route.name === 'candidates' ? 'glossary' : route.name === 'search' ? 'search' : null;
  for (const [name, link] of Object.entries(navLinks)) {
    if (name === section) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
}

function show(route: Route, ctx: ViewContext): Promise<void> {
  switch (route.name) {
    case 'search':
      return showSearch(ctx);
    case 'document':
      return showDocument(ctx, route.id);
    case 'glossary':
      return showGlossary(ctx);
    case 'entry':
      return showEntry(ctx, route.id);
    case 'candidates':
      return showCandidates(ctx);
    case 'compare':
      return showCompare(ctx);
    case 'notFound':
      showNotFound(ctx, { kind: 'page' });
      return Promise.resolve();
  }
}

/** The first link in the page to `page` (path and query, any #fragment). */
function linkTo(page: string | null): HTMLAnchorElement | null {
  if (!page) return null;
  for (const a of main.querySelectorAll<HTMLAnchorElement>('a[href]')) {
    const url = new URL(a.href);
    if (url.origin === location.origin && url.pathname + url.search === page) return a;
  }
  return null;
}

let current: AbortController | null = null;
let firstRender = true;

async function render(route: Route, scroll: ScrollMode): Promise<void> {
  current?.abort();
  const controller = new AbortController();
  current = controller;
  markCurrentNav(route);
  const initial = firstRender;
  firstRender = false;
  const keepY = window.scrollY;
  if (scroll === 'navigate' && !location.hash) window.scrollTo(0, 0);
  await show(route, { main, signal: controller.signal });
  if (controller.signal.aborted) return;
  if (scroll === 'keep') {
    revealHash({ quiet: true });
    window.scrollTo(0, keepY);
  } else if (scroll === 'restore') {
    // Back where the page was left (the list of results and the reader's place in them), keyboard focus on the
    // link to the page just left (the result that was opened).
    revealHash({ quiet: true });
    window.scrollTo(0, rememberedScroll());
    linkTo(pageLeft())?.focus({ preventScroll: true });
  } else if (!revealHash() && !initial) {
    // After an in-page navigation, start screen readers and keyboard users at the new content.
    const heading = main.querySelector<HTMLElement>('h1[tabindex]');
    (heading ?? main).focus({ preventScroll: true });
  }
}

document.body.replaceChildren(
  skip,
  h('header', { class: 'site-header' }, h('div', { class: 'header-inner' }, h('a', { href: '/', class: 'brand' }, brandName, tagline), nav, langButton)),
  main,
  footer,
  toast,
);
renderChrome();

onLocaleChange((next) => {
  rememberLocale(next);
  // An address naming the old language would reopen in it: it names the new one.
  const params = new URLSearchParams(location.search);
  if (params.has('lang')) {
    params.set('lang', next);
    history.replaceState(history.state, '', `${location.pathname}?${params}${location.hash}`);
  }
  renderChrome();
  refresh();
});
window.addEventListener('hashchange', () => revealHash());
startRouter((route, scroll) => void render(route, scroll));
