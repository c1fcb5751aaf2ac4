// Query-string validation: zod schemas built from the helpers below, failures turned into a localized
// 400 invalid_parameter that names the parameter and the reason.
//
// Policy: parameters a schema does not declare are rejected (400, the message lists the allowed ones),
// except `locale`, which every route accepts because it only picks the response language.
import { z } from 'zod';
import type { MessageParams } from '../i18n/index.ts';
import { ApiError, type ParamReason } from './errors.ts';

export const DEFAULT_MAX_LENGTH = 200;
export const DEFAULT_MAX_VALUES = 20;
const ALWAYS_ALLOWED: ReadonlySet<string> = new Set(['locale']);

class ParamFailure {
  constructor(
    readonly reason: ParamReason,
    readonly params: MessageParams = {},
  ) {}
}

// Characters as users count them: an astral CJK character is one, not two UTF-16 units.
const charCount = (s: string): number => [...s].length;

/** A schema for one query parameter; an absent parameter is `required` unless wrapped in .optional()/.default(). */
function field<T>(name: string, convert: (value: unknown) => T | ParamFailure) {
  return z.unknown().transform((value, ctx): T => {
    const out = value === undefined ? new ParamFailure('required') : convert(value);
    if (out instanceof ParamFailure) {
      ctx.addIssue({ code: 'custom', message: out.reason, params: { param: name, reason: out.reason, values: out.params } });
      return z.NEVER;
    }
    return out;
  });
}

function stringValue(value: unknown, maxLength: number, minLength: number): string | ParamFailure {
  // node:querystring turns a repeated key into an array.
  if (Array.isArray(value)) return new ParamFailure('repeated');
  if (typeof value !== 'string') return new ParamFailure('invalid');
  const length = charCount(value);
  if (length > maxLength) return new ParamFailure('too_long', { max: maxLength });
  if (length < minLength) return new ParamFailure('too_short', { min: minLength });
  return value;
}

export interface ScalarOptions {
  /** In characters (code points); default DEFAULT_MAX_LENGTH. */
  maxLength?: number;
  minLength?: number;
}

/** One string value; repeated → `repeated`. */
export function scalar(name: string, opts: ScalarOptions = {}) {
  const { maxLength = DEFAULT_MAX_LENGTH, minLength = 0 } = opts;
  return field(name, (value) => stringValue(value, maxLength, minLength));
}

export interface MultiOptions {
  /** Per value, in characters; default DEFAULT_MAX_LENGTH. */
  maxLength?: number;
  /** Default DEFAULT_MAX_VALUES. */
  maxValues?: number;
}

/** One or more values (`?k=a&k=b`) as string[]. */
export function multi(name: string, opts: MultiOptions = {}) {
  const { maxLength = DEFAULT_MAX_LENGTH, maxValues = DEFAULT_MAX_VALUES } = opts;
  return field(name, (value): string[] | ParamFailure => {
    const values: unknown[] = Array.isArray(value) ? value : [value];
    if (values.length > maxValues) return new ParamFailure('too_many', { max: maxValues });
    const out: string[] = [];
    for (const v of values) {
      const s = stringValue(v, maxLength, 0);
      if (s instanceof ParamFailure) return s;
      out.push(s);
    }
    return out;
  });
}

/** A decimal integer within [min, max]; '1.5', '1e3', ' 1' are not integers. */
export function int(name: string, range: { min: number; max: number }) {
  const { min, max } = range;
  return field(name, (value): number | ParamFailure => {
    if (Array.isArray(value)) return new ParamFailure('repeated');
    if (typeof value !== 'string' || !/^[+-]?\d+$/.test(value)) return new ParamFailure('not_integer');
    const n = Number(value);
    return n >= min && n <= max ? n : new ParamFailure('out_of_range', { min, max });
  });
}

/** One of a fixed set of strings (case-sensitive). */
export function oneOf<const V extends readonly [string, ...string[]]>(name: string, allowed: V) {
  return field(name, (value): V[number] | ParamFailure => {
    if (Array.isArray(value)) return new ParamFailure('repeated');
    const hit = allowed.find((a) => a === value);
    return hit ?? new ParamFailure('not_one_of', { values: allowed.join(', ') });
  });
}

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
      const p = issue.params as { param?: string; reason?: ParamReason; values?: MessageParams } | undefined;
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
 * Validates `req.query` against `schema` (normally a z.object of the helpers above) or throws an
 * ApiError 400 invalid_parameter for the first problem found.
 */
export function parseQuery<T>(schema: z.ZodType<T>, req: { query: unknown; originalUrl: string }): T {
  assertWellFormedQuery(req.originalUrl);
  const input: Record<string, unknown> = { ...(req.query as Record<string, unknown>) };
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
