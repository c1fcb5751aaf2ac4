// When the common error codes happen, for the operations' `errors`.
import type { ErrorCode } from '../../shared/contract/errors.ts';

type Notes = Partial<Record<ErrorCode, string>>;

export const INVALID_PARAMETER: Notes = {
  invalid_parameter: 'A parameter is unknown, repeated, malformed or out of range, or the query string is not valid percent-encoded UTF-8.',
};
export const UNAVAILABLE: Notes = {
  engine_unavailable: 'The search engine is down or failing.',
  index_not_ready: 'No index is served yet (the first build is running or failed).',
  overloaded: 'Too many requests are waiting for the engine; `Retry-After` says when to try again.',
};
export const NOT_READY: Notes = { index_not_ready: UNAVAILABLE.index_not_ready! };
