// Turns a parsed clause into the document Meilisearch stores: segmented search fields,
// glossary tags with positions, cited document numbers and the facet fields of its document.
import { searchStems } from '../glossary/english.ts';
import type { Glossary, TermMatch } from '../glossary/types.ts';
import { glossField, type Dictionary } from './dictionary.ts';
import { findDocNumbers, refTokens, type DocNumber } from './refs.ts';
import type { IndexedClause, IndexedDocument } from './search-documents.ts';
import type { Clause, CorpusDocument } from './types.ts';
import { validityFacts, validityKey } from './validity.ts';

export interface EnrichContext {
  glossary: Glossary;
  segmentedField(text: string): string;
  align(text: string): TermMatch[];
  wordBoundaries(text: string): Set<number>;
  /** CC-CEDICT, or a smaller one in tests; without it clauses get no glosses. */
  dictionary?: Dictionary;
}

/**
 * Literal matches that cut through words on both sides are accidents of the characters (化工 in 强化|工作,
 * 关税 in 相关|税收, 人行 in 个人|行为). A real term starts or ends where a word does (负面清单 ending
 * 外资准入负面清单), or sits inside a longer term that does (国民待遇 in 准入前国民待遇加负面清单管理制度).
 */
export function alignedTerms(text: string, ctx: Pick<EnrichContext, 'align' | 'wordBoundaries'>): TermMatch[] {
  const matches = ctx.align(text);
  if (matches.length === 0) return matches;
  const edges = ctx.wordBoundaries(text);
  const anchored = matches.filter((m) => edges.has(m.start) || edges.has(m.end));
  return matches.filter(
    (m) => anchored.includes(m) || anchored.some((o) => o !== m && o.start <= m.start && m.end <= o.end && o.end - o.start > m.end - m.start),
  );
}

export function documentYear(date: string | undefined): number | null {
  return date ? Number(date.slice(0, 4)) : null;
}

export function toIndexedDocument(doc: CorpusDocument): IndexedDocument {
  const { sourceFile: _sourceFile, ...meta } = doc.meta;
  const t = doc.translation;
  return {
    ...meta,
    clauseCount: doc.clauses.length,
    year: documentYear(meta.date),
    sourcePath: doc.sourcePath,
    translation: t ? { title: t.title, summary: t.summary, provenance: t.provenance, source: t.source } : null,
  };
}

function ownNumber(doc: CorpusDocument): DocNumber[] {
  return doc.meta.docNumber ? findDocNumbers(doc.meta.docNumber) : [];
}

export function toIndexedClause(clause: Clause, doc: CorpusDocument, ctx: EnrichContext): IndexedClause {
  const matches = alignedTerms(clause.text, ctx);
  const termIds = [...new Set(matches.map((m) => m.entryId))];
  const entries = termIds.map((id) => ctx.glossary.byId.get(id)).filter((e) => e !== undefined);
  // The document's own number goes on its first clause, so a number search lands on the document's start.
  const numbers = [...findDocNumbers(clause.text), ...(clause.ordinal === 0 ? ownNumber(doc) : [])];
  const english = doc.translation?.clauses.get(clause.id);
  const termsEn = [...new Set(entries.flatMap((e) => [e.en, ...e.variants.en]))];
  const heading = english?.heading ?? (clause.kind === 'part' && english ? english.text : null);
  const textSeg = ctx.segmentedField(clause.text);
  const validity = validityFacts(doc.meta);
  return {
    id: clause.id,
    docId: clause.docId,
    ordinal: clause.ordinal,
    kind: clause.kind,
    depth: clause.depth,
    parentId: clause.parentId,
    path_zh: clause.path.zh,
    path_en: clause.path.en,
    heading: clause.heading ?? null,
    text: clause.text,
    heading_seg: clause.heading ? ctx.segmentedField(clause.heading) : '',
    text_seg: textSeg,
    terms_en: termsEn,
    heading_en: heading,
    text_en: english?.text ?? null,
    translation: english?.provenance ?? null,
    heading_en_stem: heading ? searchStems(heading) : '',
    text_en_stem: english ? searchStems(english.text) : '',
    terms_en_stem: searchStems(termsEn.join(' ; ')),
    // A translation says what the clause means; word-by-word glosses beside it would only add noise.
    gloss_en_stem: !english && ctx.dictionary ? searchStems(glossField(textSeg.split(' '), ctx.dictionary)) : '',
    termIds,
    categories: [...new Set(entries.map((e) => e.category))],
    termSpans: matches.map((m) => ({ entryId: m.entryId, start: m.start, end: m.end })),
    refs: refTokens(numbers),
    region_zh: doc.meta.region.zh,
    region_en: doc.meta.region.en,
    level: doc.meta.level,
    year: documentYear(doc.meta.date),
    // status (final/draft), validFrom, validUntil, superseded: the status of a day is derived from them.
    ...validity,
    validity: validityKey(validity),
    inferred: clause.inferred ?? false,
    line: clause.line,
  };
}
