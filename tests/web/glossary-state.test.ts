import { describe, expect, it } from 'vitest';
import { CATEGORIES } from '../../glossary/types.ts';
import { CATEGORY_SLUGS, glossaryApiParams, glossaryUrl, parseGlossaryState } from '../../web/src/glossary-state.ts';

describe('glossary list state', () => {
  it('offers exactly the glossary categories', () => {
    expect([...CATEGORY_SLUGS].sort()).toEqual([...CATEGORIES].sort());
  });

  it('round-trips through the URL', () => {
    const s = { q: '国民待遇', category: 'market-access' as const, page: 2 };
    const url = new URL(glossaryUrl(s), 'http://x');
    expect(url.pathname).toBe('/glossary');
    expect(parseGlossaryState(url.searchParams)).toEqual(s);
    expect(glossaryUrl({ q: '', category: '', page: 1 })).toBe('/glossary');
  });

  it('ignores unknown categories and bad pages', () => {
    expect(parseGlossaryState(new URLSearchParams('category=nope&page=x'))).toEqual({ q: '', category: '', page: 1 });
  });

  it('asks the API for the page', () => {
    const p = glossaryApiParams({ q: 'tax', category: 'tax', page: 3 }, 50);
    expect(Object.fromEntries(p)).toEqual({ q: 'tax', category: 'tax', limit: '50', offset: '100' });
  });
});
