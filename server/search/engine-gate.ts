// Overload control in front of the engine: at most `concurrency` requests do engine work at once, at most `queue`
// wait for a slot, each for at most `queueWaitMs`. Anything beyond is refused at once with OverloadedError (503
// `overloaded`), so a burst costs the engine a bounded amount of work and clients get a fast answer they can retry,
// instead of every search queueing inside the engine until all of them time out as "engine unavailable".
import PQueue from 'p-queue';
import { ENGINE_LIMITS } from '../limits.ts';

export interface GateLimits {
  concurrency: number;
  queue: number;
  queueWaitMs: number;
}

/** The gate refused or gave up waiting: the server is busy, the engine is fine. */
export class OverloadedError extends Error {
  override readonly name = 'OverloadedError';
}

export interface GateStats {
  /** Requests doing engine work now. */
  running: number;
  /** Requests waiting for a slot now. */
  queued: number;
  /** Requests refused since start (queue full or waited too long). */
  rejected: number;
}

export interface EngineGate {
  /**
   * Runs `work` when a slot is free. Rejects with OverloadedError when the queue is full or the wait exceeds
   * `queueWaitMs`, and with the signal's reason when `signal` aborts first (the client went away: a queued request
   * never reaches the engine).
   */
  run<T>(work: () => Promise<T>, signal?: AbortSignal): Promise<T>;
  stats(): GateStats;
}

export function createEngineGate(limits: GateLimits = ENGINE_LIMITS): EngineGate {
  const queue = new PQueue({ concurrency: limits.concurrency });
  let rejected = 0;
  const refuse = (why: string) => {
    rejected += 1;
    return new OverloadedError(why);
  };
  return {
    async run(work, signal) {
      signal?.throwIfAborted();
      if (queue.size >= limits.queue) throw refuse(`${queue.pending} requests at the engine and ${queue.size} waiting`);
      // Only the wait is bounded here: once started, the engine call has its own timeout (SEARCH_TIMEOUT_MS).
      const waited = new AbortController();
      const timer = setTimeout(() => waited.abort(refuse(`no engine slot within ${limits.queueWaitMs} ms`)), limits.queueWaitMs);
      try {
        return await queue.add(
          () => {
            clearTimeout(timer);
            return work();
          },
          { signal: signal ? AbortSignal.any([signal, waited.signal]) : waited.signal },
        );
      } finally {
        clearTimeout(timer);
      }
    },
    stats: () => ({ running: queue.pending, queued: queue.size, rejected }),
  };
}
