import { describe, expect, it } from 'vitest';
import type { SearchHit, SearchResponse } from '../../shared/api-types.ts';
import { pathSegments } from '../../server/search/path-segments.ts';
import { parseSearchState, withFilter, withPage } from '../../web/src/search-state.ts';
import {
  EXTRA_CHIPS,
  chipSplit,
  facetGroups,
  filterChips,
  hitModel,
  notices,
  resultsModel,
  retriableStatus,
  type VersionModel,
} from '../../web/src/search-view.ts';
import { noInterpretation as emptyReading } from '../../server/query/plan.ts';

// What a plan reads from a query that has nothing to say (the planner's own empty reading).
const noInterpretation = emptyReading();

const TEXT = '深入实施外资准入负面清单，落实负面清单管理制度。';
const EN = 'Implement the negative list for foreign investment.';

function hit(over: Partial<SearchHit> = {}): SearchHit {
  return {
    id: 'jiangxi--p1-i2',
    docId: 'jiangxi',
    doc: {
      id: 'jiangxi',
      title: { zh: '江西省若干举措', en: 'Jiangxi measures' },
      region: { zh: '江西省', en: 'Jiangxi Province' },
      level: 'provincial',
      date: '2023-06-21',
      docNumber: null,
      status: 'in_force',
      validity: { editorial: 'final', from: null, until: null, supersededBy: null, supersedes: [], note: null },
      translation: null,
    },
    kind: 'item',
    path: { zh: '一、（二）', en: 'Part I, Item 2' },
    pathSegments: pathSegments({ zh: '一、（二）', en: 'Part I, Item 2' }),
    heading: '深入实施外资准入负面清单',
    text: TEXT,
    // The highlight deliberately disagrees with the ranges: the page must render from the ranges.
    highlight: 'not used by the page',
    matches: [
      { start: 8, length: 4 },
      { start: 15, length: 4 },
    ],
    excerpt: { start: 0, length: TEXT.length },
    terms: [],
    translation: {
      heading: 'Implement the negative list',
      text: EN,
      highlight: 'not used either',
      matches: [{ start: 14, length: 13 }],
      excerpt: { start: 0, length: EN.length },
      provenance: 'curated',
    },
    ...over,
  };
}

function response(over: Partial<SearchResponse> = {}): SearchResponse {
  return {
    query: 'negative list',
    lang: 'en',
    expansions: [{ entryId: 'negative-list', zh: '负面清单', en: 'negative list' }],
    interpretation: { ...noInterpretation, words: ['negative', 'list'] },
    located: null,
    total: 23,
    limit: 10,
    offset: 10,
    processingTimeMs: 1,
    hits: [hit()],
    facets: {
      region: [{ value: '江西省', label: { zh: '江西省', en: 'Jiangxi Province' }, count: 3 }],
      level: [],
      status: [],
      year: [],
      doc: [],
      category: [],
      term: [],
    },
    facetsOmitted: false,
    ...over,
  };
}

const marked = (v: VersionModel) => v.runs.filter((r) => r.mark).map((r) => r.text);

