// GET /api/search: cross-lingual clause search with filters, facets and highlighting.
import { z } from 'zod';
import { FACETS, type FacetName } from '../facets.ts';
import { REQUEST_BUDGET } from '../limits.ts';
import { CATEGORIES, DOC_STATUSES, LEVELS } from '../types.ts';
import { Bilingual, ClauseKind, ClauseTranslationView, MatchRange, TextExcerpt, count, pathSegments } from './common.ts';
import { DocSummary } from './documents.ts';
import { int, multi, oneOf, scalar } from './params.ts';
import { component } from './registry.ts';

const d = (description: string) => ({ description });

export const QUERY_LANGS = ['en', 'zh'] as const;
export const QueryLang = z.enum(QUERY_LANGS);
export type QueryLang = z.infer<typeof QueryLang>;

export const Expansion = component(
  'Expansion',
  z.object({
    entryId: z.string(),
    zh: z.string().meta(d('Preferred Chinese form.')),
    en: z.string().meta(d('Preferred English rendering.')),
  }),
  'A glossary entry the query was planned into: show it as "Searched for: 负面清单 (negative list)".',
);
export type Expansion = z.infer<typeof Expansion>;

export const QueryInterpretation = component(
  'QueryInterpretation',
  z.object({
    words: z.array(z.string()).meta(d("The query's words searched in the English text (as typed).")),
    ignored: z.array(z.string()).meta(d('Function and question words left out.')),
    corrections: z
      .array(
        z.object({
          from: z.string(),
          to: z.string(),
          entryId: z.string().nullable().meta(d('The glossary entry corrected to, or null for a word of the corpus.')),
        }),
      )
      .meta(d('Typos corrected: to a glossary term ("negativ list" → "negative list", with its entry) or to a word of the corpus.')),
    dictionary: z
      .array(z.object({ en: z.string(), zh: z.array(z.string()) }))
      .meta(d('Query words no glossary entry covers, searched by their Chinese in the dictionary (CC-CEDICT).')),
    excluded: z
      .array(z.string())
      .meta(
        d(
          'Words and phrases the query excludes (`-Jilin`, `-"负面清单"`), as typed without the minus. A region or glossary term excluded removes its clauses.',
        ),
      ),
    alternatives: z
      .array(z.string())
      .meta(d('The parts of a query joined by `OR` (upper case), as typed; a clause matching any part is a hit. Empty without `OR`.')),
    relaxed: z
      .boolean()
      .meta(d('True when no clause matched every word of the query: the hits match most of them ("no clause has all words; showing clauses with most").')),
    allWords: z
      .number()
      .int()
      .nonnegative()
      .nullable()
      .meta(
        d(
          'How many clauses hold every word of the query: they come first, and the hits after them hold most of the words. Null when the query has only one word to hold (or none).',
        ),
      ),
    unmatched: z.array(z.string()).meta(d('Query words no indexed clause contains, left out of the search (name them to the user).')),
    absentTerms: z
      .array(Expansion)
      .meta(d('Glossary terms the query names that no indexed clause contains: known terms, not misspellings (say so instead of "check the spelling").')),
  }),
  "How an English query was read: its words searched in the English text (by stem), the function and question words left out, typos corrected, to glossary terms or to words of the corpus (only where the typed word is not an English word), and words searched through the CC-CEDICT dictionary's Chinese. Empty lists for Chinese queries.",
);
export type QueryInterpretation = z.infer<typeof QueryInterpretation>;

export const HitTerm = component(
  'HitTerm',
  z.object({
    entryId: z.string(),
    zh: z.string(),
    en: z.string(),
    matched: z.boolean().meta(d('True when the query searched for this term; matched terms come first.')),
  }),
  'A glossary term the clause contains.',
);
export type HitTerm = z.infer<typeof HitTerm>;

