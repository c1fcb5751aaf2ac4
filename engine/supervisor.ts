// Keeps an owned embedded engine running: restarts it with exponential backoff when it dies unexpectedly.
import { EventEmitter } from 'node:events';
import type { Logger } from '../shared/logger.ts';
import type { EmbeddedEngine } from './embedded.ts';

export interface EngineDownEvent {
  pid: number;
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Absent when no restart will follow. */
  restartInMs?: number;
}

export interface EngineUpEvent {
  pid: number;
  url: string;
  /** Restarts since the engine was first started. */
  restarts: number;
}

export type EngineEvents = { down: [EngineDownEvent]; up: [EngineUpEvent] };

export interface BackoffOptions {
  initialBackoffMs: number;
  maxBackoffMs: number;
  /** An engine that ran this long before dying starts the backoff over. */
  stableAfterMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialBackoffMs: 250, maxBackoffMs: 10_000, stableAfterMs: 60_000 };

/** Delay before the next restart after `failures` consecutive failed or short-lived runs. */
export function backoffDelay(failures: number, { initialBackoffMs, maxBackoffMs }: BackoffOptions): number {
  return Math.min(maxBackoffMs, initialBackoffMs * 2 ** Math.max(0, failures));
}

export interface SupervisorOptions extends Partial<BackoffOptions> {
  /** Starts a fresh engine (same port and data folder). */
  start: () => Promise<EmbeddedEngine>;
  logger: Logger;
  /** When false, a crash is reported ('down') but not repaired. */
  autoRestart?: boolean;
}

export class EngineSupervisor extends EventEmitter<EngineEvents> {
  readonly #options: SupervisorOptions & BackoffOptions;
  #current: EmbeddedEngine | undefined;
  #stopped = false;
  #failures = 0;
  #restarts = 0;
  #timer: NodeJS.Timeout | undefined;
  #restarting: Promise<void> | undefined;

  constructor(first: EmbeddedEngine, options: SupervisorOptions) {
    super();
    this.#options = { ...DEFAULT_BACKOFF, ...options };
    this.#current = first;
    this.#watch(first);
  }

  /** The running engine, undefined while it is down. */
  get current(): EmbeddedEngine | undefined {
    return this.#current;
  }

  /** Stops the engine and any pending restart; no restart happens afterwards. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#restarting;
    await this.#current?.stop();
    this.#current = undefined;
  }

  #watch(engine: EmbeddedEngine): void {
    const upSince = Date.now();
    void engine.exited.then(({ code, signal }) => {
      if (this.#stopped || this.#current !== engine) return;
      this.#current = undefined;
      if (Date.now() - upSince >= this.#options.stableAfterMs) this.#failures = 0;
      const restartInMs = this.#options.autoRestart === false ? undefined : backoffDelay(this.#failures, this.#options);
      this.#options.logger.error({ engine: engine.pid, code, signal, restartInMs }, 'embedded engine exited unexpectedly');
      this.emit('down', { pid: engine.pid, code, signal, ...(restartInMs === undefined ? {} : { restartInMs }) });
      if (restartInMs !== undefined) this.#schedule(restartInMs);
    });
  }

  #schedule(delayMs: number): void {
    this.#timer = setTimeout(() => {
      this.#restarting = this.#restart().finally(() => (this.#restarting = undefined));
    }, delayMs);
  }

  async #restart(): Promise<void> {
    this.#failures += 1;
    let engine: EmbeddedEngine;
    try {
      engine = await this.#options.start();
    } catch (error) {
      if (this.#stopped) return;
      const retryInMs = backoffDelay(this.#failures, this.#options);
      this.#options.logger.error({ err: error, retryInMs }, 'embedded engine restart failed');
      this.#schedule(retryInMs);
      return;
    }
    if (this.#stopped) {
      await engine.stop();
      return;
    }
    this.#restarts += 1;
    this.#current = engine;
    this.#watch(engine);
    this.#options.logger.warn({ engine: engine.pid, restarts: this.#restarts }, 'embedded engine restarted');
    this.emit('up', { pid: engine.pid, url: engine.url, restarts: this.#restarts });
  }
}
