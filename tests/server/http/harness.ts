// Test harness: an Express app composed the way server/app.ts is expected to compose the HTTP layer,
// served on 127.0.0.1 with an ephemeral port.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express, { type Express, type Router } from 'express';
import { loadConfig, type AppConfig } from '../../../server/config.ts';
import { errorHandler, notFoundHandler } from '../../../server/http/errors.ts';
import { localeMiddleware } from '../../../server/http/locale.ts';
import { securityMiddleware } from '../../../server/http/security.ts';

export interface Served {
  base: string;
  server: Server;
  close(): Promise<void>;
}

export const testConfig: AppConfig = { ...loadConfig({}), port: 0, host: '127.0.0.1', rateLimitPerMinute: 0, logLevel: 'silent' };

export function serve(app: Express): Promise<Served> {
  return new Promise((resolve, reject) => {
    const server = app.listen(0, '127.0.0.1', (err?: Error) => {
      if (err) return reject(err);
      const { port } = server.address() as AddressInfo;
      resolve({
        base: `http://127.0.0.1:${port}`,
        server,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

/** security → locale → `api` routes under /api → /api 404 → errorHandler. */
export function buildApp(api: Router, config: Partial<AppConfig> = {}): Express {
  const app = express();
  app.use(securityMiddleware({ ...testConfig, ...config }));
  app.use(localeMiddleware());
  app.use('/api', api);
  app.use('/api', notFoundHandler());
  app.use(errorHandler());
  return app;
}

export interface ErrorResponse {
  status: number;
  contentType: string | null;
  body: { error: { code: string; message: string } };
}

export async function getError(url: string, init?: RequestInit): Promise<ErrorResponse> {
  const res = await fetch(url, init);
  return { status: res.status, contentType: res.headers.get('content-type'), body: (await res.json()) as ErrorResponse['body'] };
}
