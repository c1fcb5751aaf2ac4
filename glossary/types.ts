// Data shapes of the glossary. The YAML files in glossary/data/ are validated against `GlossaryFileEntry`.
import { z } from 'zod';
import { CATEGORIES } from '../shared/types.ts';
import type { Category } from '../shared/types.ts';

export { CATEGORIES };
export type { Category };

const nonEmpty = z.string().trim().min(1);

/** One concept as written in glossary/data/*.yaml (pinyin is generated, never typed). */
export const GlossaryFileEntry = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'id must be a lowercase slug'),
    zh: nonEmpty,
    en: nonEmpty,
    variants: z
      .object({
        zh: z.array(nonEmpty).default([]),
        en: z.array(nonEmpty).default([]),
      })
      .strict()
      .default({ zh: [], en: [] }),
    category: z.enum(CATEGORIES),
    note: nonEmpty.optional(),
    source: nonEmpty.optional(),
  })
  .strict();
export type GlossaryFileEntry = z.infer<typeof GlossaryFileEntry>;

export interface GlossaryEntry extends GlossaryFileEntry {
  /** Tone-less, space-separated syllables of `zh`, generated with pinyin-pro (e.g. `fu mian qing dan`). */
  pinyin: string;
  /** Same with tone marks, for display (e.g. `fù miàn qīng dān`). */
  pinyinTones: string;
  /** File the entry was read from, relative to the project root. */
  file: string;
  line: number;
}

export interface Glossary {
  entries: GlossaryEntry[];
  byId: Map<string, GlossaryEntry>;
}

/** A glossary term found in a clause: `start`/`end` are UTF-16 offsets into `Clause.text`. */
export interface TermMatch {
  entryId: string;
  /** The Chinese form that matched (preferred or a variant). */
  form: string;
  start: number;
  end: number;
}
