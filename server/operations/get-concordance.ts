// GET /api/concordance?q=: the bilingual concordance of any Chinese or English string.
import { ConcordanceResponse, concordanceQuery } from '../../shared/contract/concordance.ts';
import { buildConcordance, page, type Target } from './concordance-pairs.ts';
import { engineWork, searchContext } from './context.ts';
import { INVALID_PARAMETER, UNAVAILABLE } from './errors.ts';
import { defineOperation } from './operation.ts';

/** The lookup score from which a query stands for its glossary entry (an exact Chinese or English form). */
const ENTRY_SCORE = 0.9;

export const getConcordance = defineOperation({
  id: 'getConcordance',
  method: 'get',
  path: '/api/concordance',
  tag: 'glossary',
  summary: 'Bilingual concordance of a Chinese or English string',
  description:
    'A glossary term (its Chinese or an English rendering) is searched as that entry, as `GET /api/glossary/{id}/concordance` does; other Chinese is found literally in the clauses, other English by word in the translations (case, plurals and British spelling aside), each occurrence as a sentence pair. For English, `renderings` counts the Chinese glossary forms found on the Chinese side. At most 500 clauses are read.',
  query: concordanceQuery,
  output: ConcordanceResponse,
  outputDescription: 'The pairs (a page) and the counts.',
  errors: { ...INVALID_PARAMETER, ...UNAVAILABLE },
  async run({ runtime, signal }, { query }) {
    const q = query.q.trim();
    const best = q ? runtime.lookup.lookup(q, { limit: 1 })[0] : undefined;
    const target: Target =
      best && best.score >= ENTRY_SCORE ? { kind: 'entry', entry: best.entry } : /\p{Script=Han}/u.test(q) ? { kind: 'zh', text: q } : { kind: 'en', text: q };
    const ctx = searchContext(runtime);
    const full = await engineWork(runtime, signal, () => buildConcordance(ctx, runtime.enricher.glossary, target, query), 'heavy');
    return page(full, query);
  },
});
