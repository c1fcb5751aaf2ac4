// GET /api/glossary/{id}/concordance and /api/concordance: every occurrence of a term as a Chinese–English sentence pair.
import { z } from 'zod';
import { TRANSLATOR_LIMITS } from '../limits.ts';
import { Bilingual, count, MatchRange, pathSegments } from './common.ts';
import { int, multi, oneOf, pathParam, scalar } from './params.ts';
import { component } from './registry.ts';

const d = (description: string) => ({ description });

export const ALIGNMENT_STATUSES = ['aligned', 'uncertain', 'unaligned'] as const;
export const ALIGNMENT_REASONS = ['no_translation', 'no_counterpart', 'length_mismatch'] as const;
export const CONCORDANCE_SORTS = ['document', 'left', 'right'] as const;
export const CONCORDANCE_FORMATS = ['json', 'csv'] as const;

const MarkedText = z.object({
  text: z.string().meta(d('Plain text, not escaped.')),
  ranges: z.array(MatchRange).meta(d('Runs of `text` that are the term (Chinese) or its rendering (English).')),
});

export const ConcordancePairView = component(
  'ConcordancePair',
  z.object({
    clauseId: z.string(),
    docId: z.string(),
    docTitle: Bilingual.nullable(),
    region: Bilingual.nullable(),
    path: Bilingual,
    pathSegments: pathSegments(),
    zh: MarkedText.meta(d('The Chinese sentence holding the occurrence, the term marked.')),
    en: MarkedText.nullable().meta(
      d('The English sentence(s) aligned with it in the clause translation, the rendering marked; null when there is none (see `alignment`).'),
    ),
    rendering: z.string().nullable().meta(d('Which of `renderings` the English uses; null: another wording, or no English.')),
    alignment: z.object({
      status: z.enum(ALIGNMENT_STATUSES).meta(d('`uncertain`: paired, but the lengths disagree much; `unaligned`: no English sentence.')),
      reason: z
        .enum(ALIGNMENT_REASONS)
        .nullable()
        .meta(d('Why not `aligned`: the clause has no translation, the sentence has no counterpart, or the lengths disagree.')),
    }),
    left: z.string().meta(d('The sentence before the occurrence (at most 20 characters): the key of `sort=left`.')),
    right: z.string().meta(d('The sentence after it (at most 20 characters): the key of `sort=right`.')),
  }),
  'One occurrence as a sentence pair. English is ours (unofficial) unless the document carries an official translation.',
);
export type ConcordancePairView = z.infer<typeof ConcordancePairView>;

export const RenderingCountView = component(
  'RenderingCount',
  z.object({
    rendering: z.string().nullable().meta(d('An English form of the term; null: occurrences with none of them (other wording, or no English).')),
    preferred: z.boolean().meta(d("The entry's preferred rendering.")),
    count: count(),
  }),
);

export const ConcordanceResponse = component(
  'ConcordanceResponse',
  z.object({
    query: z.object({
      entryId: z.string().nullable().meta(d('The glossary entry searched, when the query is (or names) one.')),
      text: z.string().meta(d('What was searched: the entry’s Chinese, or `q`.')),
      lang: z.enum(['zh', 'en']),
    }),
    renderings: z
      .array(RenderingCountView)
      .meta(d('Occurrences per rendering, preferred first, then variants, then other/unmarked; over all pairs, before paging.')),
    total: count().meta(d('Pairs found (after `doc` and `region`), before paging.')),
    truncated: z
      .boolean()
      .meta(d(`More clauses carry the term than one request reads (${TRANSLATOR_LIMITS.concordanceClauses}); narrow by document or region.`)),
    unaligned: count().meta(d('Pairs whose alignment is not `aligned`.')),
    pairs: z.array(ConcordancePairView),
  }),
);
export type ConcordanceResponse = z.infer<typeof ConcordanceResponse>;

const commonQuery = {
  sort: oneOf('sort', CONCORDANCE_SORTS, { description: '`document` (newest documents first, then clause order), `left` or `right` context.' }).default(
    'document',
  ),
  doc: multi('doc', { maxValues: 20, description: 'Only these documents (ids).' }).optional(),
  region: multi('region', { maxValues: 20, description: 'Only documents of these regions (Chinese or English name, as for search).' }).optional(),
  limit: int('limit', { min: 1, max: TRANSLATOR_LIMITS.concordancePage, description: 'Pairs per page.' }).default(100),
  offset: int('offset', { min: 0, max: TRANSLATOR_LIMITS.concordanceClauses * 4, description: 'Pairs to skip.' }).default(0),
};

export const entryConcordanceQuery = z.object({
  ...commonQuery,
  format: oneOf('format', CONCORDANCE_FORMATS, { description: '`csv`: every pair (not paged) as a CSV download.' }).default('json'),
});
export type EntryConcordanceQuery = z.infer<typeof entryConcordanceQuery>;
export const entryConcordancePath = z.object({ id: pathParam('Glossary entry id.') });

export const concordanceQuery = z.object({
  q: scalar('q', {
    minLength: 1,
    maxLength: TRANSLATOR_LIMITS.concordanceQueryChars,
    description:
      'A Chinese or English string. A glossary term (Chinese form, or English rendering) stands for its entry; anything else is found literally (English: by word, case and plural aside).',
  }),
  ...commonQuery,
});
export type ConcordanceQuery = z.infer<typeof concordanceQuery>;
