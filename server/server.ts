// Starting and stopping the whole service: runtime (engine, index) plus HTTP server.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from './app.ts';
import type { AppConfig } from './config.ts';
import type { Logger } from './logger.ts';
import { startRuntime, type Runtime, type RuntimeOptions } from './runtime.ts';

export interface RunningServer {
  url: string;
  server: Server;
  runtime: Runtime;
  close(): Promise<void>;
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
