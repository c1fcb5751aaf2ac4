// GET /api/glossary/candidates: frequent corpus terms the glossary lacks, domain terms first, for translators to review.
import { stringify } from 'csv-stringify/sync';
import { CandidatesResponse, candidatesQuery, type CandidateTermView } from '../../shared/contract/candidates.ts';
import { TRANSLATOR_LIMITS } from '../../shared/limits.ts';
import { loadCorpus } from '../../indexer/corpus.ts';
import { cedictFor } from '../../indexer/dictionary.ts';
import type { CorpusDocument } from '../../indexer/types.ts';
import { candidates } from '../../translator/candidates.ts';
import type { Runtime } from '../runtime.ts';
import { searchContext } from './context.ts';
import { INVALID_PARAMETER, UNAVAILABLE } from './errors.ts';
import { defineOperation } from './operation.ts';

interface Computed {
  list: CandidateTermView[];
  truncated: boolean;
}

// The list is the same for every request of one index version (corpus and glossary): computed once, shared by
// concurrent requests, replaced when a build serves another version.
const cache = new WeakMap<Runtime, { key: string; value: Promise<Computed> }>();

async function compute(runtime: Runtime): Promise<Computed> {
  const { documents } = await loadCorpus(runtime.corpus);
  // Bounded: whole documents, in corpus order, up to the clause budget.
  const used: CorpusDocument[] = [];
  let clauses = 0;
  for (const doc of documents) {
    if (clauses + doc.clauses.length > TRANSLATOR_LIMITS.candidateClauses) break;
    used.push(doc);
    clauses += doc.clauses.length;
  }
  const enricher = runtime.enricher;
  const list = candidates(used, enricher.glossary, [], { segmenter: enricher.segmenter, dictionary: cedictFor, limit: TRANSLATOR_LIMITS.candidates });
  return {
    truncated: used.length < documents.length,
    list: list.map((c) => ({
      term: c.term,
      score: c.score,
      frequency: c.frequency,
      documentCount: c.documentCount,
      documents: c.documents,
      examples: c.examples.map((e) => ({ ...e, path: { zh: e.path.zh, en: e.path.en } })),
      english: c.english,
    })),
  };
}

function computed(runtime: Runtime): Promise<Computed> {
  const key = `${runtime.status().index?.contentHash ?? ''}:${runtime.enricher.glossaryHash}`;
  const hit = cache.get(runtime);
  if (hit?.key === key) return hit.value;
  const value = compute(runtime);
  // A failure is not kept: the next request tries again.
  value.catch(() => cache.delete(runtime));
  cache.set(runtime, { key, value });
  return value;
}

export function candidatesCsv(list: readonly CandidateTermView[]): string {
  const kwic = (c: CandidateTermView) => c.examples.map((e) => `${e.left}【${e.match}】${e.right} (${e.docId} ${e.path.zh})`).join(' | ');
  return stringify(
    list.map((c) => [c.term, c.score, c.frequency, c.documentCount, c.documents.join(' | '), kwic(c), c.english.join(' | ')]),
    { header: true, columns: ['term', 'score', 'frequency', 'documents_count', 'documents', 'kwic', 'english_suggestion'], bom: false },
  );
}

export const listCandidates = defineOperation({
  id: 'listCandidates',
  method: 'get',
  path: '/api/glossary/candidates',
  tag: 'glossary',
  summary: 'Candidate terms: frequent corpus terms not yet in the glossary',
  description:
    "Nominal corpus terms the glossary lacks, ranked by summed per-document TF-IDF against CC-CEDICT as a general-language baseline (a word the dictionary knows keeps a quarter of its score), without administrative filler; each with frequency, documents, one or two contexts and the dictionary's English as a suggestion (unofficial). Computed once per index version, from at most 20,000 clauses; the best 500 are kept. `format=csv` sends them all as a download.",
  query: candidatesQuery,
  output: CandidatesResponse,
  outputDescription: 'A page of candidates, best first.',
  alternatives: { 'text/csv': 'Every candidate: term, score, frequency, documents_count, documents, kwic (term in 【】), english_suggestion.' },
  errors: { ...INVALID_PARAMETER, ...UNAVAILABLE },
  async run({ runtime }, { query }) {
    // The list follows the served index: none while it is being built.
    searchContext(runtime);
    const { list, truncated } = await computed(runtime);
    const all = query.format === 'csv';
    const offset = all ? 0 : query.offset;
    return { total: list.length, offset, truncated, candidates: all ? list : list.slice(offset, offset + query.limit) };
  },
  represent(out, query) {
    if (query.format !== 'csv') return null;
    return { contentType: 'text/csv; charset=utf-8', filename: 'candidate-terms.csv', body: candidatesCsv(out.candidates) };
  },
});
