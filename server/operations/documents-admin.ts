// POST /api/admin/documents and DELETE /api/admin/documents/{id}: an operator brings a document in (a .docx, PDF,
// HTML page or text file, read and inferred as `npm run corpus -- add` does) or takes one out; the index is rebuilt
// under the build lock in the same step. Every rejection happens before the corpus is touched, and a failed build
// undoes the edit: the live index never changes for a refused request.
import { z } from 'zod';
import { AddDocumentFields, AddDocumentRequest, AddDocumentResponse, DeleteDocumentResponse, type ReindexResponse } from '../../shared/contract/admin.ts';
import { addDocumentMeta, prepareDocument, stageRemoval, writeDocument } from '../../indexer/import/add.ts';
import { inferDeps } from '../../indexer/import/deps.ts';
import { ImportError, type ImportRejection } from '../../indexer/import/errors.ts';
import { IndexBuildError, type IndexSummary } from '../../indexer/pipeline.ts';
import { IMPORT_LIMITS } from '../../shared/limits.ts';
import { ApiError } from '../http/errors.ts';
import { ReindexBusyError, type Runtime } from '../runtime.ts';
import { engineCall } from './context.ts';
import { UNAVAILABLE } from './errors.ts';
import { defineOperation } from './operation.ts';

/** Each import rejection as an API error: its status, and the message key of the catalogues. */
const REJECTION: Record<ImportRejection, () => ApiError> = {
  unknown_type: () => new ApiError('unsupported_media_type', 'errors.document.unknown_type'),
  encrypted_pdf: () => new ApiError('invalid_document', 'errors.invalid_document.encrypted_pdf'),
  image_only_pdf: () => new ApiError('invalid_document', 'errors.invalid_document.image_only_pdf'),
  empty_text: () => new ApiError('invalid_document', 'errors.invalid_document.empty_text'),
  unreadable: () => new ApiError('invalid_document', 'errors.invalid_document.unreadable'),
  duplicate_id: () => new ApiError('conflict', 'errors.document.duplicate_id'),
  invalid_id: () => new ApiError('bad_request', 'errors.document.invalid_id'),
  too_large: () => new ApiError('payload_too_large', 'errors.document.too_large', { max: Math.round(IMPORT_LIMITS.fileBytes / (1024 * 1024)) }),
};

function indexView(summary: IndexSummary): ReindexResponse {
  return { status: summary.status, documents: summary.documents, clauses: summary.clauses, seconds: Number(summary.seconds.toFixed(2)) };
}

/** Runs a corpus change through the runtime: import rejections and a running build become their API errors. */
async function change<T>(runtime: Runtime, edit: Parameters<Runtime['changeCorpus']>[0]) {
  try {
    return (await engineCall(() => runtime.changeCorpus(edit))) as { result: T; summary: IndexSummary };
  } catch (error) {
    if (error instanceof ImportError) throw REJECTION[error.code]();
    if (error instanceof ReindexBusyError) throw new ApiError('conflict', 'errors.conflict.reindex_running');
    // The edit was undone (Runtime.changeCorpus); the live index is the one before it.
    if (error instanceof IndexBuildError) throw new ApiError('conflict', 'errors.conflict.build_failed', {}, { cause: error });
    throw error;
  }
}

const ADMIN_ERRORS = {
  unauthorized: 'Missing or wrong admin token.',
  not_found: 'Admin routes are disabled (no ADMIN_TOKEN).',
  ...UNAVAILABLE,
};

export const addDocument = defineOperation({
  id: 'addDocument',
  method: 'post',
  path: '/api/admin/documents',
  tag: 'admin',
  summary: 'Add a document to the corpus from a file',
  description:
    'Reads an uploaded .docx, PDF (with a text layer), HTML page or text file (UTF-8, GB18030/GBK, UTF-16), its type and encoding judged by its content; writes the original, the extracted text and the inferred metadata (listed under `inferred:` in its meta.yaml for review) into the corpus, and rebuilds the index. Answers once the new index is live.',
  upload: { fields: AddDocumentFields, schema: AddDocumentRequest },
  output: AddDocumentResponse,
  outputDescription: 'The document is in the corpus and the new index, with the metadata inferred for it.',
  errors: {
    bad_request: 'No `file` part, an unknown form field, or an `id` that is not a lowercase slug.',
    conflict: 'A document with this id exists already, a build is running, or the index could not be built with the document (the corpus is left as it was).',
    payload_too_large: `The file is over ${IMPORT_LIMITS.fileBytes / (1024 * 1024)} MB.`,
    unsupported_media_type: 'The body is not multipart/form-data, or the file is none of the formats read (judged by content).',
    invalid_document: 'An encrypted PDF, a PDF without text (a scan), a damaged file, or one without text that parses into clauses.',
    ...ADMIN_ERRORS,
  },
  noStore: true,
  admin: true,
  async run({ runtime }, { upload }) {
    const { file, fields } = upload!;
    const { id } = AddDocumentFields.parse(fields);
    const { result, summary } = await change<Awaited<ReturnType<typeof prepareDocument>>>(runtime, async () => {
      const prepared = await prepareDocument(file, { corpusDir: runtime.corpus, deps: inferDeps(runtime.enricher), ...(id ? { id } : {}) });
      const undo = await writeDocument(prepared, file, runtime.corpus);
      return { result: prepared, undo };
    });
    return {
      id: result.id,
      format: result.format,
      clauses: result.clauses.length,
      meta: addDocumentMeta(result.meta),
      inferred: result.meta.inferred ?? [],
      index: indexView(summary),
    };
  },
});

export const deleteDocument = defineOperation({
  id: 'deleteDocument',
  method: 'delete',
  path: '/api/admin/documents/{id}',
  tag: 'admin',
  summary: 'Remove a document from the corpus',
  description: 'Takes the document’s folder out of the corpus and rebuilds the index; the folder is put back if the build fails.',
  params: z.object({ id: z.string().meta({ description: 'Document id.' }) }),
  output: DeleteDocumentResponse,
  outputDescription: 'The document is gone from the corpus and from the live index.',
  errors: {
    conflict: 'A build is running, or the index could not be built without the document (the last one: the corpus is left as it was).',
    ...ADMIN_ERRORS,
    not_found: 'No document with this id in the corpus, or admin routes are disabled (no ADMIN_TOKEN).',
  },
  noStore: true,
  admin: true,
  async run({ runtime }, { params }) {
    const { summary } = await change<string>(runtime, async () => {
      const removal = await stageRemoval(runtime.corpus, params.id);
      if (!removal) throw ApiError.notFound('corpus_document');
      return { result: params.id, ...removal };
    });
    return { id: params.id, index: indexView(summary) };
  },
});
