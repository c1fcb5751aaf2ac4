// GET /api/glossary/export: the glossary, whole or filtered by category or lookup, as JSON, CSV or TBX-Basic.
import { GlossaryExport, glossaryExportQuery, type ExportedEntry } from '../../shared/contract/glossary-export.ts';
import { glossaryCsv, glossaryTbx } from '../../translator/glossary-export.ts';
import { INVALID_PARAMETER } from './errors.ts';
import { glossaryState } from './glossary-state.ts';
import { defineOperation } from './operation.ts';

export const exportGlossary = defineOperation({
  id: 'exportGlossary',
  method: 'get',
  path: '/api/glossary/export',
  tag: 'glossary',
  summary: 'Export the glossary (JSON, CSV, TBX-Basic)',
  description:
    'Every entry, or those of a category or found by a lookup, as JSON, as CSV (one row an entry) or as TBX-Basic (ISO 30042:2019, DCA style; validated against the TBX-Basic RELAX NG schema in the tests). CSV and TBX are sent as downloads. Needs no index.',
  query: glossaryExportQuery,
  output: GlossaryExport,
  outputDescription: 'The entries (format json).',
  alternatives: {
    'text/csv': 'Columns id, zh, en, variants_zh, variants_en (joined with " | "), pinyin, category, note, source.',
    'application/x-tbx+xml': 'TBX-Basic: a conceptEntry an entry, zh-Hans and en langSecs, preferred and admitted terms.',
  },
  errors: { ...INVALID_PARAMETER },
  async run({ runtime }, { query }) {
    const q = query.q?.trim() || null;
    let entries = q ? runtime.lookup.lookup(q, { limit: 100 }).map((r) => r.entry) : glossaryState(runtime).alphabetical;
    if (query.category) entries = entries.filter((e) => e.category === query.category);
    return {
      total: entries.length,
      filter: { q, category: query.category ?? null },
      entries: entries.map(
        (e): ExportedEntry => ({
          id: e.id,
          zh: e.zh,
          en: e.en,
          variants: e.variants,
          pinyin: e.pinyinTones,
          category: e.category,
          note: e.note ?? null,
          source: e.source ?? null,
        }),
      ),
    };
  },
  represent(out, query) {
    const name = `glossary${out.filter.category ? `-${out.filter.category}` : ''}`;
    if (query.format === 'csv') return { contentType: 'text/csv; charset=utf-8', filename: `${name}.csv`, body: glossaryCsv(out.entries) };
    if (query.format === 'tbx') {
      const body = glossaryTbx(out.entries, {
        title: 'policy-search glossary: Chinese–English terminology of foreign-investment policy',
        description: 'Exported from policy-search. Renderings are ours (unofficial) unless a source is given; the Chinese text prevails.',
      });
      return { contentType: 'application/x-tbx+xml; charset=utf-8', filename: `${name}.tbx`, body };
    }
    return null;
  },
});
