// Clause ids: readable, stable and safe as Meilisearch primary keys.
// An id is the document id and the clause's path key (`p2-i10`, `preamble-1`, `ch2-a10`) joined by `--`.
// It depends on nothing else (no text, time or machine), so re-indexing replaces documents in place.
import { createHash } from 'node:crypto';

/** Meilisearch accepts [A-Za-z0-9_-] up to 511 bytes in a document id. */
export const MAX_ID_BYTES = 511;

function sanitize(part: string): string {
  return part.replace(/[^A-Za-z0-9_-]+/g, '_');
}

export function clauseId(docId: string, pathKey: string): string {
  const id = `${sanitize(docId)}--${sanitize(pathKey)}`;
  if (id.length <= MAX_ID_BYTES) return id;
  // Keep the readable head and make the cut unique with a digest of the whole id.
  const digest = createHash('sha1').update(id).digest('hex').slice(0, 16);
  return `${id.slice(0, MAX_ID_BYTES - digest.length - 1)}_${digest}`;
}

/**
 * Hands out path keys that are unique within one document: the second clause claiming `p2-i3`
 * (a duplicated number in the source) gets `p2-i3-dup2`. Deterministic, since it depends only on
 * the order of the clauses in the source.
 */
export class PathKeyRegistry {
  private readonly seen = new Map<string, number>();

  claim(key: string): string {
    const count = (this.seen.get(key) ?? 0) + 1;
    this.seen.set(key, count);
    return count === 1 ? key : `${key}-dup${count}`;
  }
}
