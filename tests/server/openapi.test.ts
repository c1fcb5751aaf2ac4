// server/openapi.json is written by hand: these checks hold it to the routes, the shared enums, the error
// codes and the response shapes the server actually builds. Pure: routers are called directly with a
// runtime whose index is never ready, and the engine is a stub.
import { readFileSync } from 'node:fs';
import type { Request, Response, Router } from 'express';
import type { Meilisearch } from 'meilisearch';
import { describe, expect, it } from 'vitest';
import { CATEGORIES, type Glossary, type GlossaryEntry } from '../../glossary/types.ts';
import { indexNames, type IndexedClause, type IndexedDocument } from '../../indexer/search-documents.ts';
import { CLAUSE_KINDS, LEVELS, STATUSES } from '../../indexer/types.ts';
import { ApiError, ERROR_STATUS } from '../../server/http/errors.ts';
import { EMPTY_LEXICON } from '../../server/query/lexicon.ts';
import { planQuery, type PlannerDeps } from '../../server/query/plan.ts';
import { documentsRouter } from '../../server/routes/documents.ts';
import { glossaryRouter } from '../../server/routes/glossary.ts';
import { searchRouter } from '../../server/routes/search.ts';
import type { Runtime } from '../../server/runtime.ts';
import { createLookup } from '../../glossary/lookup.ts';
import { buildCatalog, docSummary } from '../../server/search/catalog.ts';
import { clauseView, concordance } from '../../server/search/clauses.ts';
import { executeSearch, type SearchContext } from '../../server/search/execute.ts';
import { createEngineGate } from '../../server/search/engine-gate.ts';
import { NO_FILTERS } from '../../server/search/filters.ts';

// ---- the spec, loosely typed -------------------------------------------------------------------------

interface Schema {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  oneOf?: Schema[];
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  example?: unknown;
}
interface Example {
  value: unknown;
}
interface Parameter {
  $ref?: string;
  name: string;
  in: string;
  schema: Schema;
  style?: string;
  explode?: boolean;
  examples?: Record<string, Example>;
}
interface MediaType {
  schema: Schema;
  examples?: Record<string, Example>;
}
interface ApiResponse {
  $ref?: string;
  content?: Record<string, MediaType>;
}
interface Operation {
  parameters?: Parameter[];
  responses: Record<string, ApiResponse>;
}
interface Spec {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, { get?: Operation }>;
  components: { schemas: Record<string, Schema>; parameters: Record<string, Parameter>; responses: Record<string, ApiResponse> };
}

const spec = JSON.parse(readFileSync(new URL('../../server/openapi.json', import.meta.url), 'utf8')) as Spec;

const PATHS = [
  '/api/health',
  '/api/search',
  '/api/documents',
  '/api/documents/{id}',
  '/api/clauses/{id}',
  '/api/glossary',
  '/api/glossary/{id}',
  '/api/openapi.json',
];

function pointer(ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  const keys = ref.slice(2).split('/').map((k) => k.replaceAll('~1', '/').replaceAll('~0', '~'));
  let node: unknown = spec;
  for (const key of keys) node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined;
  return node;
}

function deref<T extends { $ref?: string }>(node: T): T {
  let out = node;
  for (let hops = 0; out.$ref !== undefined; hops++) {
    if (hops > 10) throw new Error(`$ref cycle at ${node.$ref}`);
    out = pointer(out.$ref) as T;
  }
  return out;
}

function allRefs(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(allRefs);
  if (typeof node !== 'object' || node === null) return [];
  return Object.entries(node).flatMap(([k, v]) => (k === '$ref' && typeof v === 'string' ? [v] : allRefs(v)));
}

const operation = (path: string): Operation => {
  const op = spec.paths[path]?.get;
  if (!op) throw new Error(`no GET ${path} in the spec`);
  return op;
};
const queryParams = (path: string): Parameter[] => (operation(path).parameters ?? []).map(deref).filter((p) => p.in === 'query');
const queryParam = (path: string, name: string): Parameter => {
  const p = queryParams(path).find((q) => q.name === name);
  if (!p) throw new Error(`no ${name} on ${path}`);
  return p;
};

/** Every media type of every response of every operation, with the status it is declared under. */
function mediaTypes(): { where: string; status: string; media: MediaType }[] {
  return Object.entries(spec.paths).flatMap(([path, item]) =>
    Object.entries(item.get?.responses ?? {}).flatMap(([status, res]) =>
      Object.entries(deref(res).content ?? {}).map(([type, media]) => ({ where: `${path} ${status} ${type}`, status, media })),
    ),
  );
}

