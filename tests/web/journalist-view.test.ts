import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type {
  ClauseView,
  CompareResponse,
  DocSummary,
  DocumentView,
  ImplementationResponse,
  LocatedClause,
  RelatedResponse,
} from '../../shared/contract/index.ts';
import { LEVELS, type Level } from '../../shared/types.ts';
import { pathSegments } from '../../server/search/path-segments.ts';
import {
  compareModel,
  compareOrder,
  implementationModel,
  localDocuments,
  locatedModel,
  mergeRuns,
  offersImplementation,
  relatedModel,
  sideRuns,
  type DiffRun,
} from '../../web/src/journalist-view.ts';
import { comparePath, matchRoute, parseCompare } from '../../web/src/routes.ts';

function doc(id: string, level: Level, region = id): DocumentView {
  return {
    id,
    title: { zh: `${region}文件`, en: `${region} document` },
    region: { zh: region, en: region },
    level,
    date: '2023-06-21',
    docNumber: null,
    status: 'in_force',
    validity: { editorial: 'final', from: null, until: null, supersededBy: null, supersedes: [], note: null },
    translation: null,
    issuer: [{ zh: '发文机关', en: 'Issuer' }],
    source: null,
    clauseCount: 3,
  };
}

const summary = ({ issuer: _i, source: _s, clauseCount: _c, ...rest }: DocumentView): DocSummary => rest;

function clause(docId: string, key: string, path: { zh: string; en: string }, text = '正文。'): ClauseView {
  return {
    id: `${docId}--${key}`,
    docId,
    ordinal: 0,
    kind: 'item',
    depth: 1,
    parentId: null,
    path,
    pathSegments: pathSegments(path),
    heading: null,
    text,
    inferred: false,
    terms: [],
    matches: [],
    translation: null,
    // `cites` is on main's ClauseView (documents citing each other), not yet on this branch's: the assertion
    // keeps the fixture valid on both sides of the merge.
    cites: [],
  } as ClauseView;
}

const NAT = doc('national', 'national', '中国');
const JX = doc('jiangxi', 'provincial', '江西省');
const JL = doc('jilin', 'provincial', '吉林省');
const CS = doc('changshou', 'district', '长寿区');
const P2I10 = { zh: '二、（十）', en: 'Part II, Item 10' };
const P2I12 = { zh: '二、（十二）', en: 'Part II, Item 12' };

describe('locatedModel', () => {
  const base = { document: summary(JX), cited: { zh: '（四十）', en: 'Item 40' }, clauseId: null, path: null, nearest: null } satisfies Omit<
    LocatedClause,
    'status'
  >;

  it('is nothing when the query cites no clause', () => {
    expect(locatedModel(null)).toBeNull();
  });

  it('names the found clause and links it in the reader', () => {
    const found = locatedModel({ ...base, status: 'found', clauseId: 'jiangxi--p2-i12', path: P2I12 });
    expect(found).toEqual({ kind: 'found', doc: summary(JX), path: P2I12, href: '/documents/jiangxi#jiangxi--p2-i12' });
  });

  it('says a missing clause is missing, with the path it asked for and the nearest clause', () => {
    const nearest = { clauseId: 'jiangxi--p3-i18', path: { zh: '三、（十八）', en: 'Part III, Item 18' } };
    expect(locatedModel({ ...base, status: 'missing', nearest })).toEqual({
      kind: 'missing',
      doc: summary(JX),
      cited: { zh: '（四十）', en: 'Item 40' },
      nearest: { path: nearest.path, href: '/documents/jiangxi#jiangxi--p3-i18' },
    });
    expect(locatedModel({ ...base, status: 'missing' })).toMatchObject({ kind: 'missing', nearest: null });
  });

  it('shows nothing for a found answer without its clause (not a state the API should give)', () => {
    expect(locatedModel({ ...base, status: 'found' })).toBeNull();
  });
});

