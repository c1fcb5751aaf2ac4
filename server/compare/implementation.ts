// How one document implements another: for each clause of the reference (the national measures), the clauses of the
// other document that take it up, or none ("not taken up"); and the other document's clauses that take up nothing of
// the reference ("new in Jiangxi"). Read off the related-clause links the indexer computed (indexer/related.ts).

export interface Link {
  id: string;
  score: number;
  relation: 'same' | 'related';
}

export interface ImplementationRow {
  clauseId: string;
  implementedBy: Link[];
}

export interface Implementation {
  rows: ImplementationRow[];
  /** Clauses of the other document linked to no clause of the reference. */
  newClauses: string[];
}

/**
 * A link this strong means the other document takes the measure up. Measured on eval/related.yaml (the 15 national
 * items × the four local documents, 60 judgements): "not taken up" at 0.10 → precision 1.0, recall 0.6; 0.12 → 0.8 /
 * 0.8 (accuracy 0.90); 0.15 → 0.65 / 1.0. 0.12 balances a missed implementation against a false "not taken up".
 */
export const IMPLEMENTS_SCORE = 0.12;

export function implementation(reference: string[], other: string[], linksOf: (clauseId: string) => Link[], threshold = IMPLEMENTS_SCORE): Implementation {
  const inOther = new Set(other);
  const covered = new Set<string>();
  const rows = reference.map((clauseId) => {
    const implementedBy = linksOf(clauseId).filter((l) => inOther.has(l.id) && l.score >= threshold);
    for (const l of implementedBy) covered.add(l.id);
    return { clauseId, implementedBy };
  });
  // The other direction too: a local clause whose best national match is this one implements it, even when the
  // national clause's own list (capped per clause) had no room for it.
  const refSet = new Set(reference);
  for (const id of other) {
    for (const l of linksOf(id)) {
      if (!refSet.has(l.id) || l.score < threshold) continue;
      covered.add(id);
      const row = rows.find((r) => r.clauseId === l.id)!;
      if (!row.implementedBy.some((x) => x.id === id)) row.implementedBy.push({ id, score: l.score, relation: l.relation });
    }
  }
  for (const row of rows) row.implementedBy.sort((a, b) => b.score - a.score);
  return { rows, newClauses: other.filter((id) => !covered.has(id)) };
}
