// What a journalist's views show, worked out from the API's answers (pure: no DOM, no interface language): the
// line saying what a cited clause resolved to, a clause's related clauses in other documents, two clauses side by
// side with their differences, and how local documents take up the national measures.
// Rendered by journalist-parts.ts (notice, related list, implementation table) and compare-page.ts.
import type {
  ClauseView,
  CompareResponse,
  DocSummary,
  DocumentView,
  ImplementationResponse,
  LocatedClause,
  RelatedResponse,
} from '../../shared/contract/index.ts';
import type { PathSegment } from '../../shared/structure.ts';
import type { Bilingual, ClauseKind, Level } from '../../shared/types.ts';
import { comparePath, documentPath } from './routes.ts';

/** What a clause link needs to be labelled (clauseLabel in view.ts). */
export interface ClauseRef {
  kind: ClauseKind;
  pathSegments: PathSegment[];
}

const ref = (clause: { kind: ClauseKind; pathSegments: PathSegment[] }): ClauseRef => ({ kind: clause.kind, pathSegments: clause.pathSegments });

// ---------------------------------------------------------------------------------------------------------------
// Search: "Jiangxi 二、（十二） (Part II, Item 12)" or "Jiangxi has no such clause. Nearest: 三、（十八）".

export type LocatedModel =
  | { kind: 'found'; doc: DocSummary; path: Bilingual; href: string }
  | { kind: 'missing'; doc: DocSummary; cited: Bilingual; nearest: { path: Bilingual; href: string } | null };

/** The notice above the results when the query cites a clause; a missing one names the path it asked for. */
export function locatedModel(located: LocatedClause | null): LocatedModel | null {
  if (!located) return null;
  const doc = located.document;
  if (located.status === 'found') {
    if (!located.clauseId || !located.path) return null;
    return { kind: 'found', doc, path: located.path, href: documentPath(doc.id, located.clauseId) };
  }
  const nearest = located.nearest ? { path: located.nearest.path, href: documentPath(doc.id, located.nearest.clauseId) } : null;
  return { kind: 'missing', doc, cited: located.cited, nearest };
}

// ---------------------------------------------------------------------------------------------------------------
// Related clauses, each opening the comparison of the two.

// Highest first, as shared/types.ts LEVELS lists them (its values are not imported: that module brings zod along,
// which the page does not ship). A level added there is a compile error here.
const LEVEL_RANK: Record<Level, number> = { national: 0, provincial: 1, municipal: 2, district: 3 };
const levelRank = (level: Level): number => LEVEL_RANK[level];

/**
 * Which clause goes on the left of a comparison: the one of the higher level (national before provincial…),
 * so that what a local document adds to a national measure shows as added; between equals, `from` (the one
 * the reader was on).
 */
export function compareOrder<T extends { clause: { id: string }; document: { level: Level } }>(from: T, to: T): [T, T] {
  return levelRank(to.document.level) < levelRank(from.document.level) ? [to, from] : [from, to];
}

export interface RelatedLinkModel {
  clauseId: string;
  doc: DocSummary;
  clause: ClauseRef;
  relation: 'same' | 'related';
  score: number;
  /** The comparison of the reader's clause with this one. */
  href: string;
  /** The rarest glossary terms both clauses carry (at most MAX_SHARED_TERMS), in Chinese and English. */
  sharedTerms: { zh: string; en: string }[];
}

export const MAX_SHARED_TERMS = 3;

/** A clause's related clauses: those stating the same measure first, each group best first. */
export function relatedModel(res: RelatedResponse): RelatedLinkModel[] {
  const from = { clause: res.clause, document: res.document };
  const links = res.related.map((r) => {
    const [a, b] = compareOrder(from, { clause: r.clause, document: r.document });
    return {
      clauseId: r.clause.id,
      doc: r.document,
      clause: ref(r.clause),
      relation: r.relation,
      score: r.score,
      href: comparePath(a.clause.id, b.clause.id),
      sharedTerms: r.sharedTerms.slice(0, MAX_SHARED_TERMS).map(({ zh, en }) => ({ zh, en })),
    };
  });
  // Stable: the API's order (best first) within each group.
  return [...links.filter((l) => l.relation === 'same'), ...links.filter((l) => l.relation !== 'same')];
}

// ---------------------------------------------------------------------------------------------------------------
// Compare: a's text with what b omits struck out, b's with what it adds marked, and the share in common.

export type DiffOp = 'same' | 'added' | 'removed';
export interface DiffRun {
  op: DiffOp;
  text: string;
}

export interface CompareSideModel {
  side: 'a' | 'b';
  doc: DocSummary;
  clause: ClauseView;
  /** The clause in the reader. */
  href: string;
  /** Its Chinese text: `same` and `removed` runs on the left, `same` and `added` on the right. */
  runs: DiffRun[];
  /** Marked runs on this side (omissions on the left, additions on the right). */
  changes: number;
}

