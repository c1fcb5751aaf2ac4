// Server-side message catalogues (en, zh). Initialised synchronously from inline resources so that
// `t` is usable at import time, with no file I/O or async start-up in request paths.
import i18next from 'i18next';
import en from './locales/en.json' with { type: 'json' };
import zh from './locales/zh.json' with { type: 'json' };

export type Locale = 'en' | 'zh';
export const LOCALES: readonly Locale[] = ['en', 'zh'];
export const DEFAULT_LOCALE: Locale = 'en';

export type Catalog = typeof en;

// The Chinese catalogue must have the English shape; a missing key is a compile error here.
const zhCatalog: Catalog = zh;

export const CATALOGS: Readonly<Record<Locale, Catalog>> = { en, zh: zhCatalog };

type Leaves<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Leaves<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

/** Every dotted key of the catalogues, e.g. `errors.param.too_long`. */
export type MessageKey = Leaves<Catalog>;
export type MessageParams = Readonly<Record<string, string | number>>;

const i18n = i18next.createInstance();
void i18n.init({
  resources: { en: { translation: en }, zh: { translation: zhCatalog } },
  lng: DEFAULT_LOCALE,
  fallbackLng: DEFAULT_LOCALE,
  supportedLngs: [...LOCALES],
  initAsync: false,
  // Messages go into JSON bodies, not HTML: escaping would corrupt quotes and ampersands.
  interpolation: { escapeValue: false },
});

export function isLocale(value: unknown): value is Locale {
  return value === 'en' || value === 'zh';
}

/** The localized message for `key`; `params` fill `{{name}}` placeholders. */
export function t(locale: Locale, key: MessageKey, params: MessageParams = {}): string {
  // `replace` keeps caller values apart from i18next's own options (lng, ns, count, ...).
  return i18n.t(key, { lng: locale, replace: params });
}