describe('compareOrder', () => {
  const side = (d: DocumentView, key: string) => ({ clause: { id: `${d.id}--${key}` }, document: d });

  it('puts the higher level on the left, whichever side it was opened from', () => {
    expect(compareOrder(side(JX, 'a'), side(NAT, 'b')).map((s) => s.document.id)).toEqual(['national', 'jiangxi']);
    expect(compareOrder(side(NAT, 'b'), side(JX, 'a')).map((s) => s.document.id)).toEqual(['national', 'jiangxi']);
    expect(compareOrder(side(CS, 'a'), side(JX, 'b')).map((s) => s.document.id)).toEqual(['jiangxi', 'changshou']);
  });

  it('keeps the clause it was opened from on the left between equals', () => {
    expect(compareOrder(side(JX, 'a'), side(JL, 'b')).map((s) => s.document.id)).toEqual(['jiangxi', 'jilin']);
    expect(compareOrder(side(JL, 'b'), side(JX, 'a')).map((s) => s.document.id)).toEqual(['jilin', 'jiangxi']);
  });
});

describe('relatedModel', () => {
  const from = clause('jiangxi', 'p2-i12', P2I12);
  const rel = (d: DocumentView, key: string, relation: 'same' | 'related', score: number, terms = 0) => ({
    clause: clause(d.id, key, P2I10),
    document: summary(d),
    score,
    relation,
    sharedTerms: Array.from({ length: terms }, (_, i) => ({ entryId: `e${i}`, zh: `术语${i}`, en: `term ${i}` })),
  });
  const res: RelatedResponse = {
    clause: from,
    document: summary(JX),
    related: [rel(JL, 'p3-i12', 'related', 0.5), rel(NAT, 'p2-i10', 'same', 0.4, 5), rel(CS, 'p1', 'related', 0.3), rel(NAT, 'p2', 'same', 0.2)],
  };

  it("lists the same measure first, keeping the API's order within each group", () => {
    expect(relatedModel(res).map((l) => l.clauseId)).toEqual(['national--p2-i10', 'national--p2', 'jilin--p3-i12', 'changshou--p1']);
  });

  it('links each to the comparison, the higher level on the left', () => {
    const byId = new Map(relatedModel(res).map((l) => [l.clauseId, l.href]));
    expect(byId.get('national--p2-i10')).toBe(comparePath('national--p2-i10', 'jiangxi--p2-i12'));
    expect(byId.get('jilin--p3-i12')).toBe(comparePath('jiangxi--p2-i12', 'jilin--p3-i12'));
    expect(byId.get('changshou--p1')).toBe(comparePath('jiangxi--p2-i12', 'changshou--p1'));
  });

  it('keeps the rarest shared terms only', () => {
    const [first] = relatedModel(res);
    expect(first?.sharedTerms).toEqual([
      { zh: '术语0', en: 'term 0' },
      { zh: '术语1', en: 'term 1' },
      { zh: '术语2', en: 'term 2' },
    ]);
    expect(first?.clause).toEqual({ kind: 'item', pathSegments: pathSegments(P2I10) });
  });

  it('is empty when nothing is related', () => {
    expect(relatedModel({ ...res, related: [] })).toEqual([]);
  });
});

