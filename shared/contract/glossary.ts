// GET /api/glossary and /api/glossary/{id}: the bilingual glossary and an entry's concordance.
import { z } from 'zod';
import { CATEGORIES } from '../types.ts';
import { Bilingual, Category, count, pathSegments } from './common.ts';
import { int, noQuery, oneOf, pathParam, scalar } from './params.ts';
import { component } from './registry.ts';

const d = (description: string) => ({ description });

export const GlossaryEntryView = component(
  'GlossaryEntryView',
  z.object({
    id: z.string(),
    zh: z.string(),
    en: z.string(),
    variants: z.object({ zh: z.array(z.string()), en: z.array(z.string()) }).meta(d('Other forms that mean the same.')),
    pinyin: z.string().meta(d('Tone-less, space-separated syllables of `zh`.')),
    pinyinTones: z.string().meta(d('The same with tone marks.')),
    category: Category,
    note: z.string().nullable(),
    source: z.string().nullable().meta(d('Where the English rendering comes from.')),
    occurrences: count().meta(d('Clauses in the index that contain the entry.')),
  }),
);
export type GlossaryEntryView = z.infer<typeof GlossaryEntryView>;

export const ConcordanceLineView = component(
  'ConcordanceLine',
  z.object({
    clauseId: z.string(),
    docId: z.string(),
    path: Bilingual,
    pathSegments: pathSegments(),
    left: z.string(),
    match: z.string().meta(d('The form found in the text.')),
    right: z.string(),
  }),
  'One occurrence of a glossary entry with up to 20 characters (UTF-16 code units) of context each side. Plain text, not escaped.',
);
export type ConcordanceLineView = z.infer<typeof ConcordanceLineView>;

export const DocumentTermCount = component(
  'DocumentTermCount',
  z.object({ docId: z.string(), title: Bilingual.nullable(), count: z.number().int().min(1).meta(d('Occurrences in this document.')) }),
);
export type DocumentTermCount = z.infer<typeof DocumentTermCount>;

export const GlossaryListResponse = component(
  'GlossaryListResponse',
  z.object({ total: count().meta(d('Entries matching `q` and `category`, before paging.')), entries: z.array(GlossaryEntryView) }),
);
export type GlossaryListResponse = z.infer<typeof GlossaryListResponse>;

export const GlossaryEntryResponse = component(
  'GlossaryEntryResponse',
  z.object({
    entry: GlossaryEntryView,
    concordance: z.array(ConcordanceLineView),
    perDocument: z.array(DocumentTermCount).meta(d('In order of first appearance in `concordance`.')),
    noteRefs: z
      .array(z.object({ id: z.string(), zh: z.string(), en: z.string() }))
      .meta(d('Other glossary entries whose ids the note or source names (as written there), for linking them.')),
  }),
);
export type GlossaryEntryResponse = z.infer<typeof GlossaryEntryResponse>;

export const GLOSSARY_DEFAULTS = { limit: 50, offset: 0 } as const;

export const glossaryListQuery = z.object({
  q: scalar('q', {
    maxLength: 100,
    description:
      'Look up entries by Chinese (preferred or variant forms), English (typo-tolerant, partial), pinyin or id; results in order of relevance, at most 100. Absent or blank: every entry, ordered by category, then pinyin. At most 100 characters.',
  }).optional(),
  category: oneOf('category', CATEGORIES, { description: 'Only entries of this category (one value; repeating it is rejected).' }).optional(),
  limit: int('limit', { min: 1, max: 500, description: 'Entries per page.' }).default(GLOSSARY_DEFAULTS.limit),
  offset: int('offset', { min: 0, max: 100_000, description: 'Entries to skip.' }).default(GLOSSARY_DEFAULTS.offset),
});
export type GlossaryListQuery = z.infer<typeof glossaryListQuery>;

export const glossaryEntryQuery = noQuery;
export const glossaryEntryPath = z.object({ id: pathParam('Glossary entry id (a lower-case slug).') });
