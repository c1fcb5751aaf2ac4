// The API's single error shape, `{ "error": { "code", "message" } }`, and the HTTP status of every code.
import { z } from 'zod';
import { component } from './registry.ts';

export const ERROR_STATUS = {
  invalid_parameter: 400,
  invalid_json: 400,
  bad_request: 400,
  unauthorized: 401,
  not_found: 404,
  request_timeout: 408,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  invalid_document: 422,
  rate_limited: 429,
  headers_too_large: 431,
  internal_error: 500,
  engine_unavailable: 503,
  index_not_ready: 503,
  overloaded: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;
export const ERROR_CODES = Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]];

const codeList = ERROR_CODES.map((c) => `- \`${c}\` (${ERROR_STATUS[c]})`).join('\n');

export const ErrorBody = component(
  'Error',
  z.object({ error: z.object({ code: z.enum(ERROR_CODES), message: z.string().meta({ description: 'Localized (see `locale`).' }) }) }),
  `Every error has this shape, with \`Cache-Control: no-store\`. \`message\` is localized (see \`locale\`); \`code\` is stable. Codes and their HTTP statuses:\n\n${codeList}\n\n` +
    'The public read-only API answers with `invalid_parameter`, `not_found`, `rate_limited`, `internal_error`, `engine_unavailable`, `index_not_ready` and `overloaded` (503 with `Retry-After`); `bad_request`, `request_timeout` and `headers_too_large` come from the HTTP parser, the other codes belong to request bodies and admin routes (`invalid_document`: an uploaded file with no usable text).',
);
export type ErrorBody = z.infer<typeof ErrorBody>;