export const SearchHit = component(
  'SearchHit',
  z.object({
    id: z.string().meta(d('Clause id (see `GET /api/clauses/{id}`).')),
    docId: z.string(),
    doc: DocSummary,
    kind: ClauseKind,
    path: Bilingual.meta(d('Where the clause sits, as readers cite it: `一、（二）` / `Part I, Item 2`.')),
    pathSegments: pathSegments(),
    heading: z.string().nullable().meta(d("The clause's lead heading, when it starts with one.")),
    text: z.string().meta(d('The full original Chinese text (plain text, not escaped).')),
    highlight: z
      .string()
      .meta(
        d(
          "`text` as HTML: escaped (`&`, `<`, `>`, `\"`, `'`), with every occurrence of what was searched (the Chinese forms of the expanded terms, the query's tokens and phrases) wrapped in `<mark>`…`</mark>`. Texts longer than 200 characters are cropped to the 200-character window holding the most matches, with `…` where text was cut. It contains no other markup, so it can be inserted as HTML.",
        ),
      ),
    matches: z.array(MatchRange).meta(d('Every run of `text` the query matched: the highlight marks those inside `excerpt`.')),
    excerpt: TextExcerpt,
    terms: z.array(HitTerm).meta(d('Glossary terms in the clause, those the query searched for first.')),
    translation: ClauseTranslationView.nullable(),
  }),
  'One matching clause.',
);
export type SearchHit = z.infer<typeof SearchHit>;

export const FacetValue = component(
  'FacetValue',
  z.object({
    value: z.string().meta(d('The value to pass back in the filter parameter of the same name.')),
    label: Bilingual,
    count: z.number().int().min(1).meta(d('Matching clauses with this value.')),
  }),
);
export type FacetValue = z.infer<typeof FacetValue>;

const facet = (description: string) => z.array(FacetValue).max(50).meta(d(description));

export const SearchFacets = component(
  'SearchFacets',
  z.object(Object.fromEntries(FACETS.map((f) => [f.name, facet(f.description)])) as Record<FacetName, ReturnType<typeof facet>>),
  'Counts over all the clauses the query and filters match (not just this page), at most 50 values per facet, most frequent first. For a quoted-phrase query they count the exact matches found. Each value can be passed back in the search parameter of the same name. Counted on the first page (`offset=0`) unless the `facets` parameter says otherwise; where they were not counted every list is empty and `facetsOmitted` is true.',
);
export type SearchFacets = z.infer<typeof SearchFacets>;

export const LocatedClause = component(
  'LocatedClause',
  z.object({
    status: z
      .enum(['found', 'missing'])
      .meta(d('`found`: the cited clause is the first hit; `missing`: the document has no such clause, and no hits are returned.')),
    document: DocSummary.meta(d('The document the citation names (by region, short title, kind or document number).')),
    cited: Bilingual.meta(d('What the query cited, written as clause paths are: `二、（四十）` / `Part II, Item 40`.')),
    clauseId: z.string().nullable().meta(d('The cited clause (when found).')),
    path: Bilingual.nullable().meta(d('Its path (when found).')),
    nearest: z
      .object({ clauseId: z.string(), path: Bilingual })
      .nullable()
      .meta(d('When missing: the nearest clause of the same kind (`Jiangxi item 40` → 三、（十八）, its last item).')),
  }),
  'What a query citing a clause (`Jiangxi Part II item 12`, `1586号 第十二条`, `江西 二、（十二）`) resolved to.',
);
export type LocatedClause = z.infer<typeof LocatedClause>;

