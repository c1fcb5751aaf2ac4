// Citations of a clause in English and in Chinese (pure: no DOM, no clipboard).
//   English: Title, First issuer et al., 发改外资〔2022〕1586号, 2023-06-21, Part II, Item 12. <link>
//   Chinese: 《标题》（第一发文机关等，发改外资〔2022〕1586号，2023年6月21日）第二部分第（十二）项。<link>
// The document number stays in its Chinese form in both: it is an identifier, not prose.
// When the clause's English is our own translation, the English citation says so before its link, so that a
// quotation of our English carries the warning wherever it is pasted.
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
  path: Bilingual;
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

const CN = '[〇零一二两三四五六七八九十百千]+';
// Each clause-path marker and how a Chinese citation spells it; law markers (第十条) already read as citations.
const PATH_SEGMENTS: ReadonlyArray<[RegExp, (m: RegExpExecArray) => string]> = [
  [new RegExp(`^第(?:${CN}|\\d+)(?:分编|编|章|节|条(?:之${CN})?)`), (m) => m[0]],
  [new RegExp(`^(${CN})[、．]`), (m) => `第${m[1]}部分`],
  [new RegExp(`^[（(](${CN})[）)]`), (m) => `第（${m[1]}）项`],
  [/^(\d+)[．.、]/, (m) => `第${m[1]}目`],
  [new RegExp(`^(${CN})是`), (m) => `第${m[1]}点`],
];

/** `二、（十二）` → `第二部分第（十二）项`; `三、（二）4．` → `第三部分第（二）项第4目`; unknown text is kept as is. */
export function zhCitationPath(path: string): string {
  let rest = path.trim();
  let out = '';
  while (rest) {
    let matched = false;
    for (const [re, spell] of PATH_SEGMENTS) {
      const m = re.exec(rest);
      if (m) {
        out += spell(m);
        rest = rest.slice(m[0].length);
        matched = true;
        break;
      }
    }
    if (!matched) return out + rest;
  }
  return out;
}

/** Absolute link to a clause in the reader. */
export function clauseUrl(origin: string, docId: string, clauseId: string): string {
  return `${origin.replace(/\/+$/, '')}/documents/${encodeURIComponent(docId)}#${encodeURIComponent(clauseId)}`;
}

export function citeEnglish(doc: CitableDocument, clause: CitableClause, url: string): string {
  const parts = [doc.title.en, issuerCitation(doc.issuer, 'en'), doc.docNumber ?? '', formatDate(doc.date, 'en'), clause.path.en.trim()];
  const note = clause.translation?.provenance === 'curated' ? ` ${UNOFFICIAL_NOTE}` : '';
  return `${parts.filter(Boolean).join(', ')}.${note} ${url}`;
}

export function citeChinese(doc: CitableDocument, clause: CitableClause, url: string): string {
  const details = [issuerCitation(doc.issuer, 'zh'), doc.docNumber ?? '', formatDate(doc.date, 'zh')].filter(Boolean);
  const paren = details.length > 0 ? `（${details.join('，')}）` : '';
  return `《${doc.title.zh}》${paren}${zhCitationPath(clause.path.zh)}。${url}`;
}

/** What the cite button copies: the English citation, then the Chinese one, one per line. */
export function citation(doc: CitableDocument, clause: CitableClause, origin: string): string {
  const url = clauseUrl(origin, doc.id, clause.id);
  return `${citeEnglish(doc, clause, url)}\n${citeChinese(doc, clause, url)}`;
}
