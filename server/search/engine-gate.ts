// Overload control in front of the engine, in two lanes. Ordinary requests: at most `concurrency` do engine work at
// once, at most `queue` wait for a slot, each for at most `queueWaitMs`. Expensive requests (many federated queries,
// a concordance) have a lane of their own with `heavyConcurrency` slots and a
// `heavyQueue`, so however many arrive they hold a bounded share of the engine and ordinary searches never wait
// behind them. Anything beyond is refused at once with OverloadedError (503 `overloaded`): a burst costs the engine
// a bounded amount of work and clients get a fast answer they can retry, instead of every search queueing inside the
// engine until all of them time out as "engine unavailable".
import PQueue from 'p-queue';
import { ENGINE_LIMITS } from '../../shared/limits.ts';

export interface GateLimits {
  concurrency: number;
  queue: number;
  queueWaitMs: number;
  /** Default ENGINE_LIMITS.heavyConcurrency. */
  heavyConcurrency?: number;
  /** Default ENGINE_LIMITS.heavyQueue. */
  heavyQueue?: number;
}

export type Lane = 'ordinary' | 'heavy';

/** The gate refused or gave up waiting: the server is busy, the engine is fine. */
export class OverloadedError extends Error {
  override readonly name = 'OverloadedError';
}

export interface GateStats {
  /** Requests doing engine work now (both lanes). */
  running: number;
  /** Requests waiting for a slot now (both lanes). */
  queued: number;
  /** Requests refused since start (queue full or waited too long). */
  rejected: number;
  /** The expensive requests' lane alone. */
  heavy: { running: number; queued: number };
}

export interface EngineGate {
  /**
   * Runs `work` when a slot of `lane` is free. Rejects with OverloadedError when that lane's queue is full or the
   * wait exceeds `queueWaitMs`, and with the signal's reason when `signal` aborts first (the client went away: a
   * queued request never reaches the engine).
   */
  run<T>(work: () => Promise<T>, signal?: AbortSignal, lane?: Lane): Promise<T>;
  stats(): GateStats;
}

export function createEngineGate(limits: GateLimits = ENGINE_LIMITS): EngineGate {
  const lanes = {
    ordinary: { queue: new PQueue({ concurrency: limits.concurrency }), max: limits.queue },
    heavy: {
      queue: new PQueue({ concurrency: limits.heavyConcurrency ?? ENGINE_LIMITS.heavyConcurrency }),
      max: limits.heavyQueue ?? ENGINE_LIMITS.heavyQueue,
    },
  };
  let rejected = 0;
  const refuse = (why: string) => {
    rejected += 1;
    return new OverloadedError(why);
  };
  return {
    async run(work, signal, lane = 'ordinary') {
      signal?.throwIfAborted();
      const { queue, max } = lanes[lane];
      if (queue.size >= max) throw refuse(`${lane}: ${queue.pending} requests at the engine and ${queue.size} waiting`);
      // Only the wait is bounded here: once started, the engine call has its own timeout (SEARCH_TIMEOUT_MS).
      const waited = new AbortController();
      const timer = setTimeout(() => waited.abort(refuse(`${lane}: no engine slot within ${limits.queueWaitMs} ms`)), limits.queueWaitMs);
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
    stats: () => {
      const { ordinary, heavy } = lanes;
      return {
        running: ordinary.queue.pending + heavy.queue.pending,
        queued: ordinary.queue.size + heavy.queue.size,
        rejected,
        heavy: { running: heavy.queue.pending, queued: heavy.queue.size },
      };
    },
  };
}
