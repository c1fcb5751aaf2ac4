// `<dataDir>/engine.json`: which embedded engine serves this data folder, so other processes reuse it.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { Logger } from '../shared/logger.ts';
import { EngineConnectError } from './errors.ts';
import { isSameProcess, terminate } from './process-info.ts';
import { probeEngine } from './probe.ts';

export const EngineState = z.object({
  /** The engine process. */
  pid: z.number().int().positive(),
  port: z.number().int().min(1).max(65_535),
  url: z.url(),
  /** When this engine process became healthy (rewritten on each supervised restart). */
  startedAt: z.iso.datetime(),
  /** The process that started, supervises and stops the engine. */
  ownerPid: z.number().int().positive(),
});
export type EngineState = z.infer<typeof EngineState>;

export function stateFilePath(dataDir: string): string {
  return path.join(dataDir, 'engine.json');
}

/** Written to a temporary file and renamed, so readers never see half a state. */
export async function writeState(dataDir: string, state: EngineState): Promise<void> {
  const file = stateFilePath(dataDir);
  const temp = `${file}.${process.pid}.tmp`;
  await fsp.writeFile(temp, `${JSON.stringify(EngineState.parse(state), null, 2)}\n`);
  await fsp.rename(temp, file);
}

type StateFile = { kind: 'absent' } | { kind: 'invalid' } | { kind: 'valid'; state: EngineState };

function parseStateFile(text: string): StateFile {
  try {
    const parsed = EngineState.safeParse(JSON.parse(text));
    return parsed.success ? { kind: 'valid', state: parsed.data } : { kind: 'invalid' };
  } catch {
    return { kind: 'invalid' };
  }
}

async function readStateFile(dataDir: string): Promise<StateFile> {
  try {
    return parseStateFile(await fsp.readFile(stateFilePath(dataDir), 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'absent' };
    throw error;
  }
}

const sameEngine = (a: EngineState, b: EngineState) => a.pid === b.pid && a.startedAt === b.startedAt;

/** Removes the state file if it still describes `expected` (another starter may have replaced it). */
export async function removeState(dataDir: string, expected?: EngineState): Promise<void> {
  if (expected !== undefined) {
    const current = await readStateFile(dataDir);
    if (current.kind === 'valid' && !sameEngine(current.state, expected)) return;
  }
  await fsp.rm(stateFilePath(dataDir), { force: true });
}

/** Blocking removal for 'exit' handlers: only if the file still names `expected`. */
export function removeStateSync(dataDir: string, expected: EngineState): void {
  try {
    const current = parseStateFile(fs.readFileSync(stateFilePath(dataDir), 'utf8'));
    if (current.kind === 'valid' && sameEngine(current.state, expected)) fs.rmSync(stateFilePath(dataDir), { force: true });
  } catch {
    // Already gone.
  }
}

export type StateStatus =
  | { kind: 'absent' }
  /** Engine alive, answering and accepting the master key; its owner is alive. */
  | { kind: 'live'; state: EngineState }
  /** The owner lives but its engine does not answer: it is being (re)started; wait for it. */
  | { kind: 'recovering'; state: EngineState }
  /** Left by a crash: the file has been removed and any leftover engine stopped. */
  | { kind: 'stale' };

export interface InspectOptions {
  dataDir: string;
  masterKey: string;
  timeoutMs: number;
  logger: Logger;
}

/** Classifies the recorded engine, clearing what a crash left behind. */
export async function inspectState({ dataDir, masterKey, timeoutMs, logger }: InspectOptions): Promise<StateStatus> {
  const file = await readStateFile(dataDir);
  if (file.kind === 'absent') return file;
  if (file.kind === 'invalid') {
    logger.warn({ file: stateFilePath(dataDir) }, 'unreadable engine state file removed');
    await removeState(dataDir);
    return { kind: 'stale' };
  }
  const { state } = file;
  const seenAt = new Date(state.startedAt);
  const ownerAlive = isSameProcess(state.ownerPid, seenAt);
  const engineAlive = isSameProcess(state.pid, seenAt);
  if (engineAlive) {
    const probe = await probeEngine(state.url, masterKey, timeoutMs);
    if (probe.status === 'rejected') {
      throw new EngineConnectError(
        `the engine at ${state.url} (pid ${state.pid}) rejects the key in ${dataDir}/master.key (${probe.reason}); ` +
          'stop that engine or restore the key it was started with',
      );
    }
    if (probe.status === 'ok' && ownerAlive) return { kind: 'live', state };
  }
  if (ownerAlive) return { kind: 'recovering', state };
  if (engineAlive) {
    // Its owner died without it: nobody would ever stop it.
    logger.warn({ engine: state.pid, ownerPid: state.ownerPid }, 'stopping an engine left behind by a dead owner');
    await terminate(state.pid, 5000);
  }
  logger.info({ engine: state.pid, ownerPid: state.ownerPid }, 'stale engine state cleared');
  await removeState(dataDir, state);
  return { kind: 'stale' };
}

/** The recorded engine if it is alive, answers /health and accepts the master key; clears a stale record. */
export async function readLiveState(options: InspectOptions): Promise<EngineState | undefined> {
  const status = await inspectState(options);
  return status.kind === 'live' ? status.state : undefined;
}