describe('hitModel', () => {
  it('marks exactly the ranges the API returned, in the Chinese and in the English', () => {
    const model = hitModel(hit(), 'en');
    const [first, second] = model.versions as VersionModel[];
    expect(first!.lang).toBe('en');
    expect(marked(first!)).toEqual(['negative list']);
    expect(first!.runs.map((r) => r.text).join('')).toBe(EN);
    expect(second!.lang).toBe('zh');
    expect(marked(second!)).toEqual(['负面清单', '负面清单']);
    expect(second!.runs.map((r) => r.text).join('')).toBe(TEXT);
  });

  it('shows the excerpt the API chose, with ellipses where it cut', () => {
    const model = hitModel(hit({ excerpt: { start: 4, length: 10 }, translation: null }), 'zh');
    const zh = model.versions[0] as VersionModel;
    expect(zh.runs.map((r) => r.text)).toEqual(['…', '外资准入', '负面清单', '，落', '…']);
    expect(marked(zh)).toEqual(['负面清单']);
  });

  it('leads with the Chinese for a Chinese query, and says when there is no English', () => {
    const model = hitModel(hit({ translation: null }), 'en');
    expect(model.versions.map((v) => v.lang)).toEqual(['zh', 'en']);
    expect(model.versions[1]).toEqual({ lang: 'en', lead: false, missing: true });
    expect(hitModel(hit(), 'zh').versions.map((v) => [v.lang, v.lead])).toEqual([
      ['zh', true],
      ['en', false],
    ]);
  });

  it('names where official English was published, and links to the clause in the reader', () => {
    const official = hit({
      translation: { ...hit().translation!, provenance: 'official' },
      doc: { ...hit().doc, translation: { title: 't', summary: 's', provenance: 'official', source: 'https://example.org/en' } },
    });
    const en = hitModel(official, 'en').versions[0] as VersionModel;
    expect(en.origin).toMatchObject({ kind: 'english', source: 'https://example.org/en' });
    expect(hitModel(hit(), 'en').href).toBe('/documents/jiangxi#jiangxi--p1-i2');
    expect(hitModel(hit(), 'en').clause.pathSegments.map((s) => s.citeZh)).toEqual(['第一部分', '第（二）项']);
  });

  it('shows every term the query matched plus a few others, the rest behind the button', () => {
    const n = EXTRA_CHIPS + 4;
    const terms = Array.from({ length: n }, (_, i) => ({ entryId: `e${i}`, zh: `词${i}`, en: `w${i}`, matched: i === n - 1 || i === n - 2 }));
    const { chips } = hitModel(hit({ terms }), 'en');
    expect(chips.shown.map((t) => t.entryId)).toEqual([`e${n - 2}`, `e${n - 1}`, ...Array.from({ length: EXTRA_CHIPS }, (_, i) => `e${i}`)]);
    expect(chips.more.map((t) => t.entryId)).toEqual(Array.from({ length: n - 2 - EXTRA_CHIPS }, (_, i) => `e${EXTRA_CHIPS + i}`));
  });

  it('puts the generic 外资/外商 chips after the specific ones, unless the query searched for them', () => {
    const term = (zh: string, matched = false) => ({ entryId: zh, zh, en: zh, matched });
    const split = chipSplit([term('外资'), term('外商'), term('负面清单'), term('研发中心'), term('外商投资'), term('准入')], 3);
    expect(split.shown.map((t) => t.zh)).toEqual(['负面清单', '研发中心', '准入']);
    expect(split.more.map((t) => t.zh)).toEqual(['外资', '外商', '外商投资']);
    expect(chipSplit([term('负面清单'), term('外资', true)], 0).shown.map((t) => t.zh)).toEqual(['外资']);
  });
});

describe('facetGroups', () => {
  it('lists the page facets with counts, checked where selected, with unique ids', () => {
    const state = withFilter(parseSearchState(new URLSearchParams('q=x')), 'region', '江西省', true);
    const groups = facetGroups(state, response().facets);
    expect(groups.map((g) => g.facet)).toEqual(['region']);
    expect(groups[0]!.options).toEqual([
      { facet: 'region', value: '江西省', label: { zh: '江西省', en: 'Jiangxi Province' }, display: 'locale', count: 3, checked: true, id: 'facet-region-0' },
    ]);
  });

  it('keeps a selected value listed with count 0 when nothing matches it now', () => {
    const state = withFilter(parseSearchState(new URLSearchParams('q=x')), 'level', 'national', true);
    const level = facetGroups(state, response().facets).find((g) => g.facet === 'level')!;
    expect(level.options).toEqual([expect.objectContaining({ value: 'national', count: 0, checked: true })]);
  });

  it('shows document titles in Chinese, as the registry says, and never offers the term facet', () => {
    const facets = {
      ...response().facets,
      doc: [{ value: 'jiangxi', label: { zh: '江西省若干举措', en: 'Jiangxi measures' }, count: 1 }],
      term: [{ value: 'negative-list', label: { zh: '负面清单', en: 'negative list' }, count: 9 }],
    };
    const groups = facetGroups(parseSearchState(new URLSearchParams('q=x')), facets);
    expect(groups.find((g) => g.facet === 'doc')!.options[0]!.display).toBe('zh');
    expect(groups.map((g) => g.facet)).not.toContain('term');
  });
});