export const SearchResponse = component(
  'SearchResponse',
  z.object({
    query: z.string().meta(d('The query as searched (trimmed).')),
    lang: QueryLang.meta(d('The query language: the `lang` parameter, or the detected one for `auto`.')),
    expansions: z
      .array(Expansion)
      .meta(
        d(
          "What was searched for: the glossary entries an English or pinyin query resolved to, or the glossary terms among a Chinese query's tokens. Empty when the query names no glossary term, for document numbers alone and for browsing.",
        ),
      ),
    interpretation: QueryInterpretation,
    located: LocatedClause.nullable().meta(d('Set when the query cites a clause of a document; null otherwise.')),
    total: count().meta(d('Matching clauses (an estimate from the engine; for quoted phrases, the exact matches among the first 1000 candidates).')),
    limit: z.number().int(),
    offset: z.number().int(),
    processingTimeMs: count(),
    hits: z.array(SearchHit),
    facets: SearchFacets,
    facetsOmitted: z
      .boolean()
      .meta(
        d(
          'True when `facets` were not counted for this answer (a later page with `facets=auto`, or `facets=omit`): every list is then empty, which says nothing about the values present. Ask `facets=include` to have them on any page.',
        ),
      ),
  }),
);
export type SearchResponse = z.infer<typeof SearchResponse>;

export const MAX_QUERY_LENGTH = REQUEST_BUDGET.queryChars;
export const SEARCH_DEFAULTS = { lang: 'auto', limit: 10, offset: 0, facets: 'auto' } as const;
export const FACET_MODES = ['auto', 'include', 'omit'] as const;
export type FacetMode = (typeof FACET_MODES)[number];

const FILTER_RULES =
  '\n\nRepeat the parameter for several values (`k=a&k=b`): values of one filter are ORed, different filters are ANDed. At most 20 values, each at most 200 characters; surrounding spaces are ignored. A value that matches nothing known is a 400 `invalid_parameter` (unrecognized value), never an empty result.';

