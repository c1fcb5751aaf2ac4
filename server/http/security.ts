// Security middleware: headers, CORS, per-IP rate limits (general and admin), OPTIONS, admin token, JSON body limit.
import { createHash, timingSafeEqual } from 'node:crypto';
import cors from 'cors';
import express, { type RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import helmet from 'helmet';
import type { AppConfig } from '../config.ts';
import { HTTP_LIMITS } from '../../shared/limits.ts';
import { ApiError } from './errors.ts';

const ADMIN_PATH = '/api/admin/';

function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      // Explicit list rather than helmet's defaults: the web page is same-origin static files with no inline
      // code, and the server speaks plain HTTP, so upgrade-insecure-requests would break non-localhost use.
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    // Same policy as frame-ancestors 'none' for browsers that only know the older header (helmet's default, SAMEORIGIN, contradicted it).
    xFrameOptions: { action: 'deny' },
  });
}

function rateLimiter(perMinute: number, skip: (req: express.Request) => boolean = () => false): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    skip,
    // The 429 goes through errorHandler() so it is localized and in the API error shape.
    handler: (_req, _res, next) => next(ApiError.rateLimited()),
  });
}

/**
 * OPTIONS that CORS did not answer (CORS off, or not a preflight): 204 with the methods the path takes, instead
 * of Express's text/plain "GET,HEAD".
 */
function answerOptions(): RequestHandler {
  return (req, res, next) => {
    if (req.method !== 'OPTIONS') {
      next();
      return;
    }
    res.set('Allow', req.path.startsWith(ADMIN_PATH) ? 'POST, DELETE, OPTIONS' : 'GET, HEAD, OPTIONS');
    res.status(204).end();
  };
}

/**
 * The security stack, in order: helmet, CORS (only when CORS_ORIGINS is set), rate limit (unless 0; admin routes
 * have their own, see adminGuard), OPTIONS. Mount it before the routes and finish with errorHandler(). Request
 * bodies are parsed only by the routes that take one, after their checks.
 */
export function securityMiddleware(config: Pick<AppConfig, 'corsOrigins' | 'rateLimitPerMinute'>): RequestHandler[] {
  const stack: RequestHandler[] = [securityHeaders()];
  if (config.corsOrigins.length > 0) {
    const origin = config.corsOrigins.includes('*') ? '*' : config.corsOrigins;
    stack.push(cors({ origin, methods: ['GET', 'HEAD', 'POST'], maxAge: 600 }));
  }
  if (config.rateLimitPerMinute > 0) stack.push(rateLimiter(config.rateLimitPerMinute, (req) => req.path.startsWith(ADMIN_PATH)));
  stack.push(answerOptions());
  return stack;
}

/**
 * In front of an admin route, in order: a per-IP limit of its own (counted before the token is checked, so guessing
 * is slow, and independent of search traffic; off while the route is), requireAdmin (404 without ADMIN_TOKEN, 401
 * without the token), then the JSON body (16 kb): nothing of an unauthenticated request is parsed.
 */
export function adminGuard(config: Pick<AppConfig, 'adminToken'>): RequestHandler[] {
  return [rateLimiter(HTTP_LIMITS.adminRequestsPerMinute, () => config.adminToken === undefined), requireAdmin(config), jsonBody()];
}

/** The JSON body parser (16 kb), for the routes that take a body, mounted after their own checks. */
export function jsonBody(): RequestHandler {
  return express.json({ limit: HTTP_LIMITS.jsonBody });
}

// Hashing both sides first gives equal-length buffers, so the comparison leaks neither content nor length.
const digest = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest();

function tokenMatches(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

/**
 * Guards admin routes with `Authorization: Bearer <ADMIN_TOKEN>`: missing or wrong token → 401 unauthorized.
 * Without ADMIN_TOKEN the admin routes do not exist: 404 not_found, so their presence is not advertised.
 */
export function requireAdmin(config: Pick<AppConfig, 'adminToken'>): RequestHandler {
  const expected = config.adminToken;
  return (req, res, next) => {
    if (expected === undefined) {
      next(ApiError.notFound('route'));
      return;
    }
    const match = /^Bearer[ ]+(\S+)\s*$/i.exec(req.get('authorization') ?? '');
    const given = match?.[1];
    if (given !== undefined && tokenMatches(given, expected)) {
      next();
      return;
    }
    res.set('WWW-Authenticate', given === undefined ? 'Bearer realm="admin"' : 'Bearer realm="admin", error="invalid_token"');
    next(ApiError.unauthorized());
  };
}