describe('facetGroups, several values and chips', () => {
  const region = (value: string, en: string, count: number) => ({ value, label: { zh: value, en }, count });

  it("lists a chosen facet's other values from its own counts, so several can be picked", () => {
    const state = withFilter(parseSearchState(new URLSearchParams('q=x')), 'region', '江西省', true);
    const own = { region: [region('江西省', 'Jiangxi Province', 3), region('吉林省', 'Jilin Province', 5)] };
    const groups = facetGroups(state, response().facets, own);
    expect(groups[0]!.options.map((o) => [o.value, o.checked, o.count])).toEqual([
      ['江西省', true, 3],
      ['吉林省', false, 5],
    ]);
  });

  it('sorts years by year, newest first, whatever their counts', () => {
    const year = (v: string, count: number) => ({ value: v, label: { zh: `${v}年`, en: v }, count });
    const facets = { ...response().facets, year: [year('2021', 9), year('2023', 1), year('2022', 4)] };
    const groups = facetGroups(parseSearchState(new URLSearchParams('q=x')), facets);
    expect(groups.find((g) => g.facet === 'year')!.options.map((o) => o.value)).toEqual(['2023', '2022', '2021']);
  });

  it('tolerates a facet missing from the answer (a facet the registry gained first)', () => {
    const { doc: _doc, ...rest } = response().facets;
    expect(facetGroups(parseSearchState(new URLSearchParams('q=x')), rest).map((g) => g.facet)).toEqual(['region']);
  });

  it('makes a chip of every filter in effect, labelled from the answer, the registry, or as typed', () => {
    const state = parseSearchState(new URLSearchParams('q=x&region=江西省&region=Atlantis&level=national&year=2023'));
    expect(filterChips(state, response().facets)).toEqual([
      { facet: 'region', value: '江西省', label: { zh: '江西省', en: 'Jiangxi Province' } },
      { facet: 'region', value: 'Atlantis', label: { zh: 'Atlantis', en: 'Atlantis' } },
      { facet: 'level', value: 'national', label: expect.objectContaining({ en: expect.stringMatching(/national/i) }) },
      { facet: 'year', value: '2023', label: { zh: '2023年', en: '2023' } },
    ]);
    // An error answer has no facets: the chips are still there to remove.
    expect(filterChips(state, null).map((c) => c.value)).toEqual(['江西省', 'Atlantis', 'national', '2023']);
  });
});

