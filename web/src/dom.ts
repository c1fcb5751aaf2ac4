// Small DOM builders. Text always goes in as text nodes; no HTML strings are ever parsed.
import { t } from './i18n.ts';
import { RequestError } from './api.ts';
import type { Run } from './segments.ts';

export type Child = Node | string | number | null | undefined | false;
type Attrs = Record<string, string | number | boolean | null | undefined | EventListener>;

/** h('a', { href: '/x', class: 'link', onclick: fn }, 'text', child) */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: (Child | Child[])[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (typeof value === 'function') el.addEventListener(name.replace(/^on/, ''), value);
    else if (value === true) el.setAttribute(name, '');
    else if (value !== false && value !== null && value !== undefined) el.setAttribute(name, String(value));
  }
  append(el, children);
  return el;
}

export function append(parent: Node, children: (Child | Child[])[]): void {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function replaceChildren(parent: Element, ...children: (Child | Child[])[]): void {
  parent.replaceChildren();
  append(parent, children);
}

/** Chinese text in a span marked lang="zh" (correct glyphs and screen-reader voice). */
export const zh = (text: string, cls?: string): HTMLSpanElement => h('span', { lang: 'zh-CN', class: cls }, text);
export const en = (text: string, cls?: string): HTMLSpanElement => h('span', { lang: 'en', class: cls }, text);

/** Highlight runs as text with <mark> elements. */
export function markedText(runs: readonly Run[]): Child[] {
  return runs.map((r) => (r.mark ? h('mark', {}, r.text) : r.text));
}

// Links inside a translated sentence: the message is rendered with slot(0), slot(1)… as its variables, and
// `slotted` puts the elements where the slots landed. Word order differs between the languages, so the
// elements go wherever each catalogue placed its variable. Private-use characters never occur in messages.
const SLOT_BASE = 0xe000;
export const slot = (index: number): string => String.fromCharCode(SLOT_BASE + index);

/** t('app.cedict', { source: slot(0), license: slot(1) }) with the slots replaced by `nodes`. */
export function slotted(message: string, ...nodes: Node[]): Child[] {
  return message.split(/([\ue000-\ue0ff])/).map((part, i) => (i % 2 === 1 ? (nodes[part.charCodeAt(0) - SLOT_BASE] ?? '') : part));
}

/** A link to another site, opened in a new tab. */
export function externalLink(href: string, text: string, cls?: string): HTMLAnchorElement {
  return h('a', { href, rel: 'noopener noreferrer external', target: '_blank', class: cls }, text);
}

export function loading(): HTMLElement {
  return h('p', { class: 'loading', role: 'status' }, t('common.loading'));
}

export function errorBox(error: unknown, retry?: () => void): HTMLElement {
  const message = error instanceof RequestError ? error.message : t('common.networkError');
  return h(
    'div',
    { class: 'error', role: 'alert' },
    h('p', { class: 'error-title' }, t('common.errorTitle')),
    h('p', {}, message),
    retry && h('button', { type: 'button', class: 'button', onclick: () => retry() }, t('common.retry')),
  );
}

export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

/** Sets document.title as "<page> · <site>". */
export function setTitle(page: string): void {
  document.title = page ? `${page} · ${t('app.name')}` : t('app.name');
}
