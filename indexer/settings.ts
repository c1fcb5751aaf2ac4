// Meilisearch settings of our indexes. Part of the content hash:
// any change here forces a rebuild.
import type { Settings } from 'meilisearch';
import { INDEX_LIMITS } from '../shared/limits.ts';

/** Attributes Chinese queries are matched against, most important first (the `attribute` rule uses this order). */
export const CHINESE_SEARCH_FIELDS = ['heading_seg', 'text_seg'] as const;
/**
 * Attributes English queries are matched against (stemmed keys), most important first: the translation's heading,
 * the glossary renderings of the clause's terms (a concept named in the query lifts the clauses tagged with it), the
 * translation's text, and dictionary glosses where there is no translation.
 */
export const ENGLISH_SEARCH_FIELDS = ['heading_en_stem', 'terms_en_stem', 'text_en_stem', 'gloss_en_stem'] as const;

export const CLAUSE_FILTERS = [
  'id',
  'docId',
  'kind',
  'region_zh',
  'region_en',
  'level',
  'year',
  'status',
  'validFrom',
  'validUntil',
  'superseded',
  'validity',
  'termIds',
  'categories',
  'refs',
  'translation',
  'citesDocs',
] as const;

/** Values listed per facet in search responses, most frequent first. */
export const MAX_FACET_VALUES = 50;

/** What a search hit needs: no term positions or tree fields, which cost the engine time to send. */
export const HIT_FIELDS = [
  'id',
  'docId',
  'ordinal',
  'kind',
  'path_zh',
  'path_en',
  'heading',
  'text',
  'heading_en',
  'text_en',
  'translation',
  'termIds',
  'categories',
  'level',
  'region_zh',
  'year',
  'validity',
] as const;

/** Displayed fields: everything but the segmented copies, which only matter to the engine. A hit's fields and the rest. */
export const CLAUSE_DISPLAYED = [
  ...HIT_FIELDS,
  'depth',
  'parentId',
  'termSpans',
  'region_en',
  'status',
  'validFrom',
  'validUntil',
  'superseded',
  'inferred',
  'line',
  'related',
  'citesDocs',
] as const;

export function clauseIndexSettings(): Settings {
  return {
    searchableAttributes: [...CHINESE_SEARCH_FIELDS, ...ENGLISH_SEARCH_FIELDS],
    displayedAttributes: [...CLAUSE_DISPLAYED],
    filterableAttributes: [...CLAUSE_FILTERS],
    // year, then document, then reading order: `sort=newest|oldest` and browsing (server/search/execute.ts).
    sortableAttributes: ['ordinal', 'year', 'docId'],
    rankingRules: ['words', 'typo', 'proximity', 'attribute', 'sort', 'exactness', 'ordinal:asc'],
    localizedAttributes: [
      { attributePatterns: [...CHINESE_SEARCH_FIELDS], locales: ['cmn'] },
      { attributePatterns: [...ENGLISH_SEARCH_FIELDS], locales: ['eng'] },
    ],
    // Typos make no sense on Chinese characters: one "typo" is a different word.
    typoTolerance: { enabled: true, disableOnAttributes: [...CHINESE_SEARCH_FIELDS] },
    // No `dictionary`: the segmented fields already keep glossary terms whole, and a 500-word dictionary
    // costs the engine ~9 ms on every search (measured: 12 ms → 3 ms per query on the seed corpus).
    // No synonyms: every English form of a tagged concept is in terms_en_stem, and queries are planned by us.
    // The API lists 50 values per facet; fewer values to rank makes every faceted search cheaper.
    faceting: { maxValuesPerFacet: MAX_FACET_VALUES, sortFacetValuesBy: { '*': 'count' } },
    // Word distance inside a clause cost 40% of indexing time (law corpus: 1.70× → 0.81× raw ingest without it)
    // and changed no rank of the evaluation; exact phrases are checked on the original text anyway.
    proximityPrecision: 'byAttribute',
    // The last query word would otherwise also match as a prefix: on stems that is noise ("neg" of "negative"
    // matching "negotiate"), and the Chinese fields hold whole words anyway.
    prefixSearch: 'disabled',
    pagination: { maxTotalHits: INDEX_LIMITS.maxTotalHits },
  };
}

/** The corpus's Chinese words with their glosses: read whole by the server, never searched. */
export function lexiconIndexSettings(): Settings {
  return { searchableAttributes: ['zh'], filterableAttributes: [], sortableAttributes: ['id'], pagination: { maxTotalHits: 1_000_000 } };
}

export function documentIndexSettings(): Settings {
  return {
    searchableAttributes: ['title.zh', 'title.en', 'docNumber'],
    filterableAttributes: ['id', 'level', 'region.zh', 'region.en', 'year', 'status', 'docNumber'],
    sortableAttributes: ['id', 'year'],
    pagination: { maxTotalHits: 100000 },
  };
}
