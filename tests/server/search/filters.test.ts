import { describe, expect, it } from 'vitest';
import { FACET_NAMES, FACETS, fixedLabel, PAGE_FACETS } from '../../../shared/facets.ts';
import { LEVELS } from '../../../shared/types.ts';
import { buildCatalog } from '../../../server/search/catalog.ts';
import { countFacets, FACET_FIELDS, resolveFilters, SERVER_FACETS, shapeFacets, termResolver } from '../../../server/search/facets.ts';
import { filterExpression, NO_FILTERS, quote } from '../../../server/search/filters.ts';
import type { Glossary, GlossaryEntry } from '../../../glossary/types.ts';
import type { IndexedClause, IndexedDocument } from '../../../indexer/search-documents.ts';
import { ApiError } from '../../../server/http/errors.ts';

describe('filterExpression', () => {
  it('ANDs groups and ORs values within a group', () => {
    expect(filterExpression({ ...NO_FILTERS, region: ['江西省', '吉林省'], year: [2023] }, { termIds: ['negative-list'] })).toEqual([
      ['region_zh = "江西省"', 'region_zh = "吉林省"'],
      ['year = 2023'],
      ['termIds = "negative-list"'],
    ]);
  });
  it('filters every facet on its registry field', () => {
    const stored = FACET_NAMES.filter((n) => !SERVER_FACETS[n].filter);
    const all = Object.fromEntries(stored.map((n) => [n, ['x']])) as unknown as typeof NO_FILTERS;
    expect(filterExpression({ ...NO_FILTERS, ...all })).toEqual(stored.map((n) => [`${SERVER_FACETS[n].field} = "x"`]));
  });
  it('filters the status with dates on the day of the request, ORing statuses', () => {
    expect(filterExpression({ ...NO_FILTERS, status: ['expired', 'draft'] }, {}, 20250101)).toEqual([
      ['(status = "final" AND superseded = false AND (validFrom IS NULL OR validFrom <= 20250101) AND validUntil < 20250101)', '(status = "draft")'],
    ]);
  });
  it('quotes so that no value can close its string', () => {
    expect(quote('a" OR id EXISTS OR x = "b\\')).toBe('"a\\" OR id EXISTS OR x = \\"b\\\\"');
  });
  it('is empty without filters', () => {
    expect(filterExpression(NO_FILTERS)).toEqual([]);
  });
});

// ---- the registry ------------------------------------------------------------------------------------

const DOC = {
  id: 'jiangxi-fdi-2023',
  title: { zh: '江西省外资政策', en: 'Jiangxi FDI policy' },
  region: { zh: '江西省', en: 'Jiangxi Province' },
  level: 'provincial',
  year: 2023,
} as unknown as IndexedDocument;
const ENTRY = {
  id: 'negative-list',
  zh: '负面清单',
  en: 'negative list',
  variants: { zh: ['负面清单制度'], en: ['negative lists'] },
} as unknown as GlossaryEntry;
const glossary: Glossary = { entries: [ENTRY], byId: new Map([[ENTRY.id, ENTRY]]) };
const catalog = buildCatalog([DOC], { contentHash: 'h' });
const deps = { catalog, glossary, resolveTerm: termResolver(glossary) };

describe('facet registry', () => {
  it('has a server side for every facet, each on its own engine field', () => {
    expect(Object.keys(SERVER_FACETS).sort()).toEqual([...FACET_NAMES].sort());
    expect(new Set(FACET_FIELDS).size).toBe(FACET_NAMES.length);
  });
  it('offers on the page every facet but the term facet, in registry order', () => {
    expect(PAGE_FACETS).toEqual(['region', 'level', 'status', 'year', 'doc', 'category']);
    expect(FACETS.map((f) => f.name)).toEqual(['region', 'level', 'status', 'year', 'doc', 'category', 'term']);
  });
  it('labels fixed values from shared labels and nothing else', () => {
    expect(fixedLabel('level', 'provincial')).toEqual({ zh: '省级', en: 'Provincial' });
    expect(fixedLabel('level', 'county')).toBeNull();
    expect(fixedLabel('level', 'toString')).toBeNull();
    expect(fixedLabel('year', '2023')).toEqual({ zh: '2023年', en: '2023' });
    expect(fixedLabel('region', '江西省')).toBeNull();
    for (const level of LEVELS) expect(fixedLabel('level', level)).not.toBeNull();
  });
  it('resolves names in either language to stored values, as before', () => {
    const filters = resolveFilters(
      {
        region: ['jiangxi', '江西'],
        level: ['Provincial'],
        status: ['Expired', 'in_force'],
        year: ['2023'],
        doc: [DOC.id],
        category: ['tax'],
        term: ['Negative List', '负面清单制度'],
      },
      deps,
    );
    expect(filters).toEqual({
      region: ['江西省', '江西省'],
      level: ['provincial'],
      status: ['expired', 'in_force'],
      year: [2023],
      doc: [DOC.id],
      category: ['tax'],
      term: ['negative-list', 'negative-list'],
    });
  });
  it.each([
    ['region', 'atlantis'],
    ['level', 'county'],
    ['status', 'final'],
    ['year', '1999'],
    ['doc', 'no-such-doc'],
    ['category', 'Tax'],
    ['term', 'no such term'],
  ] as const)('rejects an unknown %s with a 400 naming it', (name, value) => {
    let error: unknown;
    try {
      resolveFilters({ [name]: [value] }, deps);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('invalid_parameter');
    expect((error as ApiError).key).toBe('errors.param.unknown_value');
    expect((error as ApiError).params).toMatchObject({ param: name });
  });
  it('counts and labels every facet from its field, dropping values it cannot label', () => {
    const hit = { region_zh: '江西省', level: 'provincial', year: 2023, docId: DOC.id, categories: ['tax', 'finance'], termIds: ['negative-list', 'gone'] };
    const facets = shapeFacets(countFacets([hit, hit] as unknown as IndexedClause[]), { catalog, glossary });
    expect(Object.keys(facets)).toEqual(FACET_NAMES);
    expect(facets.region).toEqual([{ value: '江西省', label: DOC.region, count: 2 }]);
    expect(facets.doc).toEqual([{ value: DOC.id, label: DOC.title, count: 2 }]);
    expect(facets.year).toEqual([{ value: '2023', label: { zh: '2023年', en: '2023' }, count: 2 }]);
    expect(facets.category.map((f) => f.value)).toEqual(['finance', 'tax']);
    expect(facets.term).toEqual([{ value: 'negative-list', label: { zh: '负面清单', en: 'negative list' }, count: 2 }]);
  });
  it('counts the status for the day from the stored validity facts', () => {
    // A 2022–2024 plan (2 clauses), a document without a period (1) and a draft (1).
    const hits = ['final:20220101:20241231', 'final:20220101:20241231', 'final::', 'draft'].map((validity) => ({ validity }));
    const counts = (today: number) =>
      shapeFacets(countFacets(hits as unknown as IndexedClause[]), { catalog, glossary }, today).status.map((f) => [f.value, f.count, f.label.en]);
    expect(counts(20240601)).toEqual([
      ['in_force', 3, 'In force'],
      ['draft', 1, 'Draft for comment'],
    ]);
    expect(counts(20250101)).toEqual([
      ['expired', 2, 'Expired'],
      ['draft', 1, 'Draft for comment'],
      ['in_force', 1, 'In force'],
    ]);
  });
});
