// Resolving a citation (server/query/citation.ts) to one clause: the document from the words around it (region,
// short title, kind, document number, issuer abbreviation), then the clause whose own path reads into matching steps.
// Pure: it works on document metadata and clause paths, so it is tested on the real corpus without an engine.
import { canonicalDocNumber, parseDocNumberQuery } from '../../indexer/refs.ts';
import type { Bilingual, Level } from '../../shared/types.ts';
import { parseCitation, type CitationStep, type StepLevel } from './citation.ts';

export interface LocatableDocument {
  id: string;
  title: Bilingual;
  region: Bilingual;
  level: Level;
  issuer: Bilingual[];
  docNumber?: string;
}

export interface LocatableClause {
  id: string;
  path: { zh: string };
}

export type Located =
  | { found: true; docId: string; clauseId: string }
  /** The document is named but no clause of it has the cited number: the nearest one is suggested. */
  | { found: false; docId: string; nearest: string | null };

// Words that name no document: `the national measures, item 12 of` must still name the national measures.
const NOISE = new Set(['the', 'of', 'in', 'on', 'and', 'for', 'to', 'no', 'doc', 'document', 'province', 'city', 'district']);

const englishWords = (text: string): string[] => text.toLowerCase().match(/[a-z0-9]+/g) ?? [];
// `measures` / `measure`, `opinions` / `opinion`: a plural on either side must not decide.
const singular = (w: string): string => (w.length > 3 && w.endsWith('s') ? w.slice(0, -1) : w);

/** Initials of an issuer's capitalised words: National Development and Reform Commission → NDRC. */
const initials = (name: string): string => (name.match(/\b[A-Z]/g) ?? []).join('').toLowerCase();

interface DocumentNames {
  words: Set<string>;
  refs: Set<string>;
  zh: string[];
}

// What names a document, read once per document (the catalog's documents live as long as their index).
const namesCache = new WeakMap<LocatableDocument, DocumentNames>();

function documentNames(doc: LocatableDocument): DocumentNames {
  const cached = namesCache.get(doc);
  if (cached) return cached;
  const words = new Set<string>([doc.level]);
  for (const text of [doc.title.en, doc.region.en, ...doc.issuer.map((i) => i.en)]) for (const w of englishWords(text)) words.add(singular(w));
  for (const issuer of doc.issuer) words.add(initials(issuer.en));
  const m = doc.docNumber?.match(/^(.*)〔(\d{4})〕(\d+)号$/);
  const refs = new Set<string>();
  if (m) {
    const n = canonicalDocNumber(m[1]!, m[2]!, m[3]!);
    for (const ref of [n.canonical, n.yearSerial, n.short]) refs.add(ref);
  }
  const serial = doc.docNumber?.match(/(\d+)号$/)?.[1];
  if (serial) words.add(serial);
  const names = { words, refs, zh: [doc.title.zh, doc.region.zh, ...doc.issuer.map((i) => i.zh)] };
  namesCache.set(doc, names);
  return names;
}

/** The words around a citation, read once per query: document numbers, Chinese chunks, English words. */
interface QueryNames {
  refs: string[];
  chinese: string[];
  english: string[];
}

function queryNames(rest: string): QueryNames {
  const numbers = parseDocNumberQuery(rest);
  const text = numbers ? numbers.rest : rest;
  return {
    refs: numbers?.refs ?? [],
    chinese: text.match(/[\p{Script=Han}]+/gu) ?? [],
    english: englishWords(text.replace(/[\p{Script=Han}]+/gu, ' ')).filter((w) => !NOISE.has(w)),
  };
}

/** How many of the words around the citation name `doc`; -1 when a word names something else. */
function documentScore(query: QueryNames, doc: LocatableDocument): number {
  const names = documentNames(doc);
  if (!query.refs.every((r) => names.refs.has(r))) return -1;
  let score = query.refs.length > 0 ? 2 : 0;
  for (const chunk of query.chinese) {
    if (names.zh.some((name) => name.includes(chunk))) score += 1;
    else return -1;
  }
  // An unknown word lowers the score instead of excluding: `Jiangxi's measures on item 12` keeps Jiangxi.
  for (const w of query.english) score += names.words.has(singular(w)) ? 1 : -0.5;
  return score;
}