// ---- a small JSON Schema check (the subset the spec uses); objects must not carry undocumented keys ----

function typeMatches(value: unknown, type: string): boolean {
  switch (type) {
    case 'null':
      return value === null;
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number';
    case 'array':
      return Array.isArray(value);
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    default:
      return typeof value === type;
  }
}

function validate(value: unknown, schema: Schema, at = '$'): string[] {
  const s = deref(schema);
  if (s.oneOf) return s.oneOf.some((o) => validate(value, o, at).length === 0) ? [] : [`${at}: matches no alternative`];
  const types = s.type === undefined ? [] : [s.type].flat();
  if (types.length > 0 && !types.some((t) => typeMatches(value, t))) return [`${at}: expected ${types.join('|')}, got ${JSON.stringify(value)}`];
  const errors: string[] = [];
  if (s.enum && !s.enum.includes(value)) errors.push(`${at}: ${JSON.stringify(value)} not in enum`);
  if ('const' in s && value !== s.const) errors.push(`${at}: ${JSON.stringify(value)} is not ${JSON.stringify(s.const)}`);
  if (typeof value === 'string') {
    const length = [...value].length;
    if (s.maxLength !== undefined && length > s.maxLength) errors.push(`${at}: longer than ${s.maxLength}`);
    if (s.minLength !== undefined && length < s.minLength) errors.push(`${at}: shorter than ${s.minLength}`);
    if (s.pattern !== undefined && !new RegExp(s.pattern, 'u').test(value)) errors.push(`${at}: does not match ${s.pattern}`);
  }
  if (typeof value === 'number') {
    if (s.minimum !== undefined && value < s.minimum) errors.push(`${at}: below ${s.minimum}`);
    if (s.maximum !== undefined && value > s.maximum) errors.push(`${at}: above ${s.maximum}`);
  }
  if (Array.isArray(value)) {
    if (s.maxItems !== undefined && value.length > s.maxItems) errors.push(`${at}: more than ${s.maxItems} items`);
    if (s.minItems !== undefined && value.length < s.minItems) errors.push(`${at}: fewer than ${s.minItems} items`);
    if (s.items) value.forEach((v, i) => errors.push(...validate(v, s.items!, `${at}[${i}]`)));
  }
  if (typeMatches(value, 'object') && s.properties) {
    const obj = value as Record<string, unknown>;
    for (const key of s.required ?? []) if (!(key in obj)) errors.push(`${at}: missing ${key}`);
    for (const [key, v] of Object.entries(obj)) {
      const prop = s.properties[key];
      errors.push(...(prop ? validate(v, prop, `${at}.${key}`) : [`${at}: undocumented property ${key}`]));
    }
  }
  return errors;
}

const schema = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });

// ---- the routes, called directly ---------------------------------------------------------------------

const EMPTY_GLOSSARY: Glossary = { entries: [], byId: new Map() };
// The index never becomes ready: a request that passes validation ends in 503 index_not_ready (or a 404).
const runtime = { enricher: { glossary: EMPTY_GLOSSARY }, lookup: createLookup(EMPTY_GLOSSARY), planner: {}, search: () => null, gate: createEngineGate() } as unknown as Runtime;

const ROUTES: { path: string; router: Router; url: string }[] = [
  { path: '/api/search', router: searchRouter(runtime), url: '/search' },
  { path: '/api/documents', router: documentsRouter(runtime), url: '/documents' },
  { path: '/api/documents/{id}', router: documentsRouter(runtime), url: '/documents/some-document' },
  { path: '/api/clauses/{id}', router: documentsRouter(runtime), url: '/clauses/some-document--p1' },
  { path: '/api/glossary', router: glossaryRouter(runtime), url: '/glossary' },
  { path: '/api/glossary/{id}', router: glossaryRouter(runtime), url: '/glossary/some-entry' },
];

type Query = Record<string, string | string[]>;

/** The ApiError the route ends with for this query string. */
function probe(router: Router, path: string, query: Query): Promise<ApiError> {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) for (const one of [v].flat()) qs.append(k, one);
  const url = `${path}?${qs.toString()}`;
  const req = { method: 'GET', url, originalUrl: url, query, headers: {} } as unknown as Request;
  return new Promise((resolve, reject) => {
    router(req, {} as Response, (err?: unknown) => {
      if (err instanceof ApiError) resolve(err);
      else reject(new Error(`expected an ApiError from ${url}, got ${String(err)}`));
    });
  });
}

