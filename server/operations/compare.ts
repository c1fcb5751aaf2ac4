// GET /api/compare?a=&b=: two clauses side by side, with a word-level diff of their Chinese.
import { CompareResponse, compareQuery } from '../../shared/contract/compare.ts';
import { sameShare, splitAt, wordDiff } from '../compare/diff.ts';
import { ApiError } from '../http/errors.ts';
import { docSummary } from '../search/catalog.ts';
import { clausesByIds, clauseView } from '../search/clauses.ts';
import { engineWork, searchContext } from './context.ts';
import { INVALID_PARAMETER, UNAVAILABLE } from './errors.ts';
import { ID } from './ids.ts';
import { defineOperation } from './operation.ts';

export const compareClauses = defineOperation({
  id: 'compareClauses',
  method: 'get',
  path: '/api/compare',
  tag: 'documents',
  summary: 'Two clauses side by side, with what each adds or drops',
  description:
    'Both clauses in full (Chinese and English) and a diff of their Chinese over jieba words: `removed` runs are only in `a`, `added` runs only in `b`. Typically `a` is a national measure and `b` a local clause implementing it (see `GET /api/clauses/{id}/related`).',
  query: compareQuery,
  output: CompareResponse,
  outputDescription: 'Both clauses and the diff.',
  errors: { ...INVALID_PARAMETER, not_found: 'Either id names no clause.', ...UNAVAILABLE },
  async run({ runtime, signal }, { query }) {
    const ctx = searchContext(runtime);
    if (!ID.test(query.a) || !ID.test(query.b)) throw ApiError.notFound('clause');
    const found = await engineWork(runtime, signal, () => clausesByIds(ctx, [query.a, query.b]));
    const a = found.find((c) => c.id === query.a);
    const b = found.find((c) => c.id === query.b);
    const docA = a ? ctx.catalog.byId.get(a.docId) : undefined;
    const docB = b ? ctx.catalog.byId.get(b.docId) : undefined;
    if (!a || !b || !docA || !docB) throw ApiError.notFound('clause');
    const words = (text: string) => splitAt(text, runtime.enricher.wordBoundaries(text));
    const diff = wordDiff(words(a.text), words(b.text));
    const glossary = runtime.enricher.glossary;
    return {
      a: { clause: clauseView(a, glossary), document: docSummary(docA) },
      b: { clause: clauseView(b, glossary), document: docSummary(docB) },
      diff,
      sameShare: Math.round(sameShare(diff) * 1000) / 1000,
    };
  },
});
