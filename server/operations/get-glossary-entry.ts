// GET /api/glossary/{id}: an entry with its concordance and per-document counts.
import { GlossaryEntryResponse, glossaryEntryPath, glossaryEntryQuery } from '../../shared/contract/glossary.ts';
import { ApiError } from '../http/errors.ts';
import { concordance } from '../search/clauses.ts';
import { engineWork, searchContext } from './context.ts';
import { INVALID_PARAMETER, UNAVAILABLE } from './errors.ts';
import { glossaryState } from './glossary-state.ts';
import { defineOperation } from './operation.ts';
import { entryView } from './views.ts';

export const getGlossaryEntry = defineOperation({
  id: 'getGlossaryEntry',
  method: 'get',
  path: '/api/glossary/{id}',
  tag: 'glossary',
  summary: 'A glossary entry with its concordance',
  description:
    'The entry, every occurrence in the index as a keyword-in-context line (newest documents first, then in document order; at most 500 clauses, the request budget), and occurrence counts per document.',
  params: glossaryEntryPath,
  query: glossaryEntryQuery,
  output: GlossaryEntryResponse,
  outputDescription: 'The entry, its concordance and per-document counts.',
  errors: { ...INVALID_PARAMETER, not_found: 'No glossary entry has this id.', ...UNAVAILABLE },
  async run({ runtime, signal }, { params }) {
    const entry = runtime.enricher.glossary.byId.get(params.id);
    if (!entry) throw ApiError.notFound('entry');
    const ctx = searchContext(runtime);
    const state = glossaryState(runtime);
    // A concordance fetches hundreds of clauses: the expensive requests' lane.
    const [lines, map] = await engineWork(runtime, signal, () => Promise.all([concordance(ctx, entry.id), state.occurrences(ctx)]), 'heavy');
    const perDocument = new Map<string, number>();
    for (const l of lines) perDocument.set(l.docId, (perDocument.get(l.docId) ?? 0) + 1);
    // Ids in the note (`compare investment-promotion`) name other entries; only real ones are returned.
    const refs = new Set([...`${entry.note ?? ''} ${entry.source ?? ''}`.matchAll(/[a-z0-9]+(?:-[a-z0-9]+)+/g)].map((m) => m[0]));
    const noteRefs = [...refs].flatMap((id) => {
      const other = id === entry.id ? undefined : runtime.enricher.glossary.byId.get(id);
      return other ? [{ id: other.id, zh: other.zh, en: other.en }] : [];
    });
    return {
      noteRefs,
      entry: entryView(entry, map),
      concordance: lines,
      perDocument: [...perDocument].map(([docId, count]) => ({ docId, title: ctx.catalog.byId.get(docId)?.title ?? null, count })),
    };
  },
});