async function expectRejected(route: (typeof ROUTES)[number], query: Query, reason: string, params: Record<string, unknown> = {}) {
  const err = await probe(route.router, route.url, query);
  expect(err.code, `${route.path} ${JSON.stringify(query)}`).toBe('invalid_parameter');
  expect(err.key).toBe(`errors.param.${reason}`);
  expect(err.params).toMatchObject(params);
}

async function expectAccepted(route: (typeof ROUTES)[number], query: Query) {
  const err = await probe(route.router, route.url, query);
  expect(err.code, `${route.path} ${JSON.stringify(query)}: ${err.message}`).not.toBe('invalid_parameter');
}

// ---- fixtures for the response builders ------------------------------------------------------------

const ENTRY: GlossaryEntry = {
  id: 'negative-list',
  zh: '负面清单',
  en: 'negative list',
  variants: { zh: [], en: [] },
  category: 'market-access',
  pinyin: 'fu mian qing dan',
  pinyinTones: 'fù miàn qīng dān',
  file: 'glossary/data/market-access.yaml',
  line: 2,
};
const GLOSSARY: Glossary = { entries: [ENTRY], byId: new Map([[ENTRY.id, ENTRY]]) };
const DOCUMENT: IndexedDocument = {
  id: 'jiangxi-fdi-2023',
  title: { zh: '江西省若干举措', en: 'Jiangxi measures' },
  issuer: [{ zh: '江西省发展和改革委员会', en: 'Jiangxi Development and Reform Commission' }],
  region: { zh: '江西省', en: 'Jiangxi Province' },
  level: 'provincial',
  date: '2023-06-21',
  status: 'final',
  language: 'zh',
  clauseCount: 1,
  year: 2023,
  sourcePath: 'jiangxi-fdi-2023/source.txt',
  translation: { title: 'Jiangxi measures', summary: 'Measures of Jiangxi Province.', provenance: 'curated', source: null },
};
const TEXT = '深入实施外资准入负面清单。对于外资准入负面清单之外的领域，按照内外资一致原则管理。';
const CLAUSE: IndexedClause = {
  id: 'jiangxi-fdi-2023--p1-i2',
  docId: DOCUMENT.id,
  ordinal: 1,
  kind: 'item',
  depth: 1,
  parentId: 'jiangxi-fdi-2023--p1',
  path_zh: '一、（二）',
  path_en: 'Part I, Item 2',
  heading: '深入实施外资准入负面清单',
  text: TEXT,
  heading_seg: '',
  text_seg: '',
  terms_en: ['negative list'],
  heading_en: 'Thoroughly implement the negative list for foreign investment access',
  text_en: 'Thoroughly implement the negative list for foreign investment access. Fields outside it are managed alike.',
  translation: 'curated',
  heading_en_stem: '',
  text_en_stem: '',
  terms_en_stem: '',
  gloss_en_stem: '',
  termIds: [ENTRY.id],
  categories: [ENTRY.category],
  termSpans: [
    { entryId: ENTRY.id, start: TEXT.indexOf('负面清单'), end: TEXT.indexOf('负面清单') + 4 },
    { entryId: ENTRY.id, start: TEXT.lastIndexOf('负面清单'), end: TEXT.lastIndexOf('负面清单') + 4 },
  ],
  refs: [],
  region_zh: '江西省',
  region_en: 'Jiangxi Province',
  level: 'provincial',
  year: 2023,
  status: 'final',
  inferred: false,
  line: 14,
};
const FACETS = { region_zh: { 江西省: 1 }, level: { provincial: 1 }, year: { '2023': 1 }, docId: { [DOCUMENT.id]: 1 }, categories: { 'market-access': 1 }, termIds: { 'negative-list': 1 } };
// Answers every engine search with the one clause above.
const engine = {
  index: () => ({ search: () => Promise.resolve({ hits: [CLAUSE], estimatedTotalHits: 1, facetDistribution: FACETS }) }),
} as unknown as Meilisearch;
const ctx: SearchContext = { client: engine, names: indexNames(), catalog: buildCatalog([DOCUMENT], { contentHash: 'hash' }), glossary: GLOSSARY };
const planner: PlannerDeps = {
  cut: (text) => (text === '负面清单' ? ['负面清单'] : [text]),
  findInEnglish: () => [],
  findPinyin: () => [],
  entriesWithZh: (form) => (form === ENTRY.zh ? [ENTRY] : []),
  isEnglishWord: () => true,
  lexicon: EMPTY_LEXICON,
  stemShare: () => 0,
  termShare: () => 0,
};

// ---- tests -----------------------------------------------------------------------------------------

