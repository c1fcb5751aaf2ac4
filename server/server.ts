// Starting and stopping the whole service: runtime (engine, index) plus HTTP server.
import { createServer, STATUS_CODES, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { createApp } from './app.ts';
import type { AppConfig } from './config.ts';
import { ERROR_STATUS, type ErrorBody, type ErrorCode } from './http/errors.ts';
import { logUrl } from './http/request-log.ts';
import { t } from './i18n/index.ts';
import { HTTP_LIMITS, LOG_LIMITS } from '../shared/limits.ts';
import type { Logger } from '../shared/logger.ts';
import { startRuntime, type Runtime, type RuntimeOptions } from './runtime.ts';

export interface RunningServer {
  url: string;
  server: Server;
  runtime: Runtime;
  close(): Promise<void>;
}

/** Method and URL (masked, cut) from the bytes the parser saw, when it got that far. */
function requestLineOf(err: NodeJS.ErrnoException & { rawPacket?: unknown }): { method?: string; url?: string } {
  if (!Buffer.isBuffer(err.rawPacket)) return {};
  // Only the start of the packet: the request line is what identifies a request.
  const head = err.rawPacket.subarray(0, LOG_LIMITS.urlChars + 64).toString('latin1');
  const match = /^([A-Z]{1,16}) (\S+)/.exec(head);
  return match ? { method: match[1], url: logUrl(match[2]!) } : {};
}

/**
 * Requests Node's HTTP parser rejects (URL and headers over 16 KB, malformed HTTP, too slow) never reach Express;
 * Node would answer them with an empty body. Answer in the API error shape instead (English: nothing was parsed).
 */
export function answerClientError(err: NodeJS.ErrnoException, socket: Duplex, logger?: Logger): void {
  // As Node's default handler does: a response already under way cannot be followed by another one.
  const inFlight = (socket as Duplex & { _httpMessage?: ServerResponse | null })._httpMessage;
  if (err.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent) {
    socket.destroy();
    return;
  }
  const code: ErrorCode =
    err.code === 'HPE_HEADER_OVERFLOW' ? 'headers_too_large' : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 'request_timeout' : 'bad_request';
  const status = ERROR_STATUS[code];
  // These never reach the request logger; one bounded line each, like every other 4xx.
  logger?.warn(
    {
      req: { ...requestLineOf(err), remoteAddress: (socket as Duplex & { remoteAddress?: string }).remoteAddress },
      res: { statusCode: status },
      parserError: err.code,
    },
    `HTTP parser rejected a request: ${status}`,
  );
  const body: ErrorBody = { error: { code, message: t('en', `errors.${code}`) } };
  const json = JSON.stringify(body);
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
      'Content-Type: application/json; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(json)}\r\n` +
      'Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n' +
      json,
  );
}

/** Socket timeouts of the HTTP server (HTTP_LIMITS unless a test shortens them). */
export interface SocketLimits {
  requestTimeoutMs: number;
  headersTimeoutMs: number;
  connectionsCheckingIntervalMs: number;
}

export async function startServer(
  config: AppConfig,
  logger: Logger,
  runtimeOptions: Omit<RuntimeOptions, 'logger'> = {},
  socketLimits: Partial<SocketLimits> = {},
): Promise<RunningServer> {
  const limits: SocketLimits = { ...HTTP_LIMITS, ...socketLimits };
  const runtime = await startRuntime({ searchCacheBytes: config.searchCacheBytes, ...runtimeOptions, logger });
  const app = createApp({ runtime, config, logger });
  // Bound how long a slow client can hold a socket. The checking interval is a creation option only; Node's
  // default (30 s) made the 15 s header timeout fire after ~31 s.
  const server = createServer(
    { requestTimeout: limits.requestTimeoutMs, headersTimeout: limits.headersTimeoutMs, connectionsCheckingInterval: limits.connectionsCheckingIntervalMs },
    app,
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host ?? '', () => {
      server.off('error', reject);
      resolve();
    });
  }).catch(async (error: unknown) => {
    await runtime.close();
    throw error;
  });
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => answerClientError(err, socket, logger));
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
