// Response objects several operations build, typed by the contract.
import type { GlossaryEntry } from '../../glossary/types.ts';
import type { IndexedDocument } from '../../indexer/search-documents.ts';
import type { DocumentView } from '../../shared/contract/documents.ts';
import type { GlossaryEntryView } from '../../shared/contract/glossary.ts';
import { docSummary } from '../search/catalog.ts';

export function documentView(doc: IndexedDocument): DocumentView {
  return { ...docSummary(doc), issuer: doc.issuer, source: doc.source ?? null, clauseCount: doc.clauseCount };
}

export function entryView(e: GlossaryEntry, occurrences: ReadonlyMap<string, number>): GlossaryEntryView {
  return {
    id: e.id,
    zh: e.zh,
    en: e.en,
    variants: e.variants,
    pinyin: e.pinyin,
    pinyinTones: e.pinyinTones,
    category: e.category,
    note: e.note ?? null,
    source: e.source ?? null,
    occurrences: occurrences.get(e.id) ?? 0,
  };
}
