// Query and path parameters. A query string holds only strings (an array when a key repeats), so each parameter
// is a zod schema over that raw value that converts it (`"10"` → 10) or fails with a reason the server turns into a
// localized 400 invalid_parameter. What each parameter accepts is also recorded as JSON Schema (`paramDocs`), from
// which the OpenAPI document's parameters and the MCP tools' input schemas are generated.
import { z } from 'zod';

export const DEFAULT_MAX_LENGTH = 200;
export const DEFAULT_MAX_VALUES = 20;
/** Accepted by every operation: it only picks the language of error messages. */
export const ALWAYS_ALLOWED: ReadonlySet<string> = new Set(['locale']);

/** Why a parameter was rejected (each has a message under errors.param in the server's catalogs). */
export type ParamFailureReason = 'required' | 'repeated' | 'invalid' | 'too_long' | 'too_short' | 'too_many' | 'not_integer' | 'out_of_range' | 'not_one_of';

/** What a failed parameter puts in its zod issue's `params`: the server maps it to ApiError.badParam. */
export interface ParamIssue {
  param: string;
  reason: ParamFailureReason;
  values: Readonly<Record<string, string | number>>;
}

/** JSON Schema of one parameter as the client sends it (integers as integers, repeated keys as arrays). */
export interface ParamDoc {
  schema: Record<string, unknown>;
  /** Given by repeating the key (`?k=a&k=b`). */
  multi: boolean;
  description?: string;
}

export const paramDocs = z.registry<ParamDoc>();

class ParamFailure {
  constructor(
    readonly reason: ParamFailureReason,
    readonly params: Readonly<Record<string, string | number>> = {},
  ) {}
}

// Characters as users count them: an astral CJK character is one, not two UTF-16 units.
const charCount = (s: string): number => [...s].length;

/** A schema for one parameter; an absent parameter is `required` unless wrapped in .optional()/.default(). */
function field<T>(name: string, doc: ParamDoc, convert: (value: unknown) => T | ParamFailure) {
  const schema = z.unknown().transform((value, ctx): T => {
    const out = value === undefined ? new ParamFailure('required') : convert(value);
    if (out instanceof ParamFailure) {
      const params: ParamIssue = { param: name, reason: out.reason, values: out.params };
      ctx.addIssue({ code: 'custom', message: out.reason, params });
      return z.NEVER;
    }
    return out;
  });
  return schema.register(paramDocs, doc);
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
  description?: string;
}

/** One string value; repeated → `repeated`. */
export function scalar(name: string, opts: ScalarOptions = {}) {
  const { maxLength = DEFAULT_MAX_LENGTH, minLength = 0, description } = opts;
  const schema = { type: 'string', maxLength, ...(minLength > 0 ? { minLength } : {}) };
  return field(name, { schema, multi: false, description }, (value) => stringValue(value, maxLength, minLength));
}

export interface MultiOptions {
  /** Per value, in characters; default DEFAULT_MAX_LENGTH. */
  maxLength?: number;
  /** Default DEFAULT_MAX_VALUES. */
  maxValues?: number;
  /** Documented only: the values a filter knows are checked against the index, not here. */
  items?: Record<string, unknown>;
  description?: string;
}

/** One or more values (`?k=a&k=b`) as string[]. */
export function multi(name: string, opts: MultiOptions = {}) {
  const { maxLength = DEFAULT_MAX_LENGTH, maxValues = DEFAULT_MAX_VALUES, description } = opts;
  const schema = { type: 'array', maxItems: maxValues, items: opts.items ?? { type: 'string', maxLength } };
  return field(name, { schema, multi: true, description }, (value): string[] | ParamFailure => {
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
export function int(name: string, range: { min: number; max: number; description?: string }) {
  const { min, max, description } = range;
  return field(name, { schema: { type: 'integer', minimum: min, maximum: max }, multi: false, description }, (value): number | ParamFailure => {
    if (Array.isArray(value)) return new ParamFailure('repeated');
    if (typeof value !== 'string' || !/^[+-]?\d+$/.test(value)) return new ParamFailure('not_integer');
    const n = Number(value);
    return n >= min && n <= max ? n : new ParamFailure('out_of_range', { min, max });
  });
}

/** One of a fixed set of strings (case-sensitive). */
export function oneOf<const V extends readonly [string, ...string[]]>(name: string, allowed: V, opts: { description?: string } = {}) {
  return field(name, { schema: { type: 'string', enum: [...allowed] }, multi: false, description: opts.description }, (value): V[number] | ParamFailure => {
    if (Array.isArray(value)) return new ParamFailure('repeated');
    const hit = allowed.find((a) => a === value);
    return hit ?? new ParamFailure('not_one_of', { values: allowed.join(', ') });
  });
}

/** A path segment: Express has decoded it already, and whether it names anything is the operation's business. */
export function pathParam(description: string) {
  return z.string().meta({ description });
}

/** Operations that take no query parameters but `locale`. */
export const noQuery = z.strictObject({});
