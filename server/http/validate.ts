// Query-string validation: zod schemas built from the contract's parameter helpers (shared/contract/params.ts),
// failures turned into a localized 400 invalid_parameter that names the parameter and the reason.
//
// Policy: parameters a schema does not declare are rejected (400, the message lists the allowed ones),
// except `locale`, which every route accepts because it only picks the response language.
import { z } from 'zod';
import { ALWAYS_ALLOWED, type ParamFailureReason, type ParamIssue } from '../../shared/contract/params.ts';
import type { MessageParams } from '../i18n/index.ts';
import { ApiError, type ParamReason } from './errors.ts';

// Every reason a contract parameter fails with has a message in the catalogs (a type error otherwise).
type HasMessage<R extends ParamReason> = R;
export type ContractParamReason = HasMessage<ParamFailureReason>;

// The parameter helpers are part of the contract (shared/contract/params.ts); re-exported for the server's users.
export { DEFAULT_MAX_LENGTH, DEFAULT_MAX_VALUES, int, multi, oneOf, scalar, type MultiOptions, type ScalarOptions } from '../../shared/contract/params.ts';

/**
 * node:querystring (Express 5's "simple" parser) silently decodes bad percent-encoding
 * (`%ZZ` stays literal, `%C3%28` becomes U+FFFD), so the raw query is checked strictly here.
 */
export function assertWellFormedQuery(url: string): void {
  const start = url.indexOf('?');
  if (start < 0) return;
  for (const pair of url.slice(start + 1).split('&')) {
    const eq = pair.indexOf('=');
    const rawName = eq < 0 ? pair : pair.slice(0, eq);
    try {
      decodeURIComponent(pair.replaceAll('+', ' '));
    } catch {
      throw ApiError.badParam(lenientDecode(rawName), 'bad_encoding');
    }
  }
}

function lenientDecode(s: string): string {
  try {
    return decodeURIComponent(s.replaceAll('+', ' '));
  } catch {
    return s;
  }
}

// Keys a query schema declares, or undefined when it accepts arbitrary keys (not an object, or catchall).
function declaredKeys(schema: z.ZodType): ReadonlySet<string> | undefined {
  if (schema instanceof z.ZodPipe) return declaredKeys(schema.in as z.ZodType);
  if (!(schema instanceof z.ZodObject)) return undefined;
  const catchall = schema.def.catchall;
  if (catchall !== undefined && !(catchall instanceof z.ZodNever)) return undefined;
  return new Set(Object.keys(schema.shape));
}

function issueToError(issue: z.core.$ZodIssue, input: Record<string, unknown>): ApiError {
  const first = issue.path[0];
  const param = typeof first === 'string' ? first : 'query';
  const fail = (reason: ParamReason, params: MessageParams = {}) => ApiError.badParam(param, reason, params);
  switch (issue.code) {
    case 'custom': {
      const p = issue.params as Partial<ParamIssue> | undefined;
      return p?.reason ? ApiError.badParam(p.param ?? param, p.reason, p.values) : fail('invalid');
    }
    case 'invalid_type': {
      const raw = input[param];
      return fail(raw === undefined ? 'required' : Array.isArray(raw) ? 'repeated' : 'invalid');
    }
    case 'too_big':
      if (issue.origin === 'string') return fail('too_long', { max: Number(issue.maximum) });
      if (issue.origin === 'array') return fail('too_many', { max: Number(issue.maximum) });
      return fail('invalid');
    case 'too_small':
      return issue.origin === 'string' ? fail('too_short', { min: Number(issue.minimum) }) : fail('invalid');
    case 'invalid_value':
      return fail('not_one_of', { values: issue.values.map(String).join(', ') });
    default:
      return fail('invalid');
  }
}

/**
 * Validates `req.query` against `schema` (normally a z.object of the contract's parameter helpers) or throws an
 * ApiError 400 invalid_parameter for the first problem found.
 */
export function parseQuery<T>(schema: z.ZodType<T>, req: { query: unknown; originalUrl: string }): T {
  assertWellFormedQuery(req.originalUrl);
  return parseParams(schema, req.query as Record<string, unknown>);
}

/**
 * Validates parameters given as a query string holds them (strings, arrays for repeated keys), from wherever they
 * came (HTTP, an MCP tool call): undeclared keys but `locale` are rejected, as are values the schema refuses.
 */
export function parseParams<T>(schema: z.ZodType<T>, params: Readonly<Record<string, unknown>>): T {
  const input: Record<string, unknown> = { ...params };
  const known = declaredKeys(schema);
  if (known) {
    const stray = Object.keys(input).find((k) => !known.has(k) && !ALWAYS_ALLOWED.has(k));
    if (stray !== undefined) {
      const allowed = [...known, ...ALWAYS_ALLOWED].join(', ');
      throw ApiError.badParam(stray, 'unknown', { allowed });
    }
    for (const k of ALWAYS_ALLOWED) if (!known.has(k)) delete input[k];
  }
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const [issue] = result.error.issues;
  throw issue ? issueToError(issue, input) : ApiError.badParam('query', 'invalid');
}