describe('openapi.json structure', () => {
  it('is OpenAPI 3.1 with info, paths and components', () => {
    expect(spec.openapi).toMatch(/^3\.1\.\d+$/);
    expect(spec.info.title).toBeTruthy();
    expect(spec.info.version).toBeTruthy();
    expect(Object.keys(spec.components.schemas).length).toBeGreaterThan(0);
  });

  it.each(PATHS)('describes GET %s with a 200 response', (path) => {
    expect(operation(path).responses['200']).toBeDefined();
  });

  it('documents no path the server does not have', () => {
    expect(Object.keys(spec.paths).sort()).toEqual([...PATHS, '/api/admin/reindex'].sort());
  });

  it('describes the admin reindex behind the admin token, with its 409', () => {
    const op = (spec.paths['/api/admin/reindex'] as Record<string, Operation & { security?: unknown[] }>).post!;
    expect(op.security).toEqual([{ adminToken: [] }]);
    expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['200', '401', '404', '409']));
  });

  it('resolves every $ref to a component', () => {
    const refs = allRefs(spec);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) {
      expect(ref, ref).toMatch(/^#\/components\//);
      expect(pointer(ref), ref).toBeTypeOf('object');
    }
  });

  it('has the schemas clients are told about', () => {
    const names = ['SearchResponse', 'SearchHit', 'Expansion', 'HitTerm', 'DocSummary', 'FacetValue', 'SearchFacets', 'Document', 'ClauseView', 'GlossaryEntryView', 'ConcordanceLine', 'Error'];
    for (const name of names) expect(spec.components.schemas[name], name).toBeDefined();
  });
});

describe('openapi.json enums', () => {
  it('lists exactly the error codes of ERROR_STATUS', () => {
    const code = deref(schema('Error')).properties?.error?.properties?.code;
    expect(code?.enum).toEqual(Object.keys(ERROR_STATUS));
  });

  it('uses CATEGORIES for every category', () => {
    expect(spec.components.schemas.Category?.enum).toEqual([...CATEGORIES]);
    expect(queryParam('/api/search', 'category').schema.items?.enum).toEqual([...CATEGORIES]);
    expect(queryParam('/api/glossary', 'category').schema.enum).toEqual([...CATEGORIES]);
  });

  it('uses LEVELS, STATUSES and CLAUSE_KINDS', () => {
    expect(spec.components.schemas.Level?.enum).toEqual([...LEVELS]);
    expect(queryParam('/api/search', 'level').schema.items?.enum).toEqual([...LEVELS]);
    expect(spec.components.schemas.Status?.enum).toEqual([...STATUSES]);
    expect(spec.components.schemas.ClauseKind?.enum).toEqual([...CLAUSE_KINDS]);
  });
});

describe('openapi.json parameters match the routes', () => {
  it.each(ROUTES)('$path declares exactly the query parameters its route accepts', async (route) => {
    const err = await probe(route.router, route.url, { not_a_parameter: '1' });
    expect(err.code).toBe('invalid_parameter');
    const allowed = String(err.params.allowed).split(', ');
    expect(queryParams(route.path).map((p) => p.name).sort()).toEqual(allowed.sort());
  });

  it.each(ROUTES)('$path: ranges, lengths, enums and repetition are as declared', async (route) => {
    for (const p of queryParams(route.path).filter((q) => q.name !== 'locale')) {
      const s = p.schema;
      if (s.type === 'array') {
        expect(p.style === 'form' && p.explode === true, p.name).toBe(true);
        const valid = s.items?.enum ? s.items.enum.slice(0, 2).map(String) : ['a', 'b'];
        await expectAccepted(route, { [p.name]: valid });
        await expectRejected(route, { [p.name]: Array.from({ length: s.maxItems! + 1 }, (_, i) => `v${i}`) }, 'too_many', { max: s.maxItems });
        if (s.items?.maxLength !== undefined) await expectRejected(route, { [p.name]: 'x'.repeat(s.items.maxLength + 1) }, 'too_long', { max: s.items.maxLength });
        continue;
      }
      await expectRejected(route, { [p.name]: ['1', '1'] }, 'repeated');
      if (s.type === 'integer') {
        await expectAccepted(route, { [p.name]: String(s.minimum) });
        await expectAccepted(route, { [p.name]: String(s.maximum) });
        await expectRejected(route, { [p.name]: String(s.maximum! + 1) }, 'out_of_range', { min: s.minimum, max: s.maximum });
        await expectRejected(route, { [p.name]: String(s.minimum! - 1) }, 'out_of_range', { min: s.minimum, max: s.maximum });
        await expectRejected(route, { [p.name]: '1.5' }, 'not_integer');
      } else if (s.enum) {
        for (const v of s.enum) await expectAccepted(route, { [p.name]: String(v) });
        await expectRejected(route, { [p.name]: 'not-a-value' }, 'not_one_of', { values: s.enum.join(', ') });
      } else {
        // Lengths are in characters: an astral character (two UTF-16 units) counts once.
        await expectAccepted(route, { [p.name]: '𠀀'.repeat(s.maxLength!) });
        await expectRejected(route, { [p.name]: 'x'.repeat(s.maxLength! + 1) }, 'too_long', { max: s.maxLength });
      }
    }
  });

  it('offers locale and Accept-Language wherever messages are localized', () => {
    for (const path of PATHS.filter((p) => p !== '/api/openapi.json')) {
      const params = (operation(path).parameters ?? []).map(deref);
      expect(params.some((p) => p.in === 'query' && p.name === 'locale'), path).toBe(true);
      expect(params.some((p) => p.in === 'header' && p.name === 'Accept-Language'), path).toBe(true);
    }
  });
});

