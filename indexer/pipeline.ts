// corpus → clauses → segmentation → glossary tags → Meilisearch, published by atomic swap.
import path from 'node:path';
import type { Meilisearch } from 'meilisearch';
import { createAligner } from '../glossary/align.ts';
import { stemmedTokens } from '../glossary/english.ts';
import { asProblem, loadGlossary } from '../glossary/load.ts';
import type { Glossary } from '../glossary/types.ts';
import { withUserDictFile } from '../glossary/userdict.ts';
import { contentHash } from './content-hash.ts';
import { glossField, loadCedict, type Dictionary } from './dictionary.ts';
import { citations, type CitingClause } from './citations.ts';
import { toIndexedClause, toIndexedDocument, type EnrichContext } from './enrich.ts';
import { relatable, relatedClauses, type RelatableClause, type RelatedLink } from './related.ts';
import { INDEX_LIMITS } from '../shared/limits.ts';
import { assertSucceeded, dropAbandonedStaging, publish, readLiveState } from './publish.ts';
import { DEFAULT_INDEX_PREFIX, indexNames, type IndexedClause, type IndexNames, type IndexState, type LexiconEntry } from './search-documents.ts';
import { documentHash, incrementalUpdate, type IncrementalInput, type IncrementalResult } from './incremental.ts';
import { createSegmenter, type Segmenter } from './segment.ts';
import { clauseIndexSettings, documentIndexSettings, lexiconIndexSettings } from './settings.ts';
import { openSource, type DocumentSource } from './sources.ts';
import type { CorpusDocument, Problem } from './types.ts';

export const DEFAULT_CORPUS = 'corpus';
export const DEFAULT_GLOSSARY = 'glossary/data';

export interface IndexProgress {
  documents: number;
  totalDocuments: number;
  clauses: number;
}

export interface IndexRunOptions {
  /** Required unless `dryRun`. */
  client?: Meilisearch;
  corpus?: string;
  glossaryDir?: string;
  prefix?: string;
  /** Rebuild even when the content hash matches the live index. */
  force?: boolean;
  /** Parse, segment and tag, but send nothing. */
  dryRun?: boolean;
  batchSize?: number;
  /** Dictionary for glosses and the lexicon (default CC-CEDICT, loaded on first use). */
  dictionary?: Dictionary;
  onProgress?(progress: IndexProgress): void;
  onDocument?(document: CorpusDocument, clauses: IndexedClause[]): void;
  /** Corpora up to this many clauses get related clauses (default INDEX_LIMITS.relatedClauses; tests lower it). */
  relatedClauses?: number;
  /** Called between the steps of an incremental update (a test stops a run there). */
  onIncrementalStep?: IncrementalInput['onStep'];
}

export interface IndexSummary {
  status: 'indexed' | 'unchanged' | 'dry-run';
  /** For `indexed`: a rebuild swapped in, or only the changed documents written to the live index. */
  mode?: 'full' | 'incremental';
  /** For an incremental update: the documents added, changed and removed. */
  changes?: { added: string[]; changed: string[]; removed: string[] };
  documents: number;
  clauses: number;
  /** Documents left out for errors (their problems say why); for `unchanged`, those the live index was built without. */
  skipped: number;
  /** Glossary occurrences tagged across all clauses. */
  termsTagged: number;
  problems: Problem[];
  seconds: number;
  clausesPerSecond: number;
  contentHash: string;
}

export interface Enricher extends EnrichContext {
  glossary: Glossary;
  /** Content hash of the glossary folder this enricher was built from (its cache key, part of the index hash). */
  glossaryHash: string;
  /** jieba tokens with the same dictionary as the index: what queries are segmented with. */
  cut(text: string): string[];
  /** The segmenter itself (tags, keywords), for the translators' candidate terms: the one jieba dictionary loaded. */
  segmenter: Segmenter;
}

/** The enricher last built in this process: it owns nodejieba's (process-wide) dictionary. */
let enricherCache: { key: string; dir: string; enricher: Enricher } | undefined;