export const searchQuery = z.object({
  q: scalar('q', {
    maxLength: MAX_QUERY_LENGTH,
    description: [
      'The query, at most 200 characters (Unicode code points, so a Chinese character counts as one). Absent or blank: browse, i.e. every clause matching the filters. How it is planned:',
      '',
      "- **English** (no Chinese characters): glossary concepts named in the query are found, tolerating typos, plurals and English variants (`negative lists`, `negativ list`). Each is searched by its Chinese forms and the hits are restricted to clauses tagged with it; clauses holding all the concepts rank first. `expansions` lists the concepts searched. English that names no concept is matched, typo-tolerantly, against the English renderings of the glossary terms each clause contains; `expansions` then lists the concepts of the returned clauses that the query's words name.",
      '- **Pinyin** (`fumian qingdan`, `fù miàn qīng dān`, with or without spaces and tone marks): resolves through the glossary to the entry with that reading and is searched like an English concept.',
      '- **Chinese**: segmented with jieba using the glossary as its user dictionary; clauses containing every token rank first, and when none contains all of them, clauses containing as many as possible are returned. Glossary entries among the tokens are reported in `expansions`.',
      '- **Quoted phrases** (`"…"`, `“…”`, `「…」`, `『…』`): a Chinese phrase must occur exactly in the clause text (whitespace ignored, since PDF extraction scatters it); exact matches are looked for among the first 1000 candidates, and `total` counts them. A quoted English phrase is read as one glossary concept.',
      '- **Every word first**: clauses holding every word of the query (a region it names, `Jiangxi`, `江西`, is where to look rather than a word to find) come first; `interpretation.allWords` counts them. When they do not fill the page, clauses holding most of the words follow; when there are none, `interpretation.relaxed` is true.',
      '- **Operators**: `-word` or `-"phrase"` excludes (a region or glossary term by its clauses, any other word wherever the clause says it, in Chinese or in its English); `A OR B` (upper case) finds clauses matching either part. A hyphen inside a word (`low-risk`) is no operator.',
      '- **Document numbers** (文号): `1586号`, or a full number such as `发改外资〔2022〕1586号` in any bracket style (〔〕, [], （）, ()), find the clauses that carry or cite that number, including the first clause of the document it belongs to. A full number matches on year and serial (`〔2022〕1586号`). The rest of the query, if any, is planned as above.',
    ].join('\n'),
  }).optional(),
  lang: oneOf('lang', ['en', 'zh', 'auto'], {
    description:
      "Language of the query, echoed in the response's `lang`. `auto` (default) detects it: any Chinese character makes it `zh`, otherwise `en`. An explicit value decides the planning (see `q`): `zh` searches the Chinese text even for Latin input such as `RCEP` or `5G`; `en` plans the query as English. `en` and `zh` also choose the language of error messages when `locale` is not given. Case-sensitive.",
  }).default(SEARCH_DEFAULTS.lang),
  limit: int('limit', {
    min: 1,
    max: 100,
    description: 'Hits per page, as a plain decimal integer (`1.5`, `1e3` and values with spaces are rejected).',
  }).default(SEARCH_DEFAULTS.limit),
  offset: int('offset', {
    min: 0,
    max: REQUEST_BUDGET.maxOffset,
    description: `Hits to skip. Results deeper than ${REQUEST_BUDGET.maxOffset} cannot be paged to (the index's maximum total hits).`,
  }).default(SEARCH_DEFAULTS.offset),
  facets: oneOf('facets', FACET_MODES, {
    description:
      'Whether `facets` are counted: `auto` (default) on the first page (`offset=0`) only, where a page shows them; `include` on every page; `omit` never. Where they are not counted the lists are empty and `facetsOmitted` is true. Counting costs the engine more than the hits on a large index; counts are cached per query and filters, so `include` on later pages usually costs nothing.',
  }).default(SEARCH_DEFAULTS.facets),
  doc: multi('doc', {
    description: `Only clauses of these documents, by document id (see \`GET /api/documents\`, or the \`doc\` facet).${FILTER_RULES}`,
  }).optional(),
  region: multi('region', {
    description:
      'Only documents of these regions, by Chinese or English name, with or without the administrative suffix, case-insensitive: `江西省`, `江西`, `Jiangxi Province`, `jiangxi`; for a district also its first English segment (`Changshou District`, `Changshou`). The `region` facet lists the values present.' +
      FILTER_RULES,
  }).optional(),
  level: multi('level', {
    items: { type: 'string', enum: [...LEVELS] },
    description: `Only documents at these administrative levels (case-insensitive).${FILTER_RULES}`,
  }).optional(),
  status: multi('status', {
    items: { type: 'string', enum: [...DOC_STATUSES] },
    description: `Only clauses of documents with these statuses today (China time): \`in_force\`, \`pending\` (period not begun), \`expired\` (stated period ended), \`superseded\`, \`draft\`. Derived at request time from the validity periods stored in the index, so never stale. Without it every status is included.${FILTER_RULES}`,
  }).optional(),
  year: multi('year', {
    items: { type: 'string', pattern: '^\\d{4}$', maxLength: 200 },
    description: `Only documents dated in these years (four digits). A year no document has is rejected as unrecognized.${FILTER_RULES}`,
  }).optional(),
  term: multi('term', {
    description:
      'Only clauses tagged with these glossary entries: an entry id, one of its Chinese forms (preferred or variant), or its preferred English name (case-insensitive).' +
      FILTER_RULES,
  }).optional(),
  verbatim: oneOf('verbatim', ['true', 'false'], {
    description:
      '`true`: search the words as typed, without typo correction ("search instead for `negativ list`"). Default `false`: corrections are made and listed in `interpretation.corrections`.',
  }).default('false'),
  sort: oneOf('sort', ['relevance', 'newest', 'oldest'], {
    description:
      "Order of the hits. `relevance` (default) ranks by how well a clause matches; without `q` (browse) it lists documents newest first and each document's clauses in reading order. `newest` / `oldest`: by document date, then reading order.",
  }).default('relevance'),
  category: multi('category', {
    items: { type: 'string', enum: [...CATEGORIES] },
    description: `Only clauses tagged with a glossary entry of these categories (exact, lower-case).${FILTER_RULES}`,
  }).optional(),
});
export type SearchQuery = z.infer<typeof searchQuery>;
