// The seed corpus parsed and enriched as the indexer does (no engine), with the related-clause links computed on it.
import { loadCorpus } from '../../indexer/corpus.ts';
import { toIndexedClause } from '../../indexer/enrich.ts';
import { loadEnricher } from '../../indexer/pipeline.ts';
import { relatable, relatedClauses, type RelatedLink } from '../../indexer/related.ts';

export interface RelatedCorpus {
  related: Map<string, RelatedLink[]>;
  /** "<doc-id> <path.zh>" → clause id. */
  idByCite: Map<string, string>;
  docOf: Map<string, string>;
  /** Clause ids of each document, in order. */
  clausesOf: Map<string, string[]>;
}

export async function relatedCorpus(): Promise<RelatedCorpus> {
  const docs = (await loadCorpus('corpus')).documents;
  const { enricher } = await loadEnricher();
  const idByCite = new Map<string, string>();
  const docOf = new Map<string, string>();
  const clausesOf = new Map<string, string[]>();
  const clauses = docs.flatMap((d) => {
    const indexed = d.clauses.map((c) => toIndexedClause(c, d, enricher));
    const byId = new Map(indexed.map((c) => [c.id, c]));
    clausesOf.set(
      d.meta.id,
      d.clauses.map((c) => c.id),
    );
    for (const c of d.clauses) {
      idByCite.set(`${d.meta.id} ${c.path.zh}`, c.id);
      docOf.set(c.id, d.meta.id);
    }
    return indexed.map((c) => relatable(c, (c.parentId && byId.get(c.parentId)?.heading_seg) || '', enricher.segmentedField));
  });
  return { related: relatedClauses(clauses), idByCite, docOf, clausesOf };
}
