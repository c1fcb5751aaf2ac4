// Interface language: i18next with the two bundled catalogues, chosen from localStorage, then the browser.
// Only the chrome is translated here; documents come with their own English from the API.
import i18next from 'i18next';
import en from '../locales/en.json' with { type: 'json' };
import zh from '../locales/zh.json' with { type: 'json' };

export type Locale = 'en' | 'zh';
export const LOCALES: readonly Locale[] = ['en', 'zh'];
export const STORAGE_KEY = 'policy-search.locale';

export type Catalog = typeof en;
// The Chinese catalogue must have the English shape; a missing key is a compile error here.
const zhCatalog: Catalog = zh;
export const CATALOGS: Readonly<Record<Locale, Catalog>> = { en, zh: zhCatalog };

// `results_one`/`results_other` are looked up as `results` with a count.
type Base<K extends string> = K extends `${infer B}_${'one' | 'other'}` ? B : K;
type Leaves<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${Base<K>}` : Leaves<T[K], `${Prefix}${K}.`>;
}[keyof T & string];
/** Every dotted key of the catalogues, plural suffixes folded: `search.results`, `nav.glossary`. */
export type MessageKey = Leaves<Catalog>;

export function isLocale(value: unknown): value is Locale {
  return value === 'en' || value === 'zh';
}

/** A stored choice wins; otherwise the first browser language decides (zh* → zh, anything else → en). */
export function detectLocale(stored: string | null, browserLanguages: readonly string[]): Locale {
  if (isLocale(stored)) return stored;
  const first = browserLanguages[0]?.toLowerCase() ?? '';
  return first.startsWith('zh') ? 'zh' : 'en';
}

const i18n = i18next.createInstance();
const listeners = new Set<(locale: Locale) => void>();

/** Synchronous: the catalogues are bundled, so `t` works right after this returns. */
export function initI18n(initial: Locale): void {
  void i18n.init({
    resources: { en: { translation: en }, zh: { translation: zhCatalog } },
    lng: initial,
    fallbackLng: 'en',
    supportedLngs: [...LOCALES],
    initAsync: false,
    // The DOM is built with textContent, never innerHTML, so i18next must not escape.
    interpolation: { escapeValue: false },
  });
}

export function locale(): Locale {
  return isLocale(i18n.language) ? i18n.language : 'en';
}

export function t(key: MessageKey, params?: Record<string, string | number>): string {
  return i18n.t(key, params);
}

/** A message in a given language, whatever the interface's (a page that says it in both). */
export function tIn(lang: Locale, key: MessageKey, params?: Record<string, string | number>): string {
  return i18n.getFixedT(lang)(key, params);
}

/** The half of a bilingual value that matches the interface language. */
export function pick(value: { zh: string; en: string }): string {
  return value[locale()];
}

export async function setLocale(next: Locale): Promise<void> {
  await i18n.changeLanguage(next);
  for (const fn of listeners) fn(next);
}

export function onLocaleChange(fn: (locale: Locale) => void): void {
  listeners.add(fn);
}
