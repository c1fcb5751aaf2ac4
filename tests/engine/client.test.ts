// The one client factory against a real engine: each failure is classified as exactly one kind. And the search-only
// key the server searches with: one, stable, searching and nothing else (tests/security/access.test.ts: its use).
import fs from 'node:fs';
import getPort from 'get-port';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineFailure, isEngineError, meiliClient, meiliErrorCode, withAbortSignal } from '../../engine/client.ts';
import { connectEngine, type EngineHandle } from '../../engine/connect.ts';
import { SEARCH_KEY_UID, searchKey } from '../../engine/keys.ts';
import { engineMissing } from './helpers.ts';
import { captureLogger, eventually, tempDataDir } from '../helpers/process.ts';

const dataDir = tempDataDir();
let engine: EngineHandle;

beforeAll(async () => {
  if (engineMissing === undefined) engine = await connectEngine({ dataDir, env: {}, supervise: false, logger: captureLogger().logger });
});
afterAll(async () => {
  if (engine?.pid !== undefined) process.kill(engine.pid, 'SIGCONT');
  await engine?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const failureOf = (call: Promise<unknown>) =>
  call.then(
    () => undefined,
    (error: unknown) => error,
  );

describe.skipIf(engineMissing !== undefined)('meiliClient and engineFailure', () => {
  it('api: the engine answered with an error, with its code and status', async () => {
    const error = await failureOf(meiliClient(engine.url, engine.adminKey).index('absent').getStats());
    expect(engineFailure(error)).toMatchObject({ kind: 'api', status: 404, code: 'index_not_found' });
    expect(meiliErrorCode(error)).toBe('index_not_found');
    const rejected = await failureOf(meiliClient(engine.url, 'wrong-key-wrong-key-0000').getKeys());
    expect(engineFailure(rejected)).toMatchObject({ kind: 'api', status: 403, code: 'invalid_api_key' });
  });

  it('unavailable: nothing listens', async () => {
    const error = await failureOf(meiliClient(`http://127.0.0.1:${await getPort()}`, '').getVersion());
    expect(engineFailure(error)?.kind).toBe('unavailable');
    expect(meiliErrorCode(error)).toBeUndefined();
    expect(isEngineError(error)).toBe(true);
  });

  it('timeout and aborted: an engine that accepts connections but never answers', async () => {
    process.kill(engine.pid!, 'SIGSTOP');
    // The stop is delivered asynchronously: a request sent before the engine is stopped could still be answered.
    expect(await eventually(() => fs.readFileSync(`/proc/${engine.pid}/stat`, 'utf8').split(') ')[1]?.[0] === 'T', 5000)).toBe(true);
    try {
      const timedOut = await failureOf(meiliClient(engine.url, engine.adminKey, 200).getVersion());
      expect(engineFailure(timedOut)?.kind).toBe('timeout');
      const controller = new AbortController();
      const pending = failureOf(withAbortSignal(controller.signal, () => meiliClient(engine.url, engine.adminKey, 60_000).getVersion()));
      controller.abort(new Error('client gone'));
      expect(engineFailure(await pending)?.kind).toBe('aborted');
    } finally {
      process.kill(engine.pid!, 'SIGCONT');
    }
  });

  it('anything else is not an engine failure', () => {
    expect(engineFailure(new Error('unrelated'))).toBeUndefined();
    expect(isEngineError('text')).toBe(false);
  });
});

describe.skipIf(engineMissing !== undefined)('searchKey', () => {
  it('returns one stable key that is not the master key, allowed to search only', async () => {
    const key = await searchKey(engine);
    expect(key).not.toBe(engine.adminKey);
    expect(await searchKey(engine)).toBe(key);
    const { results } = await meiliClient(engine.url, engine.adminKey).getKeys({ limit: 100 });
    expect(results.filter((entry) => entry.uid === SEARCH_KEY_UID).map((entry) => entry.actions)).toEqual([['search']]);
    const refused = await failureOf(meiliClient(engine.url, key).createIndex('other'));
    expect(engineFailure(refused)).toMatchObject({ kind: 'api', status: 403 });
  });

  it('replaces a key under its uid that grants more than search', async () => {
    const admin = meiliClient(engine.url, engine.adminKey);
    await admin.deleteKey(SEARCH_KEY_UID);
    await admin.createKey({ uid: SEARCH_KEY_UID, actions: ['*'], indexes: ['*'], expiresAt: null });
    const key = await searchKey(engine);
    expect(await admin.getKey(SEARCH_KEY_UID)).toMatchObject({ actions: ['search'], key });
  });
});