export interface CompareModel {
  a: CompareSideModel;
  b: CompareSideModel;
  /** Share of the two texts in common, as a whole percentage. */
  sharePercent: number;
  identical: boolean;
  /** The same comparison with the sides swapped. */
  swapHref: string;
}

/** Adjacent runs of the same kind joined (the API's parts are runs of words). */
export function mergeRuns(runs: readonly DiffRun[]): DiffRun[] {
  const out: DiffRun[] = [];
  for (const run of runs) {
    const last = out[out.length - 1];
    if (last && last.op === run.op) last.text += run.text;
    else if (run.text) out.push({ ...run });
  }
  return out;
}

/**
 * One side's runs: the left keeps what is common and what only it has (removed), the right what is common and
 * what only it has (added). Should the runs not spell the clause's text, the text is shown unmarked instead.
 */
export function sideRuns(diff: readonly DiffRun[], side: 'a' | 'b', text: string): DiffRun[] {
  const dropped: DiffOp = side === 'a' ? 'added' : 'removed';
  const runs = mergeRuns(diff.filter((p) => p.op !== dropped));
  return runs.map((r) => r.text).join('') === text ? runs : [{ op: 'same', text }];
}

export function compareModel(res: CompareResponse): CompareModel {
  const side = (which: 'a' | 'b'): CompareSideModel => {
    const { clause, document } = res[which];
    const runs = sideRuns(res.diff, which, clause.text);
    return { side: which, doc: document, clause, href: documentPath(document.id, clause.id), runs, changes: runs.filter((r) => r.op !== 'same').length };
  };
  const a = side('a');
  const b = side('b');
  return {
    a,
    b,
    sharePercent: Math.round(res.sameShare * 100),
    identical: a.changes === 0 && b.changes === 0,
    swapHref: comparePath(res.b.clause.id, res.a.clause.id),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Implementation: per national measure and local document, the clauses taking it up or "not taken up".

/** The national document's reader offers the implementation table. */
export const offersImplementation = (doc: { level: Level }): boolean => doc.level === 'national';

/** The documents implementing `reference`: every document of another level, higher levels first, in list order. */
export function localDocuments(documents: readonly DocumentView[], reference: { id: string; level: Level }): DocumentView[] {
  return documents
    .filter((d) => d.id !== reference.id && d.level !== reference.level)
    .map((d, i) => ({ d, i }))
    .sort((x, y) => levelRank(x.d.level) - levelRank(y.d.level) || x.i - y.i)
    .map(({ d }) => d);
}

export interface ImplementationLinkModel {
  clauseId: string;
  clause: ClauseRef;
  relation: 'same' | 'related';
  /** The comparison of the national measure (left) with the local clause (right). */
  href: string;
}

export type ImplementationCell = { docId: string; kind: 'taken'; links: ImplementationLinkModel[] } | { docId: string; kind: 'none' };

export interface ImplementationRowModel {
  measure: ClauseView;
  /** The measure in this reader. */
  href: string;
  /** One per column, in column order. */
  cells: ImplementationCell[];
}

export interface ImplementationModel {
  columns: DocumentView[];
  rows: ImplementationRowModel[];
  /** Per column: the document's clauses that take up no national measure. */
  newClauses: { docId: string; links: { clauseId: string; clause: ClauseRef; heading: string | null; href: string }[] }[];
}

/** The table from one answer per local document (`answers[i]` for `columns[i]`), rows in the reference's order. */
export function implementationModel(answers: readonly ImplementationResponse[]): ImplementationModel {
  const columns = answers.map((a) => a.document);
  const byMeasure = answers.map((a) => new Map(a.rows.map((row) => [row.clause.id, row])));
  const rows = (answers[0]?.rows ?? []).map((row) => ({
    measure: row.clause,
    href: `#${encodeURIComponent(row.clause.id)}`,
    cells: answers.map((answer, i): ImplementationCell => {
      const docId = answer.document.id;
      const implementedBy = byMeasure[i]?.get(row.clause.id)?.implementedBy ?? [];
      if (implementedBy.length === 0) return { docId, kind: 'none' };
      return {
        docId,
        kind: 'taken',
        links: implementedBy.map((x) => ({
          clauseId: x.clause.id,
          clause: ref(x.clause),
          relation: x.relation,
          href: comparePath(row.clause.id, x.clause.id),
        })),
      };
    }),
  }));
  const newClauses = answers.map((answer) => ({
    docId: answer.document.id,
    links: answer.newClauses.map((c) => ({ clauseId: c.id, clause: ref(c), heading: c.heading, href: documentPath(answer.document.id, c.id) })),
  }));
  return { columns, rows, newClauses };
}
