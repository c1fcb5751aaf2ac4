// Graceful stop: refuse new connections, let in-flight requests finish (bounded), run cleanup hooks, exit.
import type { Server } from 'node:http';
import { logger as defaultLogger, type Logger } from '../../shared/logger.ts';

export interface ShutdownOptions {
  /** How long in-flight requests may take before their connections are cut; default 10 s. */
  timeoutMs?: number;
  /** Default SIGTERM and SIGINT. */
  signals?: NodeJS.Signals[];
  /** Called last with 0, or 1 if a hook failed; default process.exit. */
  exit?: (code: number) => void;
  logger?: Logger;
}

export interface GracefulShutdown {
  /** Starts the shutdown (as a signal would); later calls return the same promise. */
  shutdown(reason: string): Promise<void>;
  /** Removes the signal listeners (for tests and re-installation). */
  uninstall(): void;
}

const IDLE_SWEEP_MS = 100;

/** Resolves true when the server has closed, false if `ms` elapsed first. */
function closeWithin(server: Server, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    // Keep-alive sockets become idle once their request is answered; sweep them so close() can finish.
    const sweep = setInterval(() => server.closeIdleConnections(), IDLE_SWEEP_MS);
    const timer = setTimeout(() => finish(false), ms);
    function finish(closed: boolean): void {
      clearInterval(sweep);
      clearTimeout(timer);
      resolve(closed);
    }
    // close() errors only when the server was not listening, which also means nothing is in flight.
    server.close(() => finish(true));
    server.closeIdleConnections();
  });
}

/**
 * On SIGTERM/SIGINT: stop accepting connections, wait up to `timeoutMs` for in-flight requests,
 * then run `hooks` in order (e.g. the engine's stop), then exit.
 */
export function installGracefulShutdown(server: Server, hooks: (() => Promise<void>)[], opts: ShutdownOptions = {}): GracefulShutdown {
  const { timeoutMs = 10_000, signals = ['SIGTERM', 'SIGINT'], exit = (code) => process.exit(code) } = opts;
  const log = opts.logger ?? defaultLogger;
  let running: Promise<void> | undefined;

  async function run(reason: string): Promise<void> {
    log.info({ reason, timeoutMs }, 'shutting down: no new connections, finishing in-flight requests');
    const closed = await closeWithin(server, timeoutMs);
    if (!closed) {
      log.warn({ timeoutMs }, 'in-flight requests did not finish in time; closing their connections');
      server.closeAllConnections();
    }
    let code = 0;
    for (const hook of hooks) {
      try {
        await hook();
      } catch (err) {
        code = 1;
        log.error({ err }, 'shutdown hook failed');
      }
    }
    log.info({ code }, 'shutdown complete');
    exit(code);
  }

  function shutdown(reason: string): Promise<void> {
    running ??= run(reason);
    return running;
  }

  const onSignal = (signal: NodeJS.Signals) => {
    void shutdown(signal);
  };
  for (const signal of signals) process.on(signal, onSignal);

  return {
    shutdown,
    uninstall: () => {
      for (const signal of signals) process.off(signal, onSignal);
    },
  };
}
