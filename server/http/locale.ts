// Chooses the response language: ?locale=, then ?lang= (only en|zh; `auto` says nothing about the reader),
// then Accept-Language, then English.
import type { Request, RequestHandler, Response } from 'express';
import { DEFAULT_LOCALE, LOCALES, isLocale, type Locale } from '../i18n/index.ts';

declare global {
  namespace Express {
    interface Locals {
      /** Set by localeMiddleware(); read it through localeOf(). */
      locale?: Locale;
    }
  }
}

/** 'zh', 'zh-CN', 'zh-Hans', 'ZH_tw' → 'zh'; 'en-GB' → 'en'; anything else → undefined. */
export function localeFromTag(tag: unknown): Locale | undefined {
  if (typeof tag !== 'string') return undefined;
  const primary = tag.trim().toLowerCase().split(/[-_]/)[0];
  return isLocale(primary) ? primary : undefined;
}

/** The locale a request asks for. Bad or repeated locale parameters are ignored rather than rejected. */
export function resolveLocale(req: Request): Locale {
  const query = req.query as Record<string, unknown>;
  const explicit = localeFromTag(query.locale) ?? localeFromTag(query.lang);
  if (explicit) return explicit;
  const accepted = req.acceptsLanguages(...LOCALES);
  return localeFromTag(accepted) ?? DEFAULT_LOCALE;
}

/** The request's locale, resolving it on the spot if localeMiddleware() has not run (e.g. early errors). */
export function localeOf(req: Request, res: Response): Locale {
  return res.locals.locale ?? resolveLocale(req);
}

export function localeMiddleware(): RequestHandler {
  return (req, res, next) => {
    res.locals.locale = resolveLocale(req);
    // Responses vary by these request headers, so caches must key on them.
    res.vary('Accept-Language');
    next();
  };
}
