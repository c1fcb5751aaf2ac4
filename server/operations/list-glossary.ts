// GET /api/glossary: the glossary, paged, optionally looked up or filtered by category.
import { GlossaryListResponse, glossaryListQuery } from '../../shared/contract/glossary.ts';
import { engineWork, searchContext } from './context.ts';
import { INVALID_PARAMETER, UNAVAILABLE } from './errors.ts';
import { glossaryState } from './glossary-state.ts';
import { defineOperation } from './operation.ts';
import { entryView } from './views.ts';

export const listGlossary = defineOperation({
  id: 'listGlossary',
  method: 'get',
  path: '/api/glossary',
  tag: 'glossary',
  summary: 'List or look up glossary entries',
  description: 'The bilingual glossary that drives query expansion, segmentation and term tagging, with how many clauses contain each entry.',
  query: glossaryListQuery,
  output: GlossaryListResponse,
  outputDescription: 'A page of entries.',
  errors: { ...INVALID_PARAMETER, ...UNAVAILABLE },
  async run({ runtime, signal }, { query }) {
    const state = glossaryState(runtime);
    const q = query.q?.trim();
    let entries = q ? runtime.lookup.lookup(q, { limit: 100 }).map((r) => r.entry) : state.alphabetical;
    if (query.category) entries = entries.filter((e) => e.category === query.category);
    const ctx = searchContext(runtime);
    const map = await engineWork(runtime, signal, () => state.occurrences(ctx));
    return { total: entries.length, entries: entries.slice(query.offset, query.offset + query.limit).map((e) => entryView(e, map)) };
  },
});
