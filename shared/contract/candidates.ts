// GET /api/glossary/candidates: frequent corpus terms the glossary lacks, domain terms first (translator/candidates.ts).
import { z } from 'zod';
import { TRANSLATOR_LIMITS } from '../limits.ts';
import { Bilingual, count } from './common.ts';
import { int, oneOf } from './params.ts';
import { component } from './registry.ts';

const d = (description: string) => ({ description });

export const CANDIDATE_FORMATS = ['json', 'csv'] as const;

export const CandidateTermView = component(
  'CandidateTerm',
  z.object({
    term: z.string(),
    score: z.number().meta(d('Summed per-document TF-IDF, a quarter of it when CC-CEDICT knows the word (general language).')),
    frequency: count(),
    documentCount: count(),
    documents: z.array(z.string()).meta(d('Ids of the documents it occurs in.')),
    examples: z
      .array(z.object({ docId: z.string(), clauseId: z.string(), path: Bilingual, left: z.string(), match: z.string(), right: z.string() }))
      .meta(d('One or two occurrences in context (KWIC), from different documents where possible.')),
    english: z.array(z.string()).meta(d("CC-CEDICT's English, a suggestion only (unofficial); empty when the dictionary lacks the word.")),
  }),
);
export type CandidateTermView = z.infer<typeof CandidateTermView>;

export const CandidatesResponse = component(
  'CandidatesResponse',
  z.object({
    total: count(),
    offset: count(),
    truncated: z.boolean().meta(d('The corpus had more clauses than the list is computed from.')),
    candidates: z.array(CandidateTermView),
  }),
);
export type CandidatesResponse = z.infer<typeof CandidatesResponse>;

export const candidatesQuery = z.object({
  format: oneOf('format', CANDIDATE_FORMATS, { description: '`json`, or `csv` (every candidate, sent as a download).' }).default('json'),
  limit: int('limit', { min: 1, max: TRANSLATOR_LIMITS.candidatePage, description: 'Candidates per page.' }).default(50),
  offset: int('offset', { min: 0, max: TRANSLATOR_LIMITS.candidates, description: 'Candidates to skip.' }).default(0),
});