/** Content hash of a glossary folder (file names and bytes), the same fingerprint the index hash is made of. */
export function glossaryHash(glossaryDir: string): Promise<string> {
  return contentHash([glossaryDir]);
}

/** Reading a glossary while an editor saves it: hash, parse, hash again, until both hashes agree. */
const GLOSSARY_READ_ATTEMPTS = 5;

/** The glossary and the hash of exactly the bytes it was parsed from (a save between the two reads is retried). */
export async function readGlossary(glossaryDir: string): Promise<{ glossary: Glossary; problems: Problem[]; hash: string }> {
  for (let attempt = 1; ; attempt++) {
    const before = await glossaryHash(glossaryDir);
    const { glossary, problems } = await loadGlossary(glossaryDir);
    const after = await glossaryHash(glossaryDir);
    if (before === after) return { glossary, problems: problems.map(asProblem), hash: after };
    if (attempt >= GLOSSARY_READ_ATTEMPTS) throw new Error(`glossary ${glossaryDir} kept changing while it was read (${attempt} attempts)`);
  }
}

/** The enricher whose jieba dictionary is the one loaded now, and the folder it was last loaded for. */
export function activeEnricher(): { enricher: Enricher; glossaryDir: string } | undefined {
  return enricherCache && { enricher: enricherCache.enricher, glossaryDir: enricherCache.dir };
}

/**
 * Glossary, jieba user dictionary and aligner, built once per glossary content: nodejieba's dictionary is a
 * process-wide singleton, so the server's query segmentation and the indexer must share it. Keyed by content, not
 * path: an edited glossary must tag the next build with its new entries (a path key served the old ones, issue 18).
 * A rebuild reloads jieba, which makes segmenters of the previous enricher throw; the server follows
 * `activeEnricher()` for that reason.
 */
export async function loadEnricher(glossaryDir = DEFAULT_GLOSSARY): Promise<{ enricher: Enricher; problems: Problem[] }> {
  const { glossary, problems, hash } = await readGlossary(glossaryDir);
  const dir = path.resolve(glossaryDir);
  if (enricherCache?.key === hash) {
    // The same glossary under another folder: that folder is now the one the enricher serves.
    enricherCache.dir = dir;
    return { enricher: enricherCache.enricher, problems };
  }
  const aligner = createAligner(glossary);
  // nodejieba reads the dictionary while loading it; the file lives in a private folder only for that call.
  const enricher = await withUserDictFile(glossary, (userDictPath) => {
    const segmenter = createSegmenter({ userDictPath });
    const built: Enricher = {
      glossary,
      glossaryHash: hash,
      segmentedField: (text) => segmenter.segmentedField(text),
      cut: (text) => segmenter.cut(text),
      align: (text) => aligner.align(text),
      wordBoundaries: (text) => segmenter.wordBoundaries(text),
      segmenter,
    };
    // In the same tick as the jieba reload: no query may find the cache pointing at a stale segmenter.
    enricherCache = { key: hash, dir, enricher: built };
    return built;
  });
  return { enricher, problems };
}

/** A stem or term in at least this share of the clauses is recorded as common (the planner decides what to do with it). */
export const COMMON_STEM_SHARE = 0.01;

function common(counts: Map<string, number>, clauses: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [stem, n] of counts) if (clauses > 0 && n / clauses >= COMMON_STEM_SHARE) out[stem] = Math.round((n / clauses) * 1000) / 1000;
  return out;
}

/** Glosses kept per lexicon word: the reverse lookup matches English query words against them. */
const LEXICON_GLOSSES = 4;

function lexiconEntries(wordClauses: Map<string, number>, englishClauses: Map<string, number>, dictionary: Dictionary): LexiconEntry[] {
  const sorted = (m: Map<string, number>) => [...m].sort((a, b) => a[0].localeCompare(b[0]));
  return [
    ...sorted(wordClauses).map(
      ([zh, clauses], i): LexiconEntry => ({ id: `w${i}`, kind: 'zh', zh, en: (dictionary.get(zh) ?? []).slice(0, LEXICON_GLOSSES), clauses }),
    ),
    ...sorted(englishClauses).map(([word, clauses], i): LexiconEntry => ({ id: `e${i}`, kind: 'en', zh: '', en: [word], clauses })),
  ];
}