describe('compare runs', () => {
  const DIFF: DiffRun[] = [
    { op: 'same', text: '鼓励再投资。' },
    { op: 'removed', text: '进一步' },
    { op: 'added', text: '创新宣传，' },
    { op: 'same', text: '优化流程。各地' },
    { op: 'removed', text: '可以' },
    { op: 'added', text: '可' },
    { op: 'same', text: '出台' },
    { op: 'removed', text: '招商' },
    { op: 'removed', text: '优惠' },
    { op: 'same', text: '政策。' },
  ];
  const A = '鼓励再投资。进一步优化流程。各地可以出台招商优惠政策。';
  const B = '鼓励再投资。创新宣传，优化流程。各地可出台政策。';

  it('gives the left its omissions and the right its additions, adjacent runs joined', () => {
    expect(sideRuns(DIFF, 'a', A)).toEqual([
      { op: 'same', text: '鼓励再投资。' },
      { op: 'removed', text: '进一步' },
      { op: 'same', text: '优化流程。各地' },
      { op: 'removed', text: '可以' },
      { op: 'same', text: '出台' },
      { op: 'removed', text: '招商优惠' },
      { op: 'same', text: '政策。' },
    ]);
    expect(sideRuns(DIFF, 'b', B).filter((r) => r.op !== 'same')).toEqual([
      { op: 'added', text: '创新宣传，' },
      { op: 'added', text: '可' },
    ]);
  });

  it('shows the text unmarked when the diff does not spell it', () => {
    expect(sideRuns(DIFF, 'a', `${A}多`)).toEqual([{ op: 'same', text: `${A}多` }]);
    expect(sideRuns([], 'b', B)).toEqual([{ op: 'same', text: B }]);
  });

  it('each side spells its own text, for any diff', () => {
    const run = fc.record({ op: fc.constantFrom<DiffRun['op']>('same', 'added', 'removed'), text: fc.string({ minLength: 1, maxLength: 4 }) });
    fc.assert(
      fc.property(fc.array(run, { maxLength: 12 }), (diff) => {
        const text = (side: 'a' | 'b') =>
          diff
            .filter((p) => p.op !== (side === 'a' ? 'added' : 'removed'))
            .map((p) => p.text)
            .join('');
        for (const side of ['a', 'b'] as const) {
          const runs = sideRuns(diff, side, text(side));
          expect(runs.map((r) => r.text).join('')).toBe(text(side));
          expect(runs.some((r) => r.op === (side === 'a' ? 'added' : 'removed'))).toBe(false);
          for (let i = 1; i < runs.length; i++) expect(runs[i]!.op).not.toBe(runs[i - 1]!.op);
        }
      }),
    );
  });

  it('mergeRuns drops empty runs', () => {
    expect(
      mergeRuns([
        { op: 'same', text: '' },
        { op: 'same', text: 'a' },
        { op: 'same', text: 'b' },
      ]),
    ).toEqual([{ op: 'same', text: 'ab' }]);
  });

  it('compareModel: both sides, their reader links, the share as a percentage and the swapped comparison', () => {
    const res: CompareResponse = {
      a: { clause: clause('national', 'p2-i10', P2I10, A), document: summary(NAT) },
      b: { clause: clause('jiangxi', 'p2-i12', P2I12, B), document: summary(JX) },
      diff: DIFF,
      sameShare: 0.9087,
    };
    const model = compareModel(res);
    expect(model.sharePercent).toBe(91);
    expect(model.identical).toBe(false);
    expect(model.a).toMatchObject({ side: 'a', href: '/documents/national#national--p2-i10', changes: 3 });
    expect(model.b).toMatchObject({ side: 'b', href: '/documents/jiangxi#jiangxi--p2-i12', changes: 2 });
    expect(model.swapHref).toBe(comparePath('jiangxi--p2-i12', 'national--p2-i10'));
    const same = compareModel({ ...res, b: { ...res.b, clause: { ...res.b.clause, text: A } }, diff: [{ op: 'same', text: A }], sameShare: 1 });
    expect(same.identical).toBe(true);
    expect(same.sharePercent).toBe(100);
  });
});

describe('compare address', () => {
  it('reads back what it writes, and is a page route', () => {
    const href = comparePath('national--p2-i10', 'jiangxi--p2-i12');
    const url = new URL(href, 'http://x');
    expect(matchRoute(url.pathname)).toEqual({ name: 'compare' });
    expect(parseCompare(url.search)).toEqual({ a: 'national--p2-i10', b: 'jiangxi--p2-i12' });
  });

  it('rejects a missing or impossible clause id', () => {
    expect(parseCompare('?a=x')).toBeNull();
    expect(parseCompare('?b=x')).toBeNull();
    expect(parseCompare('?a=x&b=')).toBeNull();
    expect(parseCompare('?a=%3Cx%3E&b=y')).toBeNull();
    expect(parseCompare(`?a=${'x'.repeat(201)}&b=y`)).toBeNull();
  });
});

