// Meilisearch settings of our indexes, derived from the glossary. Part of the content hash:
// any change here forces a rebuild.
import type { Settings } from 'meilisearch';
import type { Glossary } from '../glossary/types.ts';

/** Attributes Chinese queries are matched against, most important first (the `attribute` rule uses this order). */
export const CHINESE_SEARCH_FIELDS = ['heading_seg', 'text_seg'] as const;
export const ENGLISH_SEARCH_FIELDS = ['terms_en'] as const;

export const CLAUSE_FILTERS = [
  'id',
  'docId',
  'kind',
  'region_zh',
  'region_en',
  'level',
  'year',
  'status',
  'termIds',
  'categories',
  'refs',
] as const;

/** Displayed fields: everything but the segmented copies, which only matter to the engine. */
export const CLAUSE_DISPLAYED = [
  'id',
  'docId',
  'ordinal',
  'kind',
  'depth',
  'parentId',
  'path_zh',
  'path_en',
  'heading',
  'text',
  'termIds',
  'termSpans',
  'categories',
  'level',
  'region_zh',
  'region_en',
  'year',
  'status',
  'inferred',
  'line',
] as const;

/**
 * The forms of each concept are synonyms of each other: English ones so a plain English search on `terms_en`
 * hits them all, Chinese ones so 合格境外有限合伙人 also finds a clause that writes QFLP.
 */
export function glossarySynonyms(glossary: Glossary): Record<string, string[]> {
  const synonyms: Record<string, string[]> = {};
  const link = (forms: string[]) => {
    const unique = [...new Set(forms.map((f) => f.toLowerCase()))];
    if (unique.length < 2) return;
    for (const form of unique) synonyms[form] = [...new Set([...(synonyms[form] ?? []), ...unique.filter((f) => f !== form)])];
  };
  for (const entry of glossary.entries) {
    link([entry.en, ...entry.variants.en]);
    link([entry.zh, ...entry.variants.zh]);
  }
  return synonyms;
}

export function clauseIndexSettings(glossary: Glossary): Settings {
  const zhForms = glossary.entries.flatMap((e) => [e.zh, ...e.variants.zh]);
  return {
    searchableAttributes: [...CHINESE_SEARCH_FIELDS, ...ENGLISH_SEARCH_FIELDS],
    displayedAttributes: [...CLAUSE_DISPLAYED],
    filterableAttributes: [...CLAUSE_FILTERS],
    sortableAttributes: ['ordinal', 'year'],
    rankingRules: ['words', 'typo', 'proximity', 'attribute', 'sort', 'exactness', 'ordinal:asc'],
    localizedAttributes: [
      { attributePatterns: [...CHINESE_SEARCH_FIELDS], locales: ['cmn'] },
      { attributePatterns: [...ENGLISH_SEARCH_FIELDS], locales: ['eng'] },
    ],
    // Typos make no sense on Chinese characters: one "typo" is a different word.
    typoTolerance: { enabled: true, disableOnAttributes: [...CHINESE_SEARCH_FIELDS] },
    // Keep glossary terms whole in the engine's own tokenizer too, and R&D as one word.
    dictionary: [...new Set([...zhForms, 'R&D'])].sort(),
    synonyms: glossarySynonyms(glossary),
    faceting: { maxValuesPerFacet: 1000, sortFacetValuesBy: { '*': 'count' } },
    pagination: { maxTotalHits: 5000 },
  };
}

export function documentIndexSettings(): Settings {
  return {
    searchableAttributes: ['title.zh', 'title.en', 'docNumber'],
    filterableAttributes: ['id', 'level', 'region.zh', 'region.en', 'year', 'status', 'docNumber'],
    sortableAttributes: ['id', 'year'],
    pagination: { maxTotalHits: 100000 },
  };
}
