// The search-only key: stable across starts, allowed to search and nothing else.
import fs from 'node:fs';
import type { Meilisearch } from 'meilisearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineFailure, meiliClient } from '../../engine/client.ts';
import { connectEngine, type EngineHandle } from '../../engine/connect.ts';
import { SEARCH_KEY_UID, searchKey } from '../../engine/keys.ts';
import { engineMissing } from './helpers.ts';
import { captureLogger, tempDataDir } from '../helpers/process.ts';

const dataDir = tempDataDir();
let engine: EngineHandle;
let admin: Meilisearch;

beforeAll(async () => {
  if (engineMissing !== undefined) return;
  engine = await connectEngine({ dataDir, env: {}, supervise: false, logger: captureLogger().logger });
  admin = meiliClient(engine.url, engine.adminKey);
  const documents = [
    { id: 'a', text: 'foreign investment negative list' },
    { id: 'b', text: 'tax incentives' },
  ];
  await admin.index('clauses').addDocuments(documents).waitTask();
});
afterAll(async () => {
  await engine?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function status(request: Promise<unknown>): Promise<number | string> {
  const failure = await request.then(() => undefined, engineFailure);
  return failure === undefined ? 200 : failure.kind === 'api' ? failure.status : failure.kind;
}

describe.skipIf(engineMissing !== undefined)('searchKey', () => {
  it('returns one stable key that is not the master key', async () => {
    const key = await searchKey(engine);
    expect(key).not.toBe(engine.adminKey);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(await searchKey(engine)).toBe(key);
    const { results } = await admin.getKeys({ limit: 100 });
    expect(results.filter((entry) => entry.uid === SEARCH_KEY_UID)).toHaveLength(1);
  });

  it('can search, and gets 403 on documents, settings and keys', async () => {
    const client = meiliClient(engine.url, await searchKey(engine));
    expect((await client.index('clauses').search('investment')).hits.map((hit) => hit.id)).toEqual(['a']);
    expect(await status(client.index('clauses').addDocuments([{ id: 'c', text: 'x' }]))).toBe(403);
    expect(await status(client.index('clauses').deleteAllDocuments())).toBe(403);
    expect(await status(client.index('clauses').updateSettings({ searchableAttributes: ['text'] }))).toBe(403);
    expect(await status(client.getKeys())).toBe(403);
    expect(await status(client.createIndex('other'))).toBe(403);
  });

  it('replaces a key under its uid that grants more than search', async () => {
    await admin.deleteKey(SEARCH_KEY_UID);
    await admin.createKey({ uid: SEARCH_KEY_UID, actions: ['*'], indexes: ['*'], expiresAt: null });
    const key = await searchKey(engine);
    const replaced = await admin.getKey(SEARCH_KEY_UID);
    expect(replaced.actions).toEqual(['search']);
    expect(replaced.key).toBe(key);
  });
});