describe('implementation', () => {
  it('is offered by the national document only', () => {
    expect(offersImplementation(NAT)).toBe(true);
    expect(offersImplementation(JX)).toBe(false);
  });

  it('takes every document of another level, higher levels first, as the local documents', () => {
    expect(localDocuments([CS, NAT, JX, JL], NAT).map((d) => d.id)).toEqual(['jiangxi', 'jilin', 'changshou']);
    expect(localDocuments([NAT, doc('national-2', 'national')], NAT)).toEqual([]);
    // The page's ranking agrees with the shared list of levels.
    const everyLevel = [...LEVELS].reverse().map((level) => doc(`d-${level}`, level));
    expect(localDocuments(everyLevel, NAT).map((d) => d.level)).toEqual(LEVELS.slice(1));
  });

  const m1 = clause('national', 'p1-i1', { zh: '一、（一）', en: 'Part I, Item 1' });
  const m2 = clause('national', 'p2-i10', P2I10);
  const answer = (d: DocumentView, rows: [ClauseView, ClauseView[]][], fresh: ClauseView[] = []): ImplementationResponse => ({
    document: d,
    reference: NAT,
    rows: rows.map(([measure, by]) => ({
      clause: measure,
      implementedBy: by.map((c, i) => ({ clause: c, score: 0.5 - i / 10, relation: i === 0 ? 'same' : 'related' })),
    })),
    newClauses: fresh,
  });
  const jx12 = clause('jiangxi', 'p2-i12', P2I12);
  const jx5 = clause('jiangxi', 'p1-i5', { zh: '一、（五）', en: 'Part I, Item 5' });
  const jx7 = clause('jiangxi', 'p1-i7', { zh: '一、（七）', en: 'Part I, Item 7' });
  const jl12 = clause('jilin', 'p3-i12', { zh: '三、（十二）', en: 'Part III, Item 12' });

  it('has a row per national measure and a cell per local document: links to the comparison, or not taken up', () => {
    const model = implementationModel([
      answer(
        JX,
        [
          [m1, []],
          [m2, [jx12, jx5]],
        ],
        [jx7],
      ),
      // The rows are matched by measure, not by position.
      answer(JL, [
        [m2, [jl12]],
        [m1, []],
      ]),
    ]);
    expect(model.columns.map((c) => c.id)).toEqual(['jiangxi', 'jilin']);
    expect(model.rows.map((r) => r.measure.id)).toEqual(['national--p1-i1', 'national--p2-i10']);
    expect(model.rows[0]?.href).toBe('#national--p1-i1');
    expect(model.rows[0]?.cells).toEqual([
      { docId: 'jiangxi', kind: 'none' },
      { docId: 'jilin', kind: 'none' },
    ]);
    const [jiangxi, jilin] = model.rows[1]!.cells;
    expect(jiangxi).toMatchObject({ docId: 'jiangxi', kind: 'taken' });
    expect(jiangxi?.kind === 'taken' && jiangxi.links.map((l) => [l.clauseId, l.relation, l.href])).toEqual([
      ['jiangxi--p2-i12', 'same', comparePath('national--p2-i10', 'jiangxi--p2-i12')],
      ['jiangxi--p1-i5', 'related', comparePath('national--p2-i10', 'jiangxi--p1-i5')],
    ]);
    expect(jilin?.kind === 'taken' && jilin.links.map((l) => l.clauseId)).toEqual(['jilin--p3-i12']);
    expect(model.newClauses).toEqual([
      {
        docId: 'jiangxi',
        links: [
          { clauseId: 'jiangxi--p1-i7', clause: { kind: 'item', pathSegments: jx7.pathSegments }, heading: null, href: '/documents/jiangxi#jiangxi--p1-i7' },
        ],
      },
      { docId: 'jilin', links: [] },
    ]);
  });

  it('is empty without local documents', () => {
    expect(implementationModel([])).toEqual({ columns: [], rows: [], newClauses: [] });
  });
});
