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

/** Values listed per facet in search responses, most frequent first. */
export const MAX_FACET_VALUES = 50;

/** What a search hit needs: no term positions or tree fields, which cost the engine time to send. */
export const HIT_FIELDS = ['id', 'docId', 'kind', 'path_zh', 'path_en', 'heading', 'text', 'termIds', 'categories', 'level', 'region_zh', 'year'] as const;

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
 * The English forms of each concept are synonyms of each other, so a plain English search on `terms_en` hits
 * them all. (Chinese forms are alternatives in the query plan: the engine splits long Chinese forms into
 * several words, where a synonym no longer applies.)
 */
export function glossarySynonyms(glossary: Glossary): Record<string, string[]> {
  const synonyms: Record<string, string[]> = {};
  for (const entry of glossary.entries) {
    const forms = [...new Set([entry.en, ...entry.variants.en].map((f) => f.toLowerCase()))];
    if (forms.length < 2) continue;
    for (const form of forms) synonyms[form] = [...new Set([...(synonyms[form] ?? []), ...forms.filter((f) => f !== form)])];
  }
  return synonyms;
}

export function clauseIndexSettings(glossary: Glossary): Settings {
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
    // No `dictionary`: the segmented fields already keep glossary terms whole, and a 500-word dictionary
    // costs the engine ~9 ms on every search (measured: 12 ms → 3 ms per query on the seed corpus).
    synonyms: glossarySynonyms(glossary),
    // The API lists 50 values per facet; fewer values to rank makes every faceted search cheaper.
    faceting: { maxValuesPerFacet: MAX_FACET_VALUES, sortFacetValuesBy: { '*': 'count' } },
    // Word distance inside a clause cost 40% of indexing time (law corpus: 1.70× → 0.81× raw ingest without it)
    // and changed no rank of the evaluation; exact phrases are checked on the original text anyway.
    proximityPrecision: 'byAttribute',
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
