// Keyword-in-context concordance over corpus clauses, for translators checking how a term is used.
import type { ClausePath, CorpusDocument } from '../indexer/types.ts';
import { createAligner } from '../glossary/align.ts';
import type { GlossaryEntry, TermMatch } from '../glossary/types.ts';

export interface ConcordanceLine {
  clauseId: string;
  docId: string;
  path: ClausePath;
  left: string;
  match: string;
  right: string;
  /** UTF-16 offsets of `match` in the clause text. */
  start: number;
  end: number;
}

export interface Concordance {
  lines: ConcordanceLine[];
  /** Documents with at least one occurrence, most occurrences first. */
  perDocument: { docId: string; count: number }[];
  total: number;
}

/**
 * Every occurrence of a glossary entry (through all its zh forms) or of a literal Chinese string, with
 * `width` characters (default 12) of context either side, in document and clause order.
 */
export function concordance(
  query: { entry?: GlossaryEntry; text?: string },
  documents: CorpusDocument[],
  opts: {
    width?: number;
    /** The whole glossary's alignment as the index computes it; without it, the entry's forms match literally. */
    align?: (text: string) => TermMatch[];
  } = {},
): Concordance {
  const width = opts.width ?? 12;
  const entryId = query.entry?.id;
  const align = opts.align;
  const find = align && entryId ? (text: string) => align(text).filter((m) => m.entryId === entryId) : matcherFor(query);
  const lines: ConcordanceLine[] = [];
  const counts = new Map<string, number>();
  for (const doc of documents) {
    for (const clause of doc.clauses) {
      for (const { start, end } of find(clause.text)) {
        lines.push({
          clauseId: clause.id,
          docId: clause.docId,
          path: clause.path,
          left: clause.text.slice(Math.max(0, start - width), start),
          match: clause.text.slice(start, end),
          right: clause.text.slice(end, end + width),
          start,
          end,
        });
        counts.set(clause.docId, (counts.get(clause.docId) ?? 0) + 1);
      }
    }
  }
  // Stable sort keeps document order among equal counts.
  const perDocument = [...counts].map(([docId, count]) => ({ docId, count })).sort((a, b) => b.count - a.count);
  return { lines, perDocument, total: lines.length };
}

function matcherFor(query: { entry?: GlossaryEntry; text?: string }): (text: string) => { start: number; end: number }[] {
  if (query.entry) {
    const entry = query.entry;
    const aligner = createAligner({ entries: [entry], byId: new Map([[entry.id, entry]]) });
    return (text) => aligner.align(text);
  }
  const needle = query.text;
  if (needle === undefined || needle === '') throw new Error('concordance needs an entry or a non-empty text');
  return (text) => {
    const found: { start: number; end: number }[] = [];
    for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + needle.length)) {
      found.push({ start: i, end: i + needle.length });
    }
    return found;
  };
}
