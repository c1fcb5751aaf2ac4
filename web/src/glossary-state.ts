// The glossary list's state and its URL form (pure): /glossary?q=国民待遇&category=market-access&page=2
import type { Category } from '../../shared/types.ts';
import { CATEGORY_LABELS } from '../../shared/labels.ts';

// Taken from the labels rather than glossary/types.ts, whose zod schemas would land in the browser bundle.
export const CATEGORY_SLUGS = Object.keys(CATEGORY_LABELS) as Category[];

export const GLOSSARY_PAGE_SIZE = 50;

export interface GlossaryState {
  q: string;
  category: Category | '';
  page: number;
}

export function parseGlossaryState(params: URLSearchParams): GlossaryState {
  const category = params.get('category') ?? '';
  const page = Number.parseInt(params.get('page') ?? '', 10);
  return {
    q: (params.get('q') ?? '').trim(),
    category: (CATEGORY_SLUGS as readonly string[]).includes(category) ? (category as Category) : '',
    page: Number.isFinite(page) && page > 1 ? page : 1,
  };
}

export function glossaryUrl(state: GlossaryState): string {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  if (state.category) params.set('category', state.category);
  if (state.page > 1) params.set('page', String(state.page));
  const query = params.toString();
  return query ? `/glossary?${query}` : '/glossary';
}

export function glossaryApiParams(state: GlossaryState, pageSize = GLOSSARY_PAGE_SIZE): URLSearchParams {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  if (state.category) params.set('category', state.category);
  params.set('limit', String(pageSize));
  params.set('offset', String((state.page - 1) * pageSize));
  return params;
}

export type ExportFormat = 'tbx' | 'csv' | 'json';

/** The export of what the list shows: the whole glossary, or its current search and category. */
export function exportUrl(format: ExportFormat, state: Pick<GlossaryState, 'q' | 'category'> = { q: '', category: '' }): string {
  const params = new URLSearchParams({ format });
  if (state.q) params.set('q', state.q);
  if (state.category) params.set('category', state.category);
  return `/api/glossary/export?${params}`;
}

/** The text a term-pair copy button copies: `国民待遇 — national treatment`. */
export const termPairText = (e: { zh: string; en: string }): string => `${e.zh} — ${e.en}`;

/** A concordance line as copied: the Chinese sentence, then its English (when it has one). */
export const pairText = (p: { zh: { text: string }; en: { text: string } | null }): string => (p.en ? `${p.zh.text}\n${p.en.text}` : p.zh.text);

export const CONCORDANCE_SORTS = ['document', 'left', 'right'] as const;
export type ConcordanceSort = (typeof CONCORDANCE_SORTS)[number];
