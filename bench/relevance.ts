// Relevance: the public evaluation file (eval/queries.yaml, about the five seed documents) scored on
// our API and on a raw baseline — plain Meilisearch, default settings, over the seed clauses' original text
// (no segmentation, no glossary), searched the way a naive user would.
import type { Meilisearch } from 'meilisearch';
import { loadCorpus } from '../indexer/corpus.ts';
import { assertSucceeded } from '../indexer/publish.ts';
import type { DocumentMeta } from '../indexer/types.ts';
import { apiSearch, evaluate, formatSummary, type EvalSummary, type SearchFn } from '../eval/evaluate.ts';
import { dropIndex } from './indexing.ts';
import type { RawClause } from './queries.ts';

export interface RelevanceScore {
  recallAt10: number;
  mrr: number;
  passed: number;
  queries: number;
}

export interface RelevanceResult {
  api: RelevanceScore;
  raw: RelevanceScore;
  /** Per-query lines of both runs (formatSummary of eval/evaluate.ts). */
  details: string;
}

type DocFacts = Pick<DocumentMeta, 'id' | 'region' | 'level' | 'date'>;

function regionMatches(doc: DocFacts, value: string): boolean {
  const v = value.trim().toLowerCase();
  const en = doc.region.en.toLowerCase();
  return doc.region.zh === value.trim() || en === v || en.startsWith(`${v} `) || en.startsWith(`${v},`);
}

/**
 * The raw baseline's filters: raw documents only know their docId, so region, level, year and doc parameters
 * become a docId filter over the documents that have them (values OR'ed within a parameter, parameters
 * AND'ed), as a user who knows the documents would write it. term and category need the glossary: ignored.
 * Returns null when no parameter applies (no filter).
 */
export function docIdsForParams(params: Record<string, string[]>, docs: readonly DocFacts[]): string[] | null {
  const tests: ((doc: DocFacts, value: string) => boolean)[] = [];
  const values: string[][] = [];
  const add = (name: string, test: (doc: DocFacts, value: string) => boolean) => {
    const given = params[name] ?? [];
    if (given.length === 0) return;
    tests.push(test);
    values.push(given);
  };
  add('region', regionMatches);
  add('level', (doc, v) => doc.level === v.trim().toLowerCase());
  add('year', (doc, v) => doc.date?.startsWith(v.trim()) ?? false);
  add('doc', (doc, v) => doc.id === v.trim());
  if (tests.length === 0) return null;
  return docs.filter((doc) => tests.every((test, i) => values[i]!.some((v) => test(doc, v)))).map((d) => d.id);
}

export function rawFilter(docIds: string[]): string {
  return `docId IN [${docIds.map((id) => `"${id.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(', ')}]`;
}

/** Plain q (quotes are Meilisearch phrase syntax already), the docId filter above, nothing else. */
export function rawSearch(engineUrl: string, key: string, uid: string, docs: readonly DocFacts[]): SearchFn {
  return async (q, params, limit) => {
    const ids = docIdsForParams(params, docs);
    const res = await fetch(`${engineUrl}/indexes/${uid}/search`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ q, limit, ...(ids ? { filter: rawFilter(ids) } : {}) }),
    });
    if (!res.ok) throw new Error(`raw search ${JSON.stringify(q)}: ${res.status} ${await res.text()}`);
    const body = (await res.json()) as { hits: RawClause[] };
    return body.hits.map((h) => ({ docId: h.docId, pathZh: h.pathZh }));
  };
}

/** Builds the raw seed index (default settings, then docId filterable) and returns the seed documents' facts. */
export async function buildRawSeedIndex(client: Meilisearch, uid: string, seedCorpus: string): Promise<DocFacts[]> {
  const { documents } = await loadCorpus(seedCorpus);
  const rows: RawClause[] = documents.flatMap((d) => d.clauses.map((c) => ({ id: c.id, docId: c.docId, pathZh: c.path.zh, text: c.text })));
  await dropIndex(client, uid);
  assertSucceeded(await client.createIndex(uid, { primaryKey: 'id' }).waitTask());
  assertSucceeded(await client.index(uid).addDocuments(rows).waitTask());
  assertSucceeded(
    await client
      .index(uid)
      .updateSettings({ filterableAttributes: ['docId'] })
      .waitTask(),
  );
  return documents.map((d) => d.meta);
}

const score = (s: EvalSummary): RelevanceScore => ({ recallAt10: s.recallAt10, mrr: s.mrr, passed: s.passed, queries: s.results.length });

export async function runRelevance(apiUrl: string, raw: SearchFn): Promise<RelevanceResult> {
  const api = await evaluate(apiSearch(apiUrl));
  const rawSummary = await evaluate(raw);
  return {
    api: score(api),
    raw: score(rawSummary),
    details: `${formatSummary('api', api)}\n\n${formatSummary('raw', rawSummary)}`,
  };
}
