// GET /api/glossary/export: the glossary, whole or filtered, as JSON, CSV or TBX-Basic.
import { z } from 'zod';
import { TRANSLATOR_LIMITS } from '../limits.ts';
import { CATEGORIES } from '../types.ts';
import { Category, count } from './common.ts';
import { oneOf, scalar } from './params.ts';
import { component } from './registry.ts';

const d = (description: string) => ({ description });

export const EXPORT_FORMATS = ['json', 'csv', 'tbx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const ExportedEntry = component(
  'ExportedEntry',
  z.object({
    id: z.string(),
    zh: z.string(),
    en: z.string(),
    variants: z.object({ zh: z.array(z.string()), en: z.array(z.string()) }),
    pinyin: z.string().meta(d('With tone marks.')),
    category: Category,
    note: z.string().nullable(),
    source: z.string().nullable(),
  }),
);
export type ExportedEntry = z.infer<typeof ExportedEntry>;

export const GlossaryExport = component(
  'GlossaryExport',
  z.object({
    total: count(),
    filter: z.object({ q: z.string().nullable(), category: Category.nullable() }),
    entries: z.array(ExportedEntry).meta(d('By category, then pinyin; with `q`, in order of relevance.')),
  }),
  'The `json` form of the export; `csv` has one row an entry (variants joined with " | "), `tbx` is TBX-Basic (ISO 30042, DCA style).',
);
export type GlossaryExport = z.infer<typeof GlossaryExport>;

export const glossaryExportQuery = z.object({
  format: oneOf('format', EXPORT_FORMATS, { description: '`json`, `csv` (UTF-8 with a header row) or `tbx` (TBX-Basic XML), sent as a download.' }).default(
    'json',
  ),
  q: scalar('q', {
    maxLength: TRANSLATOR_LIMITS.exportQueryChars,
    description: 'Only entries this lookup finds (as `GET /api/glossary?q=`, at most 100).',
  }).optional(),
  category: oneOf('category', CATEGORIES, { description: 'Only entries of this category.' }).optional(),
});
export type GlossaryExportQuery = z.infer<typeof glossaryExportQuery>;
