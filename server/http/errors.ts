// The API's single error shape: { "error": { "code", "message" } }, message localized per request.
import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';
import { t, type Catalog, type MessageKey, type MessageParams } from '../i18n/index.ts';
import { logger } from '../../shared/logger.ts';
import { localeOf } from './locale.ts';
import { ERROR_STATUS, type ErrorBody, type ErrorCode } from '../../shared/contract/errors.ts';

// The codes, their statuses and the body's shape are part of the contract.
export { ERROR_STATUS, type ErrorBody, type ErrorCode };

export type ParamReason = keyof Catalog['errors']['param'];
export type NotFoundSubject = keyof Catalog['errors']['not_found'];

// Parameter names and values come from the client; keep echoes short.
const MAX_ECHOED_NAME = 64;
const MAX_ECHOED_VALUE = 40;
// Markup, quotes and invisible characters (controls, bidi overrides, zero-width): never echoed as sent.
const UNSAFE_ECHO = /[<>&"'`\p{C}]/gu;

/**
 * Client text as it may appear in an error message: at most `max` characters, markup, quotes and invisible
 * characters replaced by U+FFFD, so a message is plain text wherever a client shows it (innerHTML included).
 */
export function echo(value: string, max: number): string {
  const chars = [...value];
  const shown = chars.slice(0, max).join('').replace(UNSAFE_ECHO, '\uFFFD');
  return chars.length > max ? `${shown}…` : shown;
}

export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number;
  /** Response headers that go with this error (Retry-After of a 503 overloaded). */
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    readonly code: ErrorCode,
    readonly key: MessageKey,
    readonly params: MessageParams = {},
    options?: { cause?: unknown; status?: number; headers?: Readonly<Record<string, string>> },
  ) {
    // The English text makes logs readable; clients get the localized message from `key`.
    super(t('en', key, params), options?.cause === undefined ? undefined : { cause: options.cause });
    this.status = options?.status ?? ERROR_STATUS[code];
    this.headers = options?.headers ?? {};
  }

  /** 400 invalid_parameter; the message names `param` and the reason. A `value` param is client input too. */
  static badParam(param: string, reason: ParamReason, params: MessageParams = {}): ApiError {
    const value: MessageParams = typeof params.value === 'string' ? { value: echo(params.value, MAX_ECHOED_VALUE) } : {};
    return new ApiError('invalid_parameter', `errors.param.${reason}`, { ...params, ...value, param: echo(param, MAX_ECHOED_NAME) });
  }

  static notFound(what: NotFoundSubject = 'resource'): ApiError {
    return new ApiError('not_found', `errors.not_found.${what}`);
  }

  static unavailable(code: 'engine_unavailable' | 'index_not_ready', cause?: unknown): ApiError {
    return new ApiError(code, `errors.${code}`, {}, { cause });
  }

  /** 503 overloaded: too many requests are waiting for the engine; `Retry-After` says when to try again. */
  static overloaded(retryAfterSeconds: number, cause?: unknown): ApiError {
    return new ApiError('overloaded', 'errors.overloaded', {}, { cause, headers: { 'Retry-After': String(retryAfterSeconds) } });
  }

  static unauthorized(): ApiError {
    return new ApiError('unauthorized', 'errors.unauthorized');
  }

  static rateLimited(): ApiError {
    return new ApiError('rate_limited', 'errors.rate_limited');
  }

  static internal(cause?: unknown): ApiError {
    return new ApiError('internal_error', 'errors.internal_error', {}, { cause });
  }
}

interface HttpErrorLike {
  status?: unknown;
  statusCode?: unknown;
  type?: unknown;
  expose?: unknown;
}

function httpStatusOf(err: HttpErrorLike): number | undefined {
  const status = err.status ?? err.statusCode;
  return typeof status === 'number' && Number.isInteger(status) ? status : undefined;
}

/** Maps anything thrown in a request to an ApiError; unknown failures become a generic 500. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  // Express's router throws URIError (status 400) when a path parameter is not valid percent-encoding.
  if (err instanceof URIError) return new ApiError('invalid_parameter', 'errors.bad_encoding');
  if (typeof err !== 'object' || err === null) return ApiError.internal(err);

  const httpErr = err as HttpErrorLike;
  // body-parser tags its errors with a `type`.
  switch (httpErr.type) {
    case 'entity.too.large':
    case 'parameters.too.many':
      return new ApiError('payload_too_large', 'errors.payload_too_large');
    case 'entity.parse.failed':
      return new ApiError('invalid_json', 'errors.invalid_json');
    case 'charset.unsupported':
    case 'encoding.unsupported':
      return new ApiError('unsupported_media_type', 'errors.unsupported_media_type');
  }
  const status = httpStatusOf(httpErr);
  // Other deliberate client errors (http-errors marks them `expose`) keep their status.
  if (status !== undefined && status >= 400 && status < 500 && httpErr.expose === true) {
    return new ApiError('bad_request', 'errors.bad_request', {}, { status, cause: err });
  }
  return ApiError.internal(err);
}

/** Writes `error` in the API shape, localized for this request. */
export function sendError(req: Request, res: Response, error: ApiError): void {
  const body: ErrorBody = { error: { code: error.code, message: t(localeOf(req, res), error.key, error.params) } };
  res.status(error.status);
  res.set(error.headers);
  res.set('Content-Type', 'application/json; charset=utf-8');
  res.set('Cache-Control', 'no-store');
  res.send(JSON.stringify(body));
}

/** Final Express error middleware: maps every error to the API shape and never leaks internals. */
export function errorHandler(): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    if (res.headersSent) {
      // Too late for an error body; Express's default handler aborts the connection.
      next(err);
      return;
    }
    const error = toApiError(err);
    // A 503 (engine down, index building) is logged by its request line alone; only our own failures carry a stack.
    if (error.code === 'internal_error') {
      // Internals go to the log only: requestLogger() reports res.err on the request's line; without it, log here.
      const cause = err instanceof Error ? err : new Error(String(err));
      if (req.log) res.err = cause;
      else logger.error({ err: cause, code: error.code }, 'request failed');
    }
    sendError(req, res, error);
  };
}

/** Mount after the API routes (e.g. `app.use('/api', notFoundHandler())`): unknown endpoints get a 404 in the API shape. */
export function notFoundHandler(): RequestHandler {
  return (req, res) => {
    sendError(req, res, ApiError.notFound('route'));
  };
}
