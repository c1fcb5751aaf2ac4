// Incremental indexing: when only a few documents were added, changed or removed, and nothing else the index is
// built from changed (pipeline, glossary, settings: the state's envHash), only their clauses are written to the
// live indexes: a document's record (marked pending) before its clauses, so that no facet or count holds a clause
// without its document, and the state record last. Each document carries the hash of what it was indexed from, so a
// run that died midway is finished by the next one (a document whose clauses were not all written still has its
// old hash). Anything this cannot do exactly (related clauses across documents, a document number other clauses
// cite) falls back to the full rebuild and swap.
import { createHash } from 'node:crypto';
import type { Meilisearch } from 'meilisearch';
import { stemmedTokens } from '../glossary/english.ts';
import { citations } from './citations.ts';
import type { Dictionary } from './dictionary.ts';
import { type EnrichContext, toIndexedClause, toIndexedDocument } from './enrich.ts';
import { assertSucceeded } from './publish.ts';
import { findDocNumbers, refTokens } from './refs.ts';
import type { IndexedClause, IndexedDocument, IndexNames, IndexState, LexiconEntry } from './search-documents.ts';
import type { CorpusDocument } from './types.ts';

/** At most this many documents change incrementally; more are a rebuild (cheaper than many small writes). */
export const MAX_INCREMENTAL_DOCUMENTS = 50;

/** What a document was indexed from: its metadata, clauses, translation and source path. */
export function documentHash(doc: CorpusDocument): string {
  const translation = doc.translation ? { ...doc.translation, clauses: [...doc.translation.clauses] } : null;
  const payload = JSON.stringify({ meta: doc.meta, sourcePath: doc.sourcePath, header: doc.header, clauses: doc.clauses, translation });
  return createHash('sha256').update(payload).digest('hex');
}

/** The hash of a record whose clauses are being written (never a document's hash): an added document's, and the
 * prefix of a changed one's (followed by a mark, so it never equals the new hash either). */
const PENDING = 'pending';

export interface CorpusDiff {
  added: CorpusDocument[];
  changed: CorpusDocument[];
  removed: string[];
}

/** Compares the corpus with the live documents' hashes; null when a live document has no hash (an older index). */
export function diffCorpus(corpus: readonly CorpusDocument[], live: ReadonlyMap<string, string | undefined>): CorpusDiff | null {
  if ([...live.values()].some((h) => h === undefined)) return null;
  const ids = new Set(corpus.map((d) => d.meta.id));
  // A record left pending by a stopped run of an addition counts as not there (the addition is redone).
  const present = (id: string) => live.has(id) && live.get(id) !== PENDING;
  return {
    added: corpus.filter((d) => !present(d.meta.id)),
    changed: corpus.filter((d) => present(d.meta.id) && live.get(d.meta.id) !== documentHash(d)),
    removed: [...live.keys()].filter((id) => !ids.has(id)),
  };
}

type LiveDoc = Pick<IndexedDocument, 'id' | 'docNumber'> & { hash?: string };

async function liveDocuments(client: Meilisearch, names: IndexNames): Promise<LiveDoc[]> {
  const out: LiveDoc[] = [];
  for (let offset = 0; ; offset += 1000) {
    const page = await client.index<LiveDoc>(names.documents).getDocuments({ limit: 1000, offset, fields: ['id', 'docNumber', 'hash'] });
    out.push(...page.results);
    if (page.results.length < 1000) return out;
  }
}

const quote = (v: string) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/** Whether a clause of another document cites one of these numbers (then its citesDocs would change too). */
async function citedElsewhere(client: Meilisearch, names: IndexNames, docs: Array<{ id: string; docNumber?: string | undefined }>): Promise<boolean> {
  for (const d of docs) {
    if (!d.docNumber) continue;
    const tokens = refTokens(findDocNumbers(d.docNumber));
    if (tokens.length === 0) continue;
    const filter = [[...tokens.map((t) => `refs = ${quote(t)}`)], [`docId != ${quote(d.id)}`]];
    const res = await client.index(names.clauses).search('', { filter, limit: 1, attributesToRetrieve: ['id'] });
    if (res.hits.length > 0) return true;
  }
  return false;
}