describe('notices', () => {
  it('lists what the query was read as, corrections first, leaving out what is empty', () => {
    const res = response({
      interpretation: {
        ...noInterpretation,
        words: [],
        ignored: ['what'],
        corrections: [{ from: 'negativ', to: 'negative', entryId: null }],
        dictionary: [{ en: 'franchising', zh: ['特许经营'] }],
      },
    });
    expect(notices(res).map((n) => n.kind)).toEqual(['corrections', 'expansions', 'ignored', 'dictionary']);
    expect(notices(response({ expansions: [] }))).toEqual([]);
  });

  it('says the search was relaxed, names excluded, alternative and unmatched words, and offers the query as typed', () => {
    const res = response({
      query: 'negativ list -Jilin',
      interpretation: {
        ...noInterpretation,
        relaxed: true,
        corrections: [{ from: 'negativ list', to: 'negative list', entryId: 'negative-list' }],
        excluded: ['Jilin'],
        alternatives: ['negative list', 'subsidies'],
        unmatched: ['subsidies'],
      },
    });
    const out = notices(res);
    expect(out.map((n) => n.kind)).toEqual(['relaxed', 'corrections', 'alternatives', 'excluded', 'unmatched']);
    expect(out[1]).toEqual({
      kind: 'corrections',
      corrections: res.interpretation.corrections,
      terms: { 'negative-list': { entryId: 'negative-list', zh: '负面清单', en: 'negative list' } },
      typed: 'negativ list -Jilin',
    });
    expect(out.find((n) => n.kind === 'excluded')).toEqual({ kind: 'excluded', words: ['Jilin'] });
    expect(out.find((n) => n.kind === 'unmatched')).toEqual({ kind: 'unmatched', words: ['subsidies'] });
    expect(notices(res, { verbatim: true })[0]).toEqual({ kind: 'verbatim' });
  });
});

describe('resultsModel', () => {
  const active = withPage(parseSearchState(new URLSearchParams('q=negative+list')), 2);

  it('shows help on the blank page and before an answer', () => {
    expect(resultsModel(parseSearchState(new URLSearchParams()), response())).toEqual({ kind: 'intro' });
    expect(resultsModel(active, null)).toEqual({ kind: 'intro' });
  });

  it('gives the range, the pages and the notice for our English', () => {
    const model = resultsModel(active, response());
    expect(model).toMatchObject({ kind: 'hits', total: 23, from: 11, to: 11, page: 2, pages: 3, unofficial: true });
    expect(model.kind === 'hits' && model.hits.map((h) => h.id)).toEqual(['jiangxi--p1-i2']);
    const official = response({ hits: [hit({ translation: null })] });
    expect(resultsModel(active, official)).toMatchObject({ unofficial: false });
  });

  it('marks where the clauses holding every word end on the page, and only there', () => {
    const two = [hit(), hit({ id: 'jiangxi--p1-i3' })];
    const at = (allWords: number | null, offset: number, relaxed = false) => {
      const model = resultsModel(active, response({ hits: two, offset, interpretation: { ...noInterpretation, allWords, relaxed } }));
      return model.kind === 'hits' ? model.partialFrom : 'not hits';
    };
    expect(at(11, 10)).toBe(1);
    expect(at(10, 10)).toBe(0);
    // The boundary on an earlier page: every hit here holds most words only; on a later one, all of them hold all.
    expect(at(3, 10)).toBe(0);
    expect(at(12, 10)).toBeNull();
    expect(at(null, 10)).toBeNull();
    expect(at(0, 10, true)).toBeNull();
  });

  it('says nothing matched, keeping the reading of the query', () => {
    expect(resultsModel(active, response({ hits: [], total: 0 }))).toEqual({
      kind: 'empty',
      total: 0,
      notices: [expect.objectContaining({ kind: 'expansions' })],
      absentTerms: [],
    });
    const absent = { entryId: 'forced-technology-transfer', zh: '强制转让技术', en: 'forced technology transfer' };
    const known = response({ hits: [], total: 0, expansions: [absent], interpretation: { ...noInterpretation, absentTerms: [absent] } });
    expect(resultsModel(active, known)).toMatchObject({ kind: 'empty', absentTerms: [absent] });
    // Said once, as absent (not again as "Searched for"), also above hits found for the other words.
    expect(notices(known)).toEqual([{ kind: 'absent', terms: [absent] }]);
  });
});

describe('retriableStatus', () => {
  it('offers "Try again" where trying again can help, not for a rejected request', () => {
    for (const status of [0, 408, 429, 500, 502, 503, 504]) expect(retriableStatus(status), String(status)).toBe(true);
    for (const status of [400, 401, 404, 413, 415]) expect(retriableStatus(status), String(status)).toBe(false);
  });
});
