// One bounded multipart/form-data upload (busboy): a single file part and a few short text fields. Oversized files,
// extra files and extra or long fields are refused in the API's error shape; nothing is written to disk.
import busboy from 'busboy';
import type { Request } from 'express';
import { IMPORT_LIMITS } from '../../shared/limits.ts';
import type { UploadInput } from '../operations/operation.ts';
import { ApiError } from './errors.ts';

const MAX_FIELDS = 4;
/** Multipart framing (boundaries, part headers) beside the file itself. */
const FRAMING_BYTES = 64 * 1024;
const tooLarge = () => new ApiError('payload_too_large', 'errors.document.too_large', { max: Math.round(IMPORT_LIMITS.fileBytes / (1024 * 1024)) });

export function readUpload(req: Request, fileField = 'file'): Promise<UploadInput> {
  if (!req.is('multipart/form-data')) return Promise.reject(new ApiError('unsupported_media_type', 'errors.document.not_multipart'));
  // A declared length over the limit is refused before a byte of the body is read.
  const declared = Number(req.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > IMPORT_LIMITS.fileBytes + FRAMING_BYTES) return Promise.reject(tooLarge());
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        limits: { files: 1, fields: MAX_FIELDS, parts: MAX_FIELDS + 1, fileSize: IMPORT_LIMITS.fileBytes, fieldSize: IMPORT_LIMITS.fieldBytes },
      });
    } catch {
      reject(new ApiError('bad_request', 'errors.document.missing_file'));
      return;
    }
    const fields: Record<string, string> = {};
    let file: Buffer | undefined;
    let failure: ApiError | undefined;
    const fail = (error: ApiError) => {
      failure ??= error;
    };
    parser.on('file', (name, stream) => {
      if (name !== fileField) {
        fail(new ApiError('bad_request', 'errors.document.bad_field'));
        stream.resume();
        return;
      }
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('limit', () => fail(tooLarge()));
      stream.on('end', () => {
        file = Buffer.concat(chunks);
      });
    });
    parser.on('field', (name, value, info) => {
      if (info.valueTruncated || name in fields) fail(new ApiError('bad_request', 'errors.document.bad_field'));
      fields[name] = value;
    });
    for (const event of ['filesLimit', 'fieldsLimit', 'partsLimit'] as const)
      parser.on(event, () => fail(new ApiError('bad_request', 'errors.document.bad_field')));
    parser.on('error', () => reject(failure ?? new ApiError('bad_request', 'errors.document.missing_file')));
    parser.on('close', () => {
      if (failure) reject(failure);
      else if (file === undefined) reject(new ApiError('bad_request', 'errors.document.missing_file'));
      else resolve({ file, fields });
    });
    req.pipe(parser);
  });
}