/** Steps of an update, in order; a test may stop a run between any two. */
export type IncrementalStep = 'documents-pending' | 'clauses-added' | 'clauses-deleted' | 'lexicon' | 'documents' | 'state';

export interface IncrementalInput {
  client: Meilisearch;
  names: IndexNames;
  live: IndexState;
  envHash: string;
  contentHash: string;
  corpus: CorpusDocument[];
  skipped: number;
  context: EnrichContext & { dictionary: Dictionary };
  onStep?: (step: IncrementalStep) => void | Promise<void>;
}

export interface IncrementalResult {
  diff: CorpusDiff;
  documents: number;
  clauses: number;
  written: number;
  termsTagged: number;
}

const sha = (s: string) => createHash('sha1').update(s).digest('hex').slice(0, 16);

/**
 * Applies the diff to the live indexes, or returns null (nothing written) when it cannot be applied exactly and a
 * full rebuild must run instead.
 */
export async function incrementalUpdate(input: IncrementalInput): Promise<IncrementalResult | null> {
  const { client, names, live, context } = input;
  // Related clauses compare every document with every other: a change there is a rebuild.
  if (live.envHash !== input.envHash || live.related !== false) return null;
  const liveDocs = await liveDocuments(client, names);
  const diff = diffCorpus(input.corpus, new Map(liveDocs.map((d) => [d.id, d.hash])));
  if (!diff) return null;
  const touched = diff.added.length + diff.changed.length + diff.removed.length;
  // Nothing to write but the state: a run that died after writing the documents is finished by writing it.
  if (touched > MAX_INCREMENTAL_DOCUMENTS) return null;
  const before = new Map(liveDocs.map((d) => [d.id, d]));
  const fresh = [...diff.added, ...diff.changed];
  const numbers = [
    ...fresh.map((d) => ({ id: d.meta.id, docNumber: d.meta.docNumber })),
    ...[...diff.changed.map((d) => d.meta.id), ...diff.removed].map((id) => ({ id, docNumber: before.get(id)?.docNumber })),
  ];
  if (await citedElsewhere(client, names, numbers)) return null;

  // The new documents' clauses, with the corpus documents they cite (every number of the corpus is known here).
  const indexed = new Map(fresh.map((d) => [d.meta.id, d.clauses.map((c) => toIndexedClause(c, d, context))]));
  const allNumbers = input.corpus.map((d) => ({ id: d.meta.id, docNumber: d.meta.docNumber }));
  const citing = [...indexed.values()].flat().filter((c) => c.refs.length > 0);
  const { cites } = citations(
    allNumbers,
    citing.map((c) => ({ id: c.id, docId: c.docId, text: c.text })),
  );
  // As the full build writes them: only clauses citing a corpus document get the cross-document fields.
  const clauses: IndexedClause[] = [...indexed.values()].flat().map((c) => (cites.has(c.id) ? { ...c, related: [], citesDocs: cites.get(c.id)! } : c));

  const step = async (s: IncrementalStep) => input.onStep?.(s);
  const wait = async (task: { waitTask(o?: { timeout?: number }): Promise<import('meilisearch').Task> }) =>
    assertSucceeded(await task.waitTask({ timeout: 600_000 }));
  // 1. The document records first, marked pending: a clause (its facets, its counts) is never searchable before
  // its document's record exists, and a pending record never equals a document's hash, so a crash is redone. The
  // catalog servers show is read only when the state (written last) changes, so a pending record is not shown.
  if (fresh.length > 0)
    await wait(
      client
        .index(names.documents)
        .addDocuments([
          ...diff.added.map((d) => ({ ...toIndexedDocument(d), hash: PENDING })),
          ...diff.changed.map((d) => ({ ...toIndexedDocument(d), hash: `${PENDING}:${d.meta.id}` })),
        ]),
    );
  await step('documents-pending');
  // 2. Clauses: a document keeps its pending hash until its clauses are all written.
  if (clauses.length > 0) await wait(client.index(names.clauses).addDocuments(clauses));
  await step('clauses-added');
  const keep = new Set(clauses.map((c) => c.id));
  const stale: string[] = [];
  // Also an addition left pending by a stopped run: the clauses that run wrote may no longer exist.
  for (const id of fresh.map((d) => d.meta.id).filter((id) => before.has(id))) {
    const res = await client.index<IndexedClause>(names.clauses).getDocuments({ filter: `docId = ${quote(id)}`, fields: ['id'], limit: 10_000 });
    stale.push(...res.results.map((c) => c.id).filter((cid) => !keep.has(cid)));
  }
  if (stale.length > 0) await wait(client.index(names.clauses).deleteDocuments(stale));
  if (diff.removed.length > 0) await wait(client.index(names.clauses).deleteDocuments({ filter: `docId IN [${diff.removed.map(quote).join(', ')}]` }));
  await step('clauses-deleted');

  // 3. Words the lexicon lacks (English queries reach untranslated clauses through it); counts of known words are
  // left as they are until the next rebuild: they only weigh which Chinese word a query word most likely means.
  const known = new Set<string>();
  for (let offset = 0; ; offset += 10_000) {
    const page = await client.index<LexiconEntry>(names.lexicon).getDocuments({ limit: 10_000, offset, fields: ['kind', 'zh', 'en'] });
    for (const e of page.results) known.add(e.kind === 'zh' ? `zh:${e.zh}` : `en:${e.en[0]}`);
    if (page.results.length < 10_000) break;
  }
  const added = new Map<string, LexiconEntry>();
  for (const c of clauses) {
    for (const word of new Set(c.text_seg.split(' '))) {
      if ([...word].length >= 2 && context.dictionary.has(word) && !known.has(`zh:${word}`)) {
        const e = added.get(`zh:${word}`) ?? {
          id: `wi${sha(word)}`,
          kind: 'zh' as const,
          zh: word,
          en: (context.dictionary.get(word) ?? []).slice(0, 4),
          clauses: 0,
        };
        e.clauses += 1;
        added.set(`zh:${word}`, e);
      }
    }
    const english = c.text_en !== null ? `${c.heading_en ?? ''} ${c.text_en}` : '';
    for (const word of new Set(stemmedTokens(`${english} ${c.terms_en.join(' ')}`).map((t) => t.norm))) {
      if (/^[a-z]{2,}$/.test(word) && !known.has(`en:${word}`)) {
        const e = added.get(`en:${word}`) ?? { id: `ei${sha(word)}`, kind: 'en' as const, zh: '', en: [word], clauses: 0 };
        e.clauses += 1;
        added.set(`en:${word}`, e);
      }
    }
  }
  if (added.size > 0) await wait(client.index(names.lexicon).addDocuments([...added.values()]));
  await step('lexicon');

  // 4. The documents, with their new hashes: from here on the next run finds them current.
  if (fresh.length > 0) await wait(client.index(names.documents).addDocuments(fresh.map((d) => ({ ...toIndexedDocument(d), hash: documentHash(d) }))));
  if (diff.removed.length > 0) await wait(client.index(names.documents).deleteDocuments(diff.removed));
  await step('documents');

  // 5. The state last: servers reload their catalog when its hash changes.
  const counts = await client.index(names.clauses).getStats();
  const documents = (await client.index(names.documents).getStats()).numberOfDocuments;
  const state: IndexState = {
    ...live,
    contentHash: input.contentHash,
    builtAt: new Date().toISOString(),
    documents,
    clauses: counts.numberOfDocuments,
    skipped: input.skipped,
  };
  await wait(client.index(names.meta).addDocuments([state]));
  await step('state');
  return { diff, documents, clauses: counts.numberOfDocuments, written: clauses.length, termsTagged: clauses.reduce((n, c) => n + c.termSpans.length, 0) };
}
