// Why a file cannot become a document. The code is stable (the HTTP upload maps it to an i18n message); the
// English message is for the command line.
export const IMPORT_REJECTIONS = [
  'unknown_type',
  'encrypted_pdf',
  'image_only_pdf',
  'empty_text',
  'unreadable',
  'duplicate_id',
  'invalid_id',
  'too_large',
] as const;
export type ImportRejection = (typeof IMPORT_REJECTIONS)[number];

export class ImportError extends Error {
  override readonly name = 'ImportError';
  constructor(
    readonly code: ImportRejection,
    message: string,
  ) {
    super(message);
  }
}
