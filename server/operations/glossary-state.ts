// What the glossary operations keep per runtime: the entries in browsing order and the occurrence counts.
import type { GlossaryEntry } from '../../glossary/types.ts';
import { detachedFromRequest } from '../../engine/client.ts';
import { termOccurrences } from '../search/clauses.ts';
import type { SearchContext } from '../search/execute.ts';
import { perGlossary } from './operation.ts';

export interface GlossaryState {
  /** By category, then pinyin: the list without a query. */
  alphabetical: readonly GlossaryEntry[];
  /** Clauses containing each entry, in the live index. */
  occurrences(ctx: SearchContext): Promise<Map<string, number>>;
}

export const glossaryState = perGlossary((runtime): GlossaryState => {
  const { glossary } = runtime.enricher;
  const alphabetical = [...glossary.entries].sort((a, b) => a.category.localeCompare(b.category) || a.pinyin.localeCompare(b.pinyin));
  // Occurrence counts change only with the index: one count query per entry, sent together, once per index build.
  // Concurrent first requests share that one multi-search instead of each sending it; a failure is not kept.
  let counts: { hash: string; map: Promise<Map<string, number>> } | null = null;
  const occurrences = (ctx: SearchContext): Promise<Map<string, number>> => {
    if (counts?.hash !== ctx.catalog.contentHash) {
      const hash = ctx.catalog.contentHash;
      const map = detachedFromRequest(() =>
        termOccurrences(
          ctx,
          glossary.entries.map((e) => e.id),
        ),
      );
      map.catch(() => {
        if (counts?.hash === hash) counts = null;
      });
      counts = { hash, map };
    }
    return counts.map;
  };
  return { alphabetical, occurrences };
});