/** The one document the words name best, or null when none or several tie. */
export function locateDocument(rest: string, docs: LocatableDocument[]): LocatableDocument | null {
  const query = queryNames(rest);
  // Nothing names a document (`第十二条` alone): no need to look at any.
  if (query.refs.length + query.chinese.length + query.english.length === 0) return null;
  let best: LocatableDocument | null = null;
  let bestScore = 0;
  let tie = false;
  for (const doc of docs) {
    const s = documentScore(query, doc);
    if (s > bestScore) [best, bestScore, tie] = [doc, s, false];
    else if (s === bestScore && s > 0) tie = true;
  }
  return tie ? null : best;
}

/**
 * Levels a cited step may name, best first. `Article 12` / 第十二条 on a policy without articles means item 12,
 * or sub-item 12 where only sub-items reach that number (Changshou numbers sub-items through part 三).
 */
const NAMES: Record<StepLevel, StepLevel[]> = {
  part: ['part'],
  chapter: ['chapter'],
  item: ['item'],
  subitem: ['subitem'],
  point: ['point'],
  annex: ['annex'],
  article: ['article', 'item', 'subitem'],
};

const stepsOf = (clause: LocatableClause): CitationStep[] => parseCitation(clause.path.zh)?.steps ?? [];

/** True when every cited step before the last is one of the clause's steps above its own, in order. */
function within(cited: CitationStep[], steps: CitationStep[]): boolean {
  let j = 0;
  for (const step of cited) {
    while (j < steps.length && !(steps[j]!.level === step.level && steps[j]!.n === step.n)) j++;
    if (j === steps.length) return false;
    j++;
  }
  return true;
}

/** The clause a citation names in one document, or the nearest clause of the same kind when none does. */
export function locateClause(cited: CitationStep[], clauses: LocatableClause[]): { clauseId: string | null; exact: boolean } {
  const last = cited[cited.length - 1]!;
  const above = cited.slice(0, -1);
  const outline = clauses.map((c) => ({ id: c.id, steps: stepsOf(c) })).filter((c) => c.steps.length > 0);
  for (const level of NAMES[last.level]) {
    const sameLevel = outline.filter((c) => c.steps[c.steps.length - 1]!.level === level);
    if (sameLevel.length === 0) continue;
    const inside = sameLevel.filter((c) => within(above, c.steps.slice(0, -1)));
    const exact = inside.find((c) => c.steps[c.steps.length - 1]!.n === last.n);
    if (exact) return { clauseId: exact.id, exact: true };
    // Before falling back to another level, an article number may still be a sub-item (Changshou 第12条).
    if (NAMES[last.level].length > 1 && level !== NAMES[last.level].at(-1)) {
      const later = NAMES[last.level].slice(NAMES[last.level].indexOf(level) + 1);
      if (later.some((l) => outline.some((c) => c.steps.at(-1)!.level === l && c.steps.at(-1)!.n === last.n && within(above, c.steps.slice(0, -1))))) continue;
    }
    const pool = inside.length > 0 ? inside : sameLevel;
    let nearest = pool[0]!;
    for (const c of pool) if (Math.abs(c.steps.at(-1)!.n - last.n) < Math.abs(nearest.steps.at(-1)!.n - last.n)) nearest = c;
    return { clauseId: nearest.id, exact: false };
  }
  return { clauseId: null, exact: false };
}

/** Resolves a query that cites a clause: null when the query cites none or names no single document. */
export function locate(q: string, docs: LocatableDocument[], clausesOf: (docId: string) => LocatableClause[]): Located | null {
  const citation = parseCitation(q);
  if (!citation) return null;
  const doc = locateDocument(citation.rest, docs);
  if (!doc) return null;
  const { clauseId, exact } = locateClause(citation.steps, clausesOf(doc.id));
  if (exact && clauseId) return { found: true, docId: doc.id, clauseId };
  return { found: false, docId: doc.id, nearest: clauseId };
}
