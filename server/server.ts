// Starting and stopping the whole service: runtime (engine, index) plus HTTP server.
import { STATUS_CODES, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { createApp } from './app.ts';
import type { AppConfig } from './config.ts';
import type { ErrorBody } from './http/errors.ts';
import { t, type MessageKey } from './i18n/index.ts';
import type { Logger } from './logger.ts';
import { startRuntime, type Runtime, type RuntimeOptions } from './runtime.ts';

export interface RunningServer {
  url: string;
  server: Server;
  runtime: Runtime;
  close(): Promise<void>;
}

/**
 * Requests Node's HTTP parser rejects (URL and headers over 16 KB, malformed HTTP, too slow) never reach Express;
 * Node would answer them with an empty body. Answer in the API error shape instead (English: nothing was parsed).
 */
export function answerClientError(err: NodeJS.ErrnoException, socket: Duplex): void {
  // As Node's default handler does: a response already under way cannot be followed by another one.
  const inFlight = (socket as Duplex & { _httpMessage?: ServerResponse | null })._httpMessage;
  if (err.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent) {
    socket.destroy();
    return;
  }
  const [status, key]: [number, MessageKey] =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'errors.headers_too_large']
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'errors.request_timeout']
        : [400, 'errors.bad_request'];
  const body: ErrorBody = { error: { code: 'bad_request', message: t('en', key) } };
  const json = JSON.stringify(body);
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
      'Content-Type: application/json; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(json)}\r\n` +
      'Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n' +
      json,
  );
}

export async function startServer(config: AppConfig, logger: Logger, runtimeOptions: Omit<RuntimeOptions, 'logger'> = {}): Promise<RunningServer> {
  const runtime = await startRuntime({ ...runtimeOptions, logger });
  const app = createApp({ runtime, config, logger });
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(config.port, config.host ?? '', () => resolve(s));
    s.once('error', reject);
  }).catch(async (error: unknown) => {
    await runtime.close();
    throw error;
  });
  // Bound how long a slow client can hold a socket.
  server.requestTimeout = 30_000;
  server.headersTimeout = 15_000;
  server.on('clientError', answerClientError);
  const { port } = server.address() as AddressInfo;
  const host = !config.host || config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    server,
    runtime,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await runtime.close();
    },
  };
}