/**
 * The index's fingerprint: corpus, index settings and the hash of the glossary the enricher was built from. Not a
 * second read of the glossary folder: one edited in between would be stamped on clauses tagged with the old one.
 */
async function hashOf(source: DocumentSource, glossaryHash: string): Promise<string> {
  return contentHash([source.root], envParts(glossaryHash));
}

const envParts = (glossaryHash: string) => [
  `glossary:${glossaryHash}`,
  JSON.stringify([clauseIndexSettings(), documentIndexSettings(), lexiconIndexSettings()]),
];

/** The fingerprint of all but the corpus: an incremental update applies only while it is the live index's. */
function envHashOf(glossaryHash: string): Promise<string> {
  return contentHash([], envParts(glossaryHash));
}

/** A build that must not be published (nothing indexable); the live index is left as it is. */
export class IndexBuildError extends Error {
  override readonly name = 'IndexBuildError';
  constructor(
    message: string,
    readonly problems: Problem[],
  ) {
    super(message);
  }
}

const hasErrors = (problems: Problem[]) => problems.some((p) => p.severity === 'error');

/**
 * The corpus read once more (parsing is cheap; enrichment is what a rebuild spends its time on) and the change
 * applied to the live index when incrementalUpdate can; null when a rebuild must run (nothing written then).
 */
async function tryIncremental(
  client: Meilisearch,
  prefix: string,
  live: IndexState,
  envHash: string,
  contentHash: string,
  source: DocumentSource,
  enricher: Enricher,
  options: IndexRunOptions,
  problems: Problem[],
): Promise<{ result: IncrementalResult; skipped: number } | null> {
  if (live.envHash !== envHash || live.related !== false) return null;
  const corpus: CorpusDocument[] = [];
  const found: Problem[] = [];
  let skipped = 0;
  for await (const item of source.documents()) {
    found.push(...item.problems);
    const doc = item.document && !hasErrors(item.problems) ? item.document : undefined;
    skipped += item.skipped ?? (doc ? 0 : 1);
    if (doc) corpus.push(doc);
  }
  // Within the related-clauses limit, every change changes other documents' related clauses: a rebuild.
  if (corpus.length === 0 || corpus.reduce((n, d) => n + d.clauses.length, 0) <= (options.relatedClauses ?? INDEX_LIMITS.relatedClauses)) return null;
  const context = { ...enricher, dictionary: options.dictionary ?? loadCedict() };
  const result = await incrementalUpdate({
    client,
    names: indexNames(prefix),
    live,
    envHash,
    contentHash,
    corpus,
    skipped,
    context,
    ...(options.onIncrementalStep ? { onStep: options.onIncrementalStep } : {}),
  });
  if (result) problems.push(...found);
  return result && { result, skipped };
}

