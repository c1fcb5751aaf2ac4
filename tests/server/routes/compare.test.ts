// Journalists' routes over HTTP against a real engine with the seeds: clause citations in the search box
// (eval/locator.yaml), related clauses across documents, the compare diff and the implementation table.
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { seedPrefix } from '../../helpers/engine.ts';
import { getJson, startTestServer, type TestServer } from '../../helpers/server.ts';

let server: TestServer;
beforeAll(async () => {
  // Read-only: the run's seed index.
  server = await startTestServer({ prefix: seedPrefix() });
});
afterAll(async () => {
  await server?.close();
});

const get = (path: string) => getJson(server.url, path);
const NATIONAL = 'national-2022-fdi-manufacturing';
const JIANGXI = 'jiangxi-2023-fdi-manufacturing';

const Case = z.union([
  z.object({ id: z.string(), q: z.string(), expect: z.string() }),
  z.object({ id: z.string(), q: z.string(), expectMissing: z.literal(true), nearest: z.string() }),
]);

describe('clause citations in search', () => {
  it('returns every cited clause of eval/locator.yaml as the first hit, and says so for missing ones', async () => {
    const cases = z.array(Case).parse(parse(await readFile('eval/locator.yaml', 'utf8')));
    const wrong: string[] = [];
    for (const c of cases) {
      const { status, body } = await get(`/api/search?q=${encodeURIComponent(c.q)}`);
      expect(status).toBe(200);
      if ('expect' in c) {
        const first = body.hits[0];
        const seen = first ? `${first.docId} ${first.path.zh}` : '(no hit)';
        if (seen !== c.expect || body.located?.status !== 'found' || body.located.clauseId !== first.id) wrong.push(`${c.id}: ${seen}`);
      } else {
        const seen = body.located ? `${body.located.status} ${body.located.document.id} ${body.located.nearest?.path.zh}` : 'null';
        if (seen !== `missing ${c.nearest}` || body.hits.length !== 0) wrong.push(`${c.id}: ${seen}, ${body.hits.length} hits`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('leaves ordinary queries alone, and follows the cited clause with ordinary results', async () => {
    const plain = await get('/api/search?q=negative%20list');
    expect(plain.body.located).toBeNull();
    const cited = await get(`/api/search?q=${encodeURIComponent('Jiangxi Part II item 12')}`);
    expect(cited.body.hits[0].id).toBe(`${JIANGXI}--p2-i12`);
    expect(cited.body.located).toMatchObject({
      status: 'found',
      document: { id: JIANGXI },
      path: { zh: '二、（十二）' },
      cited: { zh: '二、（十二）', en: 'Part II, Item 12' },
    });
    const missing = await get(`/api/search?q=${encodeURIComponent('Jiangxi Part II item 40')}`);
    expect(missing.body.located).toMatchObject({ status: 'missing', cited: { zh: '二、（四十）', en: 'Part II, Item 40' }, clauseId: null });
    expect(new Set(cited.body.hits.map((h: { id: string }) => h.id)).size).toBe(cited.body.hits.length);
  });
});

describe('related clauses', () => {
  it('lists the clauses of other documents stating the same measure, best first', async () => {
    const { status, body } = await get(`/api/clauses/${JIANGXI}--p2-i12/related`);
    expect(status).toBe(200);
    expect(body.clause.id).toBe(`${JIANGXI}--p2-i12`);
    expect(body.related.length).toBeGreaterThan(1);
    for (const r of body.related) expect(r.document.id).not.toBe(JIANGXI);
    const national = body.related.find((r: { document: { id: string } }) => r.document.id === NATIONAL);
    expect(national).toMatchObject({ clause: { id: `${NATIONAL}--p2-i10` }, relation: 'same' });
    expect(national.sharedTerms.map((t: { entryId: string }) => t.entryId)).toContain('reinvestment-of-profits');
    const scores = body.related.map((r: { score: number }) => r.score);
    expect(body.related[0].score).toBe(Math.max(...scores));
  });

  it('answers an unknown clause with 404 in the error shape', async () => {
    const { status, body } = await get('/api/clauses/no-such-clause/related');
    expect(status).toBe(404);
    expect(body.error.code).toBe('not_found');
  });

  it('gives a clause with no counterpart an empty list: a title states no measure', async () => {
    const doc = await get(`/api/documents/${NATIONAL}`);
    const title = doc.body.clauses.find((c: { kind: string }) => c.kind === 'title');
    const { status, body } = await get(`/api/clauses/${title.id}/related`);
    expect(status).toBe(200);
    expect(body.related).toEqual([]);
  });
});

describe('compare', () => {
  it('gives both clauses and a word diff that rebuilds each side', async () => {
    const { status, body } = await get(`/api/compare?a=${NATIONAL}--p2-i10&b=${JIANGXI}--p2-i12`);
    expect(status).toBe(200);
    const side = (ops: string[]) =>
      body.diff
        .filter((p: { op: string }) => ops.includes(p.op))
        .map((p: { text: string }) => p.text)
        .join('');
    expect(side(['same', 'removed'])).toBe(body.a.clause.text);
    expect(side(['same', 'added'])).toBe(body.b.clause.text);
    expect(body.diff.some((p: { op: string }) => p.op === 'added')).toBe(true);
    expect(body.sameShare).toBeGreaterThan(0.5);
    expect(body.a.clause.translation.text.length).toBeGreaterThan(0);
    expect(body.b.document.id).toBe(JIANGXI);
  });

  it('rejects a missing side (400) and an unknown clause (404)', async () => {
    expect((await get(`/api/compare?a=${NATIONAL}--p2-i10`)).status).toBe(400);
    expect((await get(`/api/compare?a=${NATIONAL}--p2-i10&b=nope`)).status).toBe(404);
  });
});

describe('implementation', () => {
  it('maps each national measure to the Jiangxi clauses taking it up, and lists what Jiangxi adds', async () => {
    const { status, body } = await get(`/api/documents/${JIANGXI}/implementation?of=${NATIONAL}`);
    expect(status).toBe(200);
    expect(body.reference.id).toBe(NATIONAL);
    // The national measures' 15 items (（一）…（十五）) are its measures.
    expect(body.rows.map((r: { clause: { kind: string } }) => r.clause.kind)).toEqual(Array(15).fill('item'));
    const reinvest = body.rows.find((r: { clause: { id: string } }) => r.clause.id === `${NATIONAL}--p2-i10`);
    expect(reinvest.implementedBy[0].clause.id).toBe(`${JIANGXI}--p2-i12`);
    const implementing = new Set(body.rows.flatMap((r: { implementedBy: { clause: { id: string } }[] }) => r.implementedBy.map((l) => l.clause.id)));
    for (const c of body.newClauses) expect(implementing.has(c.id)).toBe(false);
  });

  it('answers an unknown document or reference with 404, and a missing `of` with 400', async () => {
    expect((await get(`/api/documents/${JIANGXI}/implementation?of=atlantis`)).status).toBe(404);
    expect((await get(`/api/documents/atlantis/implementation?of=${NATIONAL}`)).status).toBe(404);
    expect((await get(`/api/documents/${JIANGXI}/implementation`)).status).toBe(400);
  });
});

describe('documents citing each other', () => {
  it('lists the clauses citing the national measures by number, and each such clause names the document it cites', async () => {
    const { status, body } = await get(`/api/documents/${NATIONAL}`);
    expect(status).toBe(200);
    const jiangxi = body.citedBy.filter((c: { docId: string }) => c.docId === JIANGXI);
    expect(jiangxi.length).toBeGreaterThan(0);
    const citing = await get(`/api/clauses/${jiangxi[0].clauseId}`);
    expect(citing.body.clause.cites).toEqual([NATIONAL]);
    // The national document's own clauses carry its number but do not cite it.
    for (const c of body.clauses) expect(c.cites).toEqual([]);
  });
});
