// The search-only API key the server hands to its Meilisearch client, so the master key never serves searches.
import type { EngineHandle } from './connect.ts';
import { engineFailure, meiliClient } from './client.ts';

// Fixed uid: Meilisearch derives a key's value from its uid and the master key, so every start finds the same key
// instead of adding one more.
export const SEARCH_KEY_UID = '5c0f4a2e-8d1b-4c6e-9f3a-7b2d1e0c9a84';
const SEARCH_ACTIONS = ['search'];
const ALL_INDEXES = ['*'];
// Far more keys than this deployment ever holds; a miss only costs a 409 and a lookup below.
const KEY_PAGE = 1000;

const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((item) => b.includes(item));

/**
 * Gets or creates the search-only key (actions ['search'], indexes ['*']) and returns its value. A key under our
 * uid with other rights is replaced. Returns '' for a remote engine without a master key (it needs no key).
 */
export async function searchKey(handle: Pick<EngineHandle, 'url' | 'adminKey'>, timeoutMs = 5000): Promise<string> {
  if (handle.adminKey === '') return '';
  const client = meiliClient(handle.url, handle.adminKey, timeoutMs);
  // Listed rather than fetched by uid: a 404 on first start would show up as an engine warning.
  const { results } = await client.getKeys({ limit: KEY_PAGE });
  const existing = results.find((key) => key.uid === SEARCH_KEY_UID);
  if (existing !== undefined) {
    if (sameSet(existing.actions, SEARCH_ACTIONS) && sameSet(existing.indexes, ALL_INDEXES)) return existing.key;
    await client.deleteKey(SEARCH_KEY_UID);
  }
  try {
    const description = 'Search-only key used by the policy-search API server';
    return (
      await client.createKey({ uid: SEARCH_KEY_UID, name: 'policy-search search', description, actions: SEARCH_ACTIONS, indexes: ALL_INDEXES, expiresAt: null })
    ).key;
  } catch (error) {
    // Another process created it between our lookup and our creation.
    const failure = engineFailure(error);
    if (failure?.kind === 'api' && failure.status === 409) return (await client.getKey(SEARCH_KEY_UID)).key;
    throw error;
  }
}