describe('openapi.json examples and schemas agree with each other and with the server', () => {
  it('every response example fits its schema', () => {
    const checked = mediaTypes().flatMap(({ where, media }) =>
      Object.entries(media.examples ?? {}).map(([name, ex]) => {
        expect(validate(ex.value, media.schema), `${where} example ${name}`).toEqual([]);
        return name;
      }),
    );
    expect(checked.length).toBeGreaterThan(10);
  });

  it('every parameter and schema example fits its schema', () => {
    for (const [name, p] of Object.entries(spec.components.parameters)) {
      for (const [exName, ex] of Object.entries(p.examples ?? {})) expect(validate(ex.value, p.schema), `${name} ${exName}`).toEqual([]);
    }
    for (const [name, s] of Object.entries(spec.components.schemas)) {
      if (s.example !== undefined) expect(validate(s.example, s), name).toEqual([]);
    }
  });

  it('error examples carry codes of the status they are listed under', () => {
    const errors = mediaTypes().filter(({ status }) => status !== '200');
    expect(errors.length).toBeGreaterThan(0);
    for (const { where, status, media } of errors) {
      expect(deref(media.schema), where).toEqual(deref(schema('Error')));
      for (const ex of Object.values(media.examples ?? {})) {
        const code = (ex.value as { error: { code: keyof typeof ERROR_STATUS } }).error.code;
        expect(String(ERROR_STATUS[code]), `${where} ${code}`).toBe(status);
      }
    }
  });

  it('documents the error responses of the data endpoints', () => {
    expect(Object.keys(operation('/api/search').responses)).toEqual(expect.arrayContaining(['400', '429', '503']));
    for (const path of ['/api/documents/{id}', '/api/clauses/{id}', '/api/glossary/{id}']) expect(operation(path).responses['404'], path).toBeDefined();
  });

  it('SearchResponse describes what executeSearch returns', async () => {
    const plan = planQuery('负面清单', 'auto', planner);
    const body = await executeSearch(ctx, { plan, filters: NO_FILTERS, limit: 10, offset: 0 });
    expect(body.hits).toHaveLength(1);
    expect(body.expansions).toHaveLength(1);
    expect(body.facets.term).toHaveLength(1);
    expect(body.hits[0]!.translation?.highlight).toContain('<mark>negative list</mark>');
    expect(validate(body, schema('SearchResponse'))).toEqual([]);
  });

  it('DocSummary, ClauseView and ConcordanceLine describe what the server builds', async () => {
    expect(validate(docSummary(DOCUMENT), schema('DocSummary'))).toEqual([]);
    const view = clauseView(CLAUSE, GLOSSARY);
    expect(view.terms).toHaveLength(2);
    expect(validate(view, schema('ClauseView'))).toEqual([]);
    const lines = await concordance(ctx, ENTRY.id);
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(validate(line, schema('ConcordanceLine'))).toEqual([]);
  });

  it('the validator used above rejects what does not fit', () => {
    expect(validate({ ...docSummary(DOCUMENT), extra: 1 }, schema('DocSummary'))).toEqual(['$: undocumented property extra']);
    expect(validate({ ...docSummary(DOCUMENT), level: 'county' }, schema('DocSummary'))).toHaveLength(1);
    const { status: _status, ...missing } = docSummary(DOCUMENT);
    expect(validate(missing, schema('DocSummary'))).toEqual(['$: missing status']);
  });
});
