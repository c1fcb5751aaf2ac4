// Choices of the bilingual display (pure: no DOM): which language a search hit leads with, whether an
// English text is ours, which way a term's tip opens.
import type { ClauseTranslationView, QueryLang } from '../../shared/contract/index.ts';

export type TextLang = 'zh' | 'en';

/** What the API says about where an English text comes from (clause and document translations alike). */
export interface Provenanced {
  provenance: 'curated' | 'official';
}

/**
 * English queries read the English first, when the clause has one: that is the text their words matched.
 * Chinese queries, and clauses without English, lead with the original.
 */
export function versionOrder(queryLang: QueryLang, translation: ClauseTranslationView | null): [TextLang, TextLang] {
  return queryLang === 'en' && translation !== null ? ['en', 'zh'] : ['zh', 'en'];
}

/** Curated English is our own, unofficial rendering: the page and citations must say the Chinese prevails. */
export function isUnofficial(translation: Provenanced | null | undefined): boolean {
  return translation?.provenance === 'curated';
}

/** Whether any of these carries our own English (the notice is then shown once for the page). */
export function anyUnofficial(items: readonly { translation: Provenanced | null }[]): boolean {
  return items.some((item) => isUnofficial(item.translation));
}

/**
 * A term's tip hangs from its left edge, unless the term sits in the right half of the screen: then from
 * its right edge, so that the tip (at most half the screen wide) never runs off a phone's screen.
 */
export function tipOpensLeftward(term: { left: number; right: number }, viewportWidth: number): boolean {
  return (term.left + term.right) / 2 > viewportWidth / 2;
}
