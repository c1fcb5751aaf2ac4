// The glossary in the forms translators exchange: CSV (one row a concept) and TBX-Basic (ISO 30042:2019,
// DCA style), the termbase format CAT tools import. Pure: entries in, text out.
import { stringify } from 'csv-stringify/sync';
import { create } from 'xmlbuilder2';

/** What an export holds of an entry. */
export interface ExportEntry {
  id: string;
  zh: string;
  en: string;
  variants: { zh: string[]; en: string[] };
  pinyin: string;
  category: string;
  note: string | null;
  source: string | null;
}

/** Joins several forms in one CSV cell; " | " occurs in no glossary form. */
export const VARIANT_SEPARATOR = ' | ';

export const CSV_COLUMNS = ['id', 'zh', 'en', 'variants_zh', 'variants_en', 'pinyin', 'category', 'note', 'source'] as const;

export function glossaryCsv(entries: readonly ExportEntry[]): string {
  return stringify(
    entries.map((e) => ({
      id: e.id,
      zh: e.zh,
      en: e.en,
      variants_zh: e.variants.zh.join(VARIANT_SEPARATOR),
      variants_en: e.variants.en.join(VARIANT_SEPARATOR),
      pinyin: e.pinyin,
      category: e.category,
      note: e.note ?? '',
      source: e.source ?? '',
    })),
    { header: true, columns: [...CSV_COLUMNS] },
  );
}

const TBX_NS = 'urn:iso:std:iso:30042:ed-2';

/**
 * TBX-Basic, DCA style: one conceptEntry an entry (id: the entry id), its category as subjectField, its note as a
 * note; a Chinese and an English langSec, the preferred form `preferredTerm-admn-sts`, variants
 * `admittedTerm-admn-sts`; the English rendering's source as its `source`.
 */
export function glossaryTbx(entries: readonly ExportEntry[], opts: { title: string; description: string }): string {
  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele(TBX_NS, 'tbx', { type: 'TBX-Basic', style: 'dca', 'xml:lang': 'en' });
  root.ele('tbxHeader').ele('fileDesc').ele('titleStmt').ele('title').txt(opts.title).up().up().ele('sourceDesc').ele('p').txt(opts.description);
  const body = root.ele('text').ele('body');
  for (const e of entries) {
    // An XML ID must not start with a digit; the glossary's slugs may.
    const concept = body.ele('conceptEntry', { id: /^[A-Za-z_]/.test(e.id) ? e.id : `_${e.id}` });
    concept.ele('descrip', { type: 'subjectField' }).txt(e.category);
    if (e.note) concept.ele('note').txt(e.note);
    const lang = (tag: string, preferred: string, variants: string[], pinyin: string | null, source: string | null) => {
      const sec = concept.ele('langSec', { 'xml:lang': tag });
      const term = (form: string, status: string, withExtras: boolean) => {
        const ts = sec.ele('termSec');
        ts.ele('term').txt(form);
        ts.ele('termNote', { type: 'administrativeStatus' }).txt(status);
        if (withExtras && source) ts.ele('admin', { type: 'source' }).txt(source);
        if (withExtras && pinyin) ts.ele('note').txt(`pinyin: ${pinyin}`);
      };
      term(preferred, 'preferredTerm-admn-sts', true);
      for (const v of variants) term(v, 'admittedTerm-admn-sts', false);
    };
    lang('zh-Hans', e.zh, e.variants.zh, e.pinyin, null);
    lang('en', e.en, e.variants.en, null, e.source);
  }
  return root.end({ prettyPrint: true });
}
