// Documents citing each other: a clause that writes a document number (1586号 in full, 国发〔2023〕11号) links to
// that document when the corpus holds it; each document then lists the clauses that cite it.
import { canonicalDocNumber, findDocNumbers } from './refs.ts';

export interface CitingClause {
  id: string;
  docId: string;
  text: string;
}

export interface Citations {
  /** Clause id → ids of the corpus documents it cites (never its own document). */
  cites: Map<string, string[]>;
  /** Document id → ids of the clauses (of other documents) citing it, in corpus order. */
  citedBy: Map<string, string[]>;
}

/** `documents`: id and document number (发改外资〔2022〕1586号) of each corpus document that has one. */
export function citations(documents: Array<{ id: string; docNumber?: string }>, clauses: CitingClause[]): Citations {
  // Full numbers are compared on year and serial: the issuer prefix is not reliably delimited in running text.
  const byYearSerial = new Map<string, string>();
  for (const d of documents) {
    const m = d.docNumber?.match(/^(.*)〔(\d{4})〕(\d+)号$/);
    if (m) byYearSerial.set(canonicalDocNumber(m[1]!, m[2]!, m[3]!).yearSerial, d.id);
  }
  const cites = new Map<string, string[]>();
  const citedBy = new Map<string, string[]>();
  for (const c of clauses) {
    const targets = [...new Set(findDocNumbers(c.text).map((n) => byYearSerial.get(n.yearSerial)))].filter(
      (id): id is string => id !== undefined && id !== c.docId,
    );
    if (targets.length === 0) continue;
    cites.set(c.id, targets);
    for (const t of targets) citedBy.set(t, [...(citedBy.get(t) ?? []), c.id]);
  }
  return { cites, citedBy };
}
