// Security middleware: headers, CORS, per-IP rate limit, JSON body limit, admin token.
import { createHash, timingSafeEqual } from 'node:crypto';
import cors from 'cors';
import express, { type RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import helmet from 'helmet';
import type { AppConfig } from '../config.ts';
import { ApiError } from './errors.ts';

export const JSON_BODY_LIMIT = '16kb';

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
  });
}

function rateLimiter(perMinute: number): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    // The 429 goes through errorHandler() so it is localized and in the API error shape.
    handler: (_req, _res, next) => next(ApiError.rateLimited()),
  });
}

/**
 * The security stack, in order: helmet, CORS (only when CORS_ORIGINS is set), rate limit (unless 0),
 * JSON body parser limited to 16 kb. Mount it before the routes and finish with errorHandler().
 */
export function securityMiddleware(
  config: Pick<AppConfig, 'corsOrigins' | 'rateLimitPerMinute'>,
): RequestHandler[] {
  const stack: RequestHandler[] = [securityHeaders()];
  if (config.corsOrigins.length > 0) {
    const origin = config.corsOrigins.includes('*') ? '*' : config.corsOrigins;
    stack.push(cors({ origin, methods: ['GET', 'HEAD', 'POST'], maxAge: 600 }));
  }
  if (config.rateLimitPerMinute > 0) stack.push(rateLimiter(config.rateLimitPerMinute));
  stack.push(express.json({ limit: JSON_BODY_LIMIT }));
  return stack;
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
