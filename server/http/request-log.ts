// One structured log line per request: method, path (+ query with secrets masked), status, latency, request id.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import { pinoHttp } from 'pino-http';
import { LOG_LIMITS } from '../../shared/limits.ts';
import type { Logger } from '../../shared/logger.ts';

const REQUEST_ID_HEADER = 'X-Request-Id';
// A client-supplied id is reused (to correlate with a proxy's logs) only if it is short and tame.
const SAFE_REQUEST_ID = /^[\w.-]{1,128}$/;
const SECRET_PARAM = /key|token|secret|passw|auth|signature|session|credential/i;
const MASK = '[redacted]';

/** The URL as logged: query parameters whose names look secret (api_key, token, ...) have their values masked. */
export function loggableUrl(url: string): string {
  const start = url.indexOf('?');
  if (start < 0) return url;
  const pairs = url
    .slice(start + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const rawName = eq < 0 ? pair : pair.slice(0, eq);
      let name = rawName;
      try {
        name = decodeURIComponent(rawName.replaceAll('+', ' '));
      } catch {
        // Undecodable names are checked as they are.
      }
      return SECRET_PARAM.test(name) ? `${rawName}=${MASK}` : pair;
    });
  return `${url.slice(0, start)}?${pairs.join('&')}`;
}

/** `text` cut to `max` characters, saying how much was left out. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}…[+${text.length - max}]`;
}

/** The URL of a log line: secrets masked, then cut to LOG_LIMITS.urlChars (URLs reach 16 KB). */
export function logUrl(url: string): string {
  return truncate(loggableUrl(url), LOG_LIMITS.urlChars);
}

/** The path alone, for the message: the query is in `req.url` already, and once is enough. */
function logPath(url: string): string {
  const end = url.indexOf('?');
  return truncate(end < 0 ? url : url.slice(0, end), 200);
}

function requestId(req: IncomingMessage, res: ServerResponse): string {
  const incoming = req.headers['x-request-id'];
  const id = typeof incoming === 'string' && SAFE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
  res.setHeader(REQUEST_ID_HEADER, id);
  return id;
}

function pathOf(req: IncomingMessage & { originalUrl?: string }): string {
  return logPath(req.originalUrl ?? req.url ?? '');
}

/**
 * pino-http middleware: 5xx log at error, 4xx at warn, others at info; sets `req.log` and X-Request-Id. One line per
 * request, bounded: the URL appears once (`req.url`, cut), the message holds the path only.
 */
export function requestLogger(logger: Logger): RequestHandler {
  return pinoHttp({
    logger,
    genReqId: requestId,
    customAttributeKeys: { responseTime: 'latencyMs' },
    customLogLevel: (_req, res, err) => {
      // A client that went away before its answer is not a server error (its engine work was cancelled).
      if (!err && !res.writableEnded) return 'info';
      if (err || res.statusCode >= 500) return 'error';
      return res.statusCode >= 400 ? 'warn' : 'info';
    },
    customSuccessMessage: (req, res) => `${req.method} ${pathOf(req)} ${res.writableEnded ? res.statusCode : 'aborted by the client'}`,
    customErrorMessage: (req, res) => `${req.method} ${pathOf(req)} ${res.statusCode}`,
    // Only what is needed to follow a request: no headers (Authorization, cookies) and no raw query.
    serializers: {
      req: (req: { id: unknown; method: string; url: string; remoteAddress?: string }) => ({
        id: req.id,
        method: req.method,
        url: logUrl(req.url),
        remoteAddress: req.remoteAddress,
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  });
}
