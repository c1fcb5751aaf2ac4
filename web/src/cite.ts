// Citations of a clause in English and in Chinese (pure: no DOM, no clipboard).
//   English: Title, First issuer et al., 发改外资〔2022〕1586号, 2023-06-21, Part II, Item 12. <link>
//   Chinese: 《标题》（第一发文机关等，发改外资〔2022〕1586号，2023年6月21日）第二部分第（十二）项。<link>
// The document number stays in its Chinese form in both: it is an identifier, not prose.
// When the clause's English is our own translation, the English citation says so before its link, so that a
// quotation of our English carries the warning wherever it is pasted.
import type { PathSegment } from '../../shared/structure.ts';
import type { Bilingual } from '../../shared/types.ts';
import type { Locale } from './i18n.ts';

export interface CitableDocument {
  id: string;
  title: Bilingual;
  issuer: Bilingual[];
  docNumber: string | null;
  /** YYYY, YYYY-MM or YYYY-MM-DD. */
  date: string | null;
}

export interface CitableClause {
  id: string;
  /** The API's reading of the clause path (what each level is and how it is cited). */
  pathSegments: readonly PathSegment[];
  /** The clause's English, if any: curated (ours, unofficial) or official. */
  translation?: { provenance: 'curated' | 'official' } | null;
}

/** Always in English: it qualifies the English citation, whatever the interface language. */
export const UNOFFICIAL_NOTE = 'Unofficial translation; the Chinese text prevails.';

/** ISO in English (as precise as known); 2023年6月21日 / 2023年6月 / 2023年 in Chinese. */
export function formatDate(date: string | null, locale: Locale): string {
  if (!date) return '';
  if (locale === 'en') return date;
  const [y, m, d] = date.split('-');
  return [y && `${y}年`, m && `${Number(m)}月`, d && `${Number(d)}日`].filter(Boolean).join('');
}

/** The first issuer, with "et al." / 等 when there are more. */
export function issuerCitation(issuers: readonly Bilingual[], locale: Locale): string {
  const first = issuers[0];
  if (!first) return '';
  if (locale === 'en') return issuers.length > 1 ? `${first.en} et al.` : first.en;
  return issuers.length > 1 ? `${first.zh}等` : first.zh;
}

/** A clause path as an English citation writes it: `Part II, Item 12`. */
export function enCitationPath(segments: readonly PathSegment[]): string {
  return segments.map((s) => s.en).join(', ');
}

/** A clause path as a Chinese citation writes it, from the API's segments: `第二部分第（十二）项`, `第二章第十条`. */
export function zhCitationPath(segments: readonly PathSegment[]): string {
  return segments.map((s) => s.citeZh).join('');
}

/** Absolute link to a clause in the reader. */
export function clauseUrl(origin: string, docId: string, clauseId: string): string {
  return `${origin.replace(/\/+$/, '')}/documents/${encodeURIComponent(docId)}#${encodeURIComponent(clauseId)}`;
}

export function citeEnglish(doc: CitableDocument, clause: CitableClause, url: string): string {
  const parts = [doc.title.en, issuerCitation(doc.issuer, 'en'), doc.docNumber ?? '', formatDate(doc.date, 'en'), enCitationPath(clause.pathSegments)];
  const note = clause.translation?.provenance === 'curated' ? ` ${UNOFFICIAL_NOTE}` : '';
  return `${parts.filter(Boolean).join(', ')}.${note} ${url}`;
}

export function citeChinese(doc: CitableDocument, clause: CitableClause, url: string): string {
  const details = [issuerCitation(doc.issuer, 'zh'), doc.docNumber ?? '', formatDate(doc.date, 'zh')].filter(Boolean);
  const paren = details.length > 0 ? `（${details.join('，')}）` : '';
  return `《${doc.title.zh}》${paren}${zhCitationPath(clause.pathSegments)}。${url}`;
}

/** What the cite button copies: the English citation, then the Chinese one, one per line. */
export function citation(doc: CitableDocument, clause: CitableClause, origin: string): string {
  const url = clauseUrl(origin, doc.id, clause.id);
  return `${citeEnglish(doc, clause, url)}\n${citeChinese(doc, clause, url)}`;
}
