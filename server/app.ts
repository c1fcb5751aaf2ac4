// The Express application: security and logging middleware, the API under /api, the web page at /.
import compression from 'compression';
import express, { type Express } from 'express';
import type { AppConfig } from './config.ts';
import { ApiError, errorHandler, notFoundHandler, sendError } from './http/errors.ts';
import { localeMiddleware } from './http/locale.ts';
import { requestLogger } from './http/request-log.ts';
import { securityMiddleware } from './http/security.ts';
import type { Logger } from '../shared/logger.ts';
import { adminRouter } from './routes/admin.ts';
import { documentsRouter } from './routes/documents.ts';
import { glossaryRouter } from './routes/glossary.ts';
import { healthRouter } from './routes/health.ts';
import { openapiRouter } from './routes/openapi.ts';
import { searchRouter } from './routes/search.ts';
import { webRouter } from './routes/web.ts';
import type { Runtime } from './runtime.ts';

export interface AppDeps {
  runtime: Runtime;
  config: AppConfig;
  logger: Logger;
}

export function createApp({ runtime, config, logger }: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  // One proxy hop at most: trusting every X-Forwarded-For hop would let any client dodge the rate limit.
  app.set('trust proxy', config.trustProxy ? 1 : false);
  app.use(requestLogger(logger));
  app.use(securityMiddleware(config));
  // gzip or brotli, as the client accepts: search answers are repetitive JSON (a page of hits shrinks ~5×).
  app.use(compression());
  app.use(localeMiddleware());

  const api = express.Router();
  api.use(healthRouter(runtime));
  api.use(searchRouter(runtime));
  api.use(documentsRouter(runtime));
  api.use(glossaryRouter(runtime));
  api.use(openapiRouter());
  api.use(adminRouter(runtime, config));
  api.use(notFoundHandler());
  app.use('/api', api);
  app.use(webRouter({ knowsDocument: (id) => runtime.search()?.catalog.byId.has(id) }));
  // Other requests (not GETs of a page) get a 404 in the error shape too, not Express's HTML page that quotes the URL back.
  app.use((req, res) => sendError(req, res, ApiError.notFound('resource')));

  app.use(errorHandler());
  return app;
}
