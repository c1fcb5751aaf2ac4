// Stops the engines this process owns when it exits or is told to stop by a signal.
// (SIGKILL cannot be caught: the watchdog in embedded.ts covers that case.)

export interface OwnedEngine {
  /** Orderly stop, used on signals. */
  stop(): Promise<void>;
  /** Blocking stop, used in the 'exit' event where nothing asynchronous runs any more. */
  stopSync(): void;
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
const owned = new Set<OwnedEngine>();
let shuttingDown = false;

function onExit(): void {
  for (const engine of owned) engine.stopSync();
}

function onSignal(signal: NodeJS.Signals): void {
  // The application has its own shutdown; it ends in stop() or in process exit, both of which we cover.
  if (process.listenerCount(signal) > 1) return;
  if (shuttingDown) {
    onExit(); // a second signal: stop at once
  } else {
    shuttingDown = true;
    void Promise.allSettled([...owned].map((engine) => engine.stop())).then(() => reraise(signal));
    return;
  }
  reraise(signal);
}

// With our listener gone, the signal's default action ends the process as if we had never caught it.
function reraise(signal: NodeJS.Signals): void {
  uninstall();
  process.kill(process.pid, signal);
}

function install(): void {
  process.on('exit', onExit);
  for (const signal of SIGNALS) process.on(signal, onSignal);
}

function uninstall(): void {
  process.off('exit', onExit);
  for (const signal of SIGNALS) process.off(signal, onSignal);
}

/** Registers an owned engine; returns the function that unregisters it (call it once the engine is stopped). */
export function guardOwnerExit(engine: OwnedEngine): () => void {
  if (owned.size === 0) install();
  owned.add(engine);
  return () => {
    if (owned.delete(engine) && owned.size === 0) uninstall();
  };
}