export async function runIndex(options: IndexRunOptions): Promise<IndexSummary> {
  const started = performance.now();
  const corpus = options.corpus ?? DEFAULT_CORPUS;
  const glossaryDir = options.glossaryDir ?? DEFAULT_GLOSSARY;
  const prefix = options.prefix ?? DEFAULT_INDEX_PREFIX;
  const batchSize = options.batchSize ?? 5000;
  const { enricher, problems: glossaryProblems } = await loadEnricher(glossaryDir);
  const problems: Problem[] = glossaryProblems.filter((p) => p.severity === 'error');
  const source = await openSource(corpus);
  let skipped = 0;
  const summary = (status: IndexSummary['status'], hash: string, documents: number, clauses: number, termsTagged: number): IndexSummary => {
    const seconds = (performance.now() - started) / 1000;
    return { status, documents, clauses, skipped, termsTagged, problems, seconds, clausesPerSecond: clauses / Math.max(seconds, 1e-9), contentHash: hash };
  };
  try {
    const hash = await hashOf(source, enricher.glossaryHash);
    const envHash = await envHashOf(enricher.glossaryHash);
    const client = options.client;
    if (!options.dryRun) {
      if (!client) throw new Error('runIndex needs a Meilisearch client unless dryRun is set');
      // Before the unchanged check: a killed build's staging indexes go even when there is nothing to rebuild.
      await dropAbandonedStaging(client, prefix);
      const live = await readLiveState(client, indexNames(prefix));
      if (!options.force && live?.contentHash === hash) {
        skipped = live.skipped ?? 0;
        return summary('unchanged', hash, live.documents, live.clauses, 0);
      }
      if (!options.force && live) {
        const done = await tryIncremental(client, prefix, live, envHash, hash, source, enricher, options, problems);
        if (done) {
          skipped = done.skipped;
          const { diff } = done.result;
          return {
            ...summary('indexed', hash, done.result.documents, done.result.clauses, done.result.termsTagged),
            mode: 'incremental',
            changes: { added: diff.added.map((d) => d.meta.id), changed: diff.changed.map((d) => d.meta.id), removed: diff.removed },
          };
        }
      }
    }

    // Only once a build is needed: CC-CEDICT costs ~0.85 s and ~87 MB to load, which a server finding its index
    // current must not pay at every start (measured, docs/benchmarks.md "English glosses").
    const dictionary = options.dictionary ?? loadCedict();
    const context = { ...enricher, dictionary };
    let documents = 0;
    let clauses = 0;
    let termsTagged = 0;
    const pending: number[] = [];
    // Corpus words the dictionary knows, by the number of clauses containing them: the server's English → Chinese lexicon.
    const wordClauses = new Map<string, number>();
    // English stems by clauses containing them: the commonest ("foreign", "invest") say nothing about a clause here.
    const stemClauses = new Map<string, number>();
    const termClauses = new Map<string, number>();
    // English words of the translations, glosses and glossary renderings: what a mistyped query word is corrected to.
    const englishClauses = new Map<string, number>();
    const countWords = (clause: IndexedClause) => {
      const english = clause.text_en !== null ? `${clause.heading_en ?? ''} ${clause.text_en}` : glossField(clause.text_seg.split(' '), dictionary);
      for (const word of new Set(stemmedTokens(`${english} ${clause.terms_en.join(' ')}`).map((t) => t.norm))) {
        if (/^[a-z]{2,}$/.test(word)) englishClauses.set(word, (englishClauses.get(word) ?? 0) + 1);
      }
      for (const id of clause.termIds) termClauses.set(id, (termClauses.get(id) ?? 0) + 1);
      const stems = `${clause.heading_en_stem} ${clause.text_en_stem} ${clause.terms_en_stem} ${clause.gloss_en_stem}`.split(' ');
      for (const stem of new Set(stems)) if (stem) stemClauses.set(stem, (stemClauses.get(stem) ?? 0) + 1);
      for (const word of new Set(clause.text_seg.split(' '))) {
        if ([...word].length >= 2 && dictionary.has(word)) wordClauses.set(word, (wordClauses.get(word) ?? 0) + 1);
      }
    };
    // Related clauses and citations compare every document with every other: gathered while streaming, computed
    // once the corpus is read, and written onto the staged clauses before the swap.
    // Beyond INDEX_LIMITS.relatedClauses the clauses gathered so far are dropped: the comparison would cost minutes
    // and gigabytes (the law archive), so such a build has citations but no related clauses.
    const relatedLimit = options.relatedClauses ?? INDEX_LIMITS.relatedClauses;
    let relatables: RelatableClause[] | null = [];
    const citing: CitingClause[] = [];
    const docNumbers: Array<{ id: string; docNumber?: string }> = [];
    const gather = (doc: CorpusDocument, indexed: IndexedClause[]) => {
      const byId = new Map(indexed.map((c) => [c.id, c]));
      for (const c of indexed) {
        relatables?.push(relatable(c, (c.parentId && byId.get(c.parentId)?.heading_seg) || '', context.segmentedField));
        if (c.refs.length > 0) citing.push({ id: c.id, docId: c.docId, text: c.text });
      }
      if (relatables && relatables.length > relatedLimit) {
        relatables = null;
        problems.push({
          file: '(corpus)',
          severity: 'warning',
          message: `more than ${relatedLimit} clauses: related clauses across documents are not computed for this build`,
        });
      }
      docNumbers.push({ id: doc.meta.id, docNumber: doc.meta.docNumber });
    };
    const crossDocumentFields = (): Array<Pick<IndexedClause, 'id' | 'related' | 'citesDocs'>> => {
      const links = relatables ? relatedClauses(relatables) : new Map<string, RelatedLink[]>();
      const { cites } = citations(docNumbers, citing);
      const ids = new Set([...links.keys(), ...cites.keys()]);
      return [...ids].map((id) => ({ id, related: links.get(id) ?? [], citesDocs: cites.get(id) ?? [] }));
    };
    const fill = async (staging: IndexNames | null) => {
      let batch: IndexedClause[] = [];
      let docBatch: ReturnType<typeof toIndexedDocument>[] = [];
      const flush = async () => {
        if (staging && client) {
          if (batch.length > 0) pending.push((await client.index(staging.clauses).addDocuments(batch)).taskUid);
          if (docBatch.length > 0) pending.push((await client.index(staging.documents).addDocuments(docBatch)).taskUid);
        }
        batch = [];
        docBatch = [];
      };
      let seen = 0;
      for await (const item of source.documents()) {
        problems.push(...item.problems);
        // A document with errors is reported and left out (corpus folders are filtered when loaded, laws here).
        const doc = item.document && !hasErrors(item.problems) ? item.document : undefined;
        skipped += item.skipped ?? (doc ? 0 : 1);
        if (doc) {
          seen += 1;
          const indexed = doc.clauses.map((clause) => toIndexedClause(clause, doc, context));
          indexed.forEach(countWords);
          gather(doc, indexed);
          options.onDocument?.(doc, indexed);
          documents += 1;
          clauses += indexed.length;
          termsTagged += indexed.reduce((n, c) => n + c.termSpans.length, 0);
          batch.push(...indexed);
          docBatch.push({ ...toIndexedDocument(doc), hash: documentHash(doc) });
          if (batch.length >= batchSize) await flush();
        } else if (source.kind === 'markdown') {
          seen += 1;
        }
        options.onProgress?.({ documents: seen, totalDocuments: source.total, clauses });
      }
      // Publishing nothing would replace a good index with an empty one (every file broken, a wrong --corpus).
      if (staging && documents === 0) {
        throw new IndexBuildError(`no document could be indexed (${skipped} skipped for errors): the live index is left as it is`, problems);
      }
      await flush();
      const crossDocument = crossDocumentFields();
      if (staging && client) {
        // A partial update, queued after the additions: the engine applies an index's tasks in order.
        for (let i = 0; i < crossDocument.length; i += batchSize) {
          pending.push((await client.index(staging.clauses).updateDocuments(crossDocument.slice(i, i + batchSize))).taskUid);
        }
        const lexicon = lexiconEntries(wordClauses, englishClauses, dictionary);
        for (let i = 0; i < lexicon.length; i += batchSize) {
          pending.push((await client.index(staging.lexicon).addDocuments(lexicon.slice(i, i + batchSize))).taskUid);
        }
      }
      if (client) for (const uid of pending) assertSucceeded(await client.tasks.waitForTask(uid, { timeout: 3_600_000, interval: 250 }));
      return {
        documents,
        clauses,
        skipped,
        commonStems: common(stemClauses, clauses),
        commonTerms: common(termClauses, clauses),
        envHash,
        related: relatables !== null,
      };
    };

    if (options.dryRun || !client) {
      await fill(null);
      return summary('dry-run', hash, documents, clauses, termsTagged);
    }
    await publish(client, {
      prefix,
      clauseSettings: clauseIndexSettings(),
      documentSettings: documentIndexSettings(),
      lexiconSettings: lexiconIndexSettings(),
      contentHash: hash,
      fill,
    });
    return { ...summary('indexed', hash, documents, clauses, termsTagged), mode: 'full' };
  } finally {
    await source.close();
  }
}
