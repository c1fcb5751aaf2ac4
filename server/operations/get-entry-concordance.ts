// GET /api/glossary/{id}/concordance: an entry's occurrences as Chinese–English sentence pairs, counted per rendering.
import { ConcordanceResponse, entryConcordancePath, entryConcordanceQuery } from '../../shared/contract/concordance.ts';
import { ApiError } from '../http/errors.ts';
import { buildConcordance, concordanceCsv, page } from './concordance-pairs.ts';
import { engineWork, searchContext } from './context.ts';
import { INVALID_PARAMETER, UNAVAILABLE } from './errors.ts';
import { defineOperation } from './operation.ts';

export const getEntryConcordance = defineOperation({
  id: 'getEntryConcordance',
  method: 'get',
  path: '/api/glossary/{id}/concordance',
  tag: 'glossary',
  summary: "A glossary entry's bilingual concordance",
  description:
    "Every occurrence of the entry (the clauses the index tags with it, newest documents first, at most 500 clauses) as a sentence pair: the Chinese sentence with the term's ranges and the aligned English sentence of the clause's translation with the rendering's ranges; counts per rendering (preferred, variants, other/unmarked). `format=csv` sends every pair as a CSV file.",
  params: entryConcordancePath,
  query: entryConcordanceQuery,
  output: ConcordanceResponse,
  outputDescription: 'The pairs (a page), the counts per rendering over all of them.',
  alternatives: {
    'text/csv': 'Every pair: doc, path_zh, path_en, zh, en, zh_marked, en_marked (term and rendering in 【】), rendering, alignment, reason, clause.',
  },
  errors: { ...INVALID_PARAMETER, not_found: 'No glossary entry has this id.', ...UNAVAILABLE },
  async run({ runtime, signal }, { params, query }) {
    const entry = runtime.enricher.glossary.byId.get(params.id);
    if (!entry) throw ApiError.notFound('entry');
    const ctx = searchContext(runtime);
    const full = await engineWork(runtime, signal, () => buildConcordance(ctx, runtime.enricher.glossary, { kind: 'entry', entry }, query), 'heavy');
    // CSV is the whole concordance, unpaged.
    return query.format === 'csv' ? page(full, { offset: 0, limit: full.total }) : page(full, query);
  },
  represent(out, query) {
    if (query.format !== 'csv') return null;
    return { contentType: 'text/csv; charset=utf-8', filename: `${out.query.entryId ?? 'concordance'}-concordance.csv`, body: concordanceCsv(out.pairs) };
  },
});
