// Data shapes of the corpus: documents, their metadata and their clauses.
// Every module that reads or writes these imports them from here.
import { z } from 'zod';
import { isCalendarDate } from './dates.ts';
import { periodEnd, periodStart } from './validity.ts';
import { Bilingual, CLAUSE_KINDS, LEVELS, PROVENANCES, STATUSES } from '../shared/types.ts';
import type { ClauseKind, ClausePath, Problem, Provenance } from '../shared/types.ts';

// Re-exported so corpus code keeps one import; the definitions live in the shared leaf.
export { Bilingual, CLAUSE_KINDS, LEVELS, PROVENANCES, STATUSES };
export type { ClauseKind, ClausePath, Level, Problem, Provenance, Status } from '../shared/types.ts';

/** The meta.yaml fields `corpus add` can infer, as `inferred:` lists them. */
export const INFERABLE_FIELDS = ['title.zh', 'title.en', 'issuer', 'region', 'level', 'date', 'docNumber', 'status'] as const;
export type InferableField = (typeof INFERABLE_FIELDS)[number];
const calendarDate = z
  .string()
  .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'date must be YYYY, YYYY-MM or YYYY-MM-DD')
  .refine(isCalendarDate, 'date must exist in the calendar (month 01-12, a day the month has)');

/** `meta.yaml` beside each document's source text. */
export const DocumentMeta = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'id must be a lowercase slug (a-z, 0-9, -)'),
    title: Bilingual,
    issuer: z.array(Bilingual).min(1),
    region: Bilingual,
    level: z.enum(LEVELS),
    // ISO 8601 at the precision the text establishes: 2023, 2023-06 or 2023-06-21.
    date: calendarDate.optional(),
    dateNote: z.string().optional(),
    docNumber: z.string().min(1).optional(),
    status: z.enum(STATUSES),
    // The period the text itself states it applies to (a 2022–2024 plan: validFrom 2022, validUntil 2024), at the
    // same precision as `date`, inclusive; explained in validityNote. The status of a day derives from them.
    validFrom: calendarDate.optional(),
    validUntil: calendarDate.optional(),
    validityNote: z.string().optional(),
    /** The document replacing this one: its id in this corpus, or its document number or title. */
    supersededBy: z.string().min(1).optional(),
    /** Documents this one replaces (ids, numbers or titles); informational, each should say `supersededBy`. */
    supersedes: z.array(z.string().min(1)).optional(),
    source: z.url().optional(),
    language: z.literal('zh'),
    /** File name of the source text inside the document folder. */
    sourceFile: z.string().default('source.txt'),
    /**
     * Fields `corpus add` guessed from the text (`title.zh`, `title.en`, `issuer`, `date`, …): `corpus check` warns
     * until a reviewer has checked each and removed it from the list.
     */
    inferred: z.array(z.enum(INFERABLE_FIELDS)).optional(),
  })
  .strict()
  .refine((m) => !m.validFrom || !m.validUntil || periodStart(m.validFrom) <= periodEnd(m.validUntil), {
    message: 'validFrom must not be after validUntil',
    path: ['validUntil'],
  });
export type DocumentMeta = z.infer<typeof DocumentMeta>;

export interface Clause {
  /** Stable across runs and machines: derived from docId and path only, never from text or time. */
  id: string;
  docId: string;
  /** 0-based position in the document. */
  ordinal: number;
  kind: ClauseKind;
  /** Depth in the clause tree, 0 for top-level clauses. */
  depth: number;
  parentId: string | null;
  path: ClausePath;
  /** The clause's lead heading (e.g. `深入实施外资准入负面清单`) when it starts with one. */
  heading?: string;
  /** Full clause text, repaired (PDF line breaks joined) but otherwise as in the source. */
  text: string;
  /** True when the clause's number is missing in the source and was inferred from its neighbours. */
  inferred?: boolean;
  /** 1-based line in the source file where the clause starts. */
  line: number;
}

const text = z.string().trim().min(1);

/** One clause of `translation.en.yaml`, keyed there by the clause id's stable key (`p2-i10`). */
export const TranslatedClauseFile = z
  .object({
    heading: text.optional(),
    text,
    /** Glossary entry id → why this clause deliberately does not use the entry's preferred rendering. */
    termNotes: z.record(z.string(), text).optional(),
    /** Overrides the file's provenance for this clause (e.g. a curated fill in an official translation). */
    provenance: z.enum(PROVENANCES).optional(),
  })
  .strict();

/** `translation.en.yaml` beside a document's source: an English version aligned to the clause tree. */
export const TranslationFile = z
  .object({
    docId: z.string().min(1),
    provenance: z.enum(PROVENANCES),
    /** Where an official translation was published. */
    source: z.url().optional(),
    title: text,
    summary: text,
    clauses: z.record(z.string(), TranslatedClauseFile),
  })
  .strict()
  .refine((t) => t.provenance !== 'official' || t.source !== undefined, { message: 'an official translation needs its source URL', path: ['source'] });
export type TranslationFile = z.infer<typeof TranslationFile>;

export interface ClauseTranslation {
  heading: string | null;
  text: string;
  provenance: Exclude<Provenance, 'dictionary'>;
  termNotes: Record<string, string>;
  /** 1-based line of the clause's key in the translation file. */
  line: number;
}

export interface DocumentTranslation {
  file: string;
  provenance: Exclude<Provenance, 'dictionary'>;
  source: string | null;
  title: string;
  summary: string;
  /** By clause id. */
  clauses: Map<string, ClauseTranslation>;
}

export interface CorpusDocument {
  meta: DocumentMeta;
  /** English version aligned to the clauses, when the document has one. */
  translation?: DocumentTranslation;
  /** Path of the source text, relative to the corpus root. */
  sourcePath: string;
  /** Header lines turned into metadata (`标题：`, `链接：`). */
  header: Record<string, string>;
  clauses: Clause[];
}

export interface LoadedCorpus {
  documents: CorpusDocument[];
  problems: Problem[];
  /** Document folders left out (unreadable, invalid, or with error-level problems); their problems say why. */
  skipped: string[];
}
