// POST /api/admin/reindex: rebuild the index from the corpus.
import { z } from 'zod';
import { Bilingual, count, Level, Status } from './common.ts';
import { component } from './registry.ts';

export const ReindexBody = component(
  'ReindexRequest',
  z.strictObject({ force: z.boolean().optional().meta({ description: 'Rebuild even when nothing changed (default false).' }) }),
);
export type ReindexBody = z.infer<typeof ReindexBody>;
/** What a 400 says the body should have been. */
export const REINDEX_BODY_EXPECTED = '{ "force": boolean } (optional)';

export const ReindexResponse = component(
  'ReindexResponse',
  z.object({
    status: z
      .enum(['indexed', 'unchanged', 'dry-run'])
      .meta({ description: '`unchanged` when the corpus, glossary and settings match the live index and `force` was not set.' }),
    documents: count(),
    clauses: count(),
    seconds: z.number().min(0),
  }),
);
export type ReindexResponse = z.infer<typeof ReindexResponse>;

// POST /api/admin/documents (multipart/form-data) and DELETE /api/admin/documents/{id}: documents in and out.
const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)
  .max(100);

/** The form fields of an upload besides its file. */
export const AddDocumentFields = z.strictObject({
  // The slug's form is checked by the import (400 with its own message), the field's size here.
  id: z
    .string()
    .max(200)
    .optional()
    .meta({ description: 'Document id, a lowercase slug: a-z, 0-9 and -, at most 100 characters (default: region, year and a hash of the text).' }),
});
export type AddDocumentFields = z.infer<typeof AddDocumentFields>;

export const AddDocumentRequest = component(
  'AddDocumentRequest',
  AddDocumentFields.extend({
    file: z.string().meta({
      format: 'binary',
      description: 'The document: .docx, .pdf (with a text layer), .html or plain text (UTF-8, GB18030/GBK, UTF-16), recognised by its content, not its name.',
    }),
  }),
  'A multipart/form-data upload: one `file` part, and optionally an `id` field.',
);

export const AddDocumentResponse = component(
  'AddDocumentResponse',
  z.object({
    id: slug,
    format: z.enum(['docx', 'pdf', 'html', 'text']),
    clauses: count(),
    meta: z.object({
      title: Bilingual,
      docNumber: z.string().nullable(),
      date: z.string().nullable(),
      region: Bilingual,
      level: Level,
      status: Status,
    }),
    inferred: z.array(z.string()).meta({ description: 'The metadata fields guessed from the text, to be reviewed in the document’s meta.yaml.' }),
    index: ReindexResponse,
  }),
);
export type AddDocumentResponse = z.infer<typeof AddDocumentResponse>;

export const DeleteDocumentResponse = component('DeleteDocumentResponse', z.object({ id: slug, index: ReindexResponse }));
export type DeleteDocumentResponse = z.infer<typeof DeleteDocumentResponse>;
