import { describe, expect, it } from 'vitest';
import type { SearchHit, SearchResponse } from '../../shared/api-types.ts';
import { pathSegments } from '../../server/search/path-segments.ts';
import { parseSearchState, withFilter, withPage } from '../../web/src/search-state.ts';
import { facetGroups, hitModel, MAX_CHIPS, notices, resultsModel, type VersionModel } from '../../web/src/search-view.ts';

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
    interpretation: { words: ['negative', 'list'], ignored: [], corrections: [], dictionary: [] },
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

  it('puts searched-for terms first and keeps the rest behind the button', () => {
    const terms = Array.from({ length: MAX_CHIPS + 2 }, (_, i) => ({ entryId: `e${i}`, zh: `词${i}`, en: `w${i}`, matched: i === MAX_CHIPS + 1 }));
    const { chips } = hitModel(hit({ terms }), 'en');
    expect(chips.shown).toHaveLength(MAX_CHIPS);
    expect(chips.shown[0]!.entryId).toBe(`e${MAX_CHIPS + 1}`);
    expect(chips.more.map((t) => t.entryId)).toEqual([`e${MAX_CHIPS - 1}`, `e${MAX_CHIPS}`]);
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

describe('notices', () => {
  it('lists what the query was read as, corrections first, leaving out what is empty', () => {
    const res = response({
      interpretation: {
        words: [],
        ignored: ['what'],
        corrections: [{ from: 'negativ', to: 'negative', entryId: null }],
        dictionary: [{ en: 'franchising', zh: ['特许经营'] }],
      },
    });
    expect(notices(res).map((n) => n.kind)).toEqual(['corrections', 'expansions', 'ignored', 'dictionary']);
    expect(notices(response({ expansions: [] }))).toEqual([]);
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

  it('says nothing matched, keeping the reading of the query', () => {
    expect(resultsModel(active, response({ hits: [], total: 0 }))).toEqual({
      kind: 'empty',
      total: 0,
      notices: [expect.objectContaining({ kind: 'expansions' })],
    });
  });
});
