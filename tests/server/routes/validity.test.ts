// Validity over time over HTTP against a real engine with the seeds: the status filter, its facet and the
// documents' status, derived on the day of the request from the periods stored in the index.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchResponse } from '../../../shared/api-types.ts';
import { seedPrefix } from '../../helpers/engine.ts';
import { getJson, startTestServer, type TestServer } from '../../helpers/server.ts';

let server: TestServer;

beforeAll(async () => {
  // Reads only: the run's seed index.
  server = await startTestServer({ prefix: seedPrefix() });
});
afterAll(async () => {
  await server?.close();
});

async function search(params: [string, string][]): Promise<SearchResponse> {
  const { status, body } = await getJson(server.url, `/api/search?${new URLSearchParams([...params, ['limit', '100']])}`);
  expect(status, JSON.stringify(body)).toBe(200);
  return body as SearchResponse;
}

const FANGCHENGGANG = 'fangchenggang-2021-fdi-work-plan'; // a 2021 work plan: expired
const DRAFTS = ['changshou-2022-fdi-action-plan-draft', 'jilin-2023-fdi-environment-draft'];

describe('status facet and filter', () => {
  it('includes every status by default and counts each', async () => {
    const all = await search([]);
    const counts = Object.fromEntries(all.facets.status.map((f) => [f.value, f.count]));
    expect(Object.keys(counts).sort()).toEqual(['draft', 'expired', 'in_force']);
    expect(counts.expired! + counts.draft! + counts.in_force!).toBe(all.total);
    expect(all.facets.status.find((f) => f.value === 'expired')?.label).toEqual({ zh: '已失效', en: 'Expired' });
  });

  it('filters by status: only the expired document, as many clauses as the facet said', async () => {
    const all = await search([]);
    const expired = await search([['status', 'expired']]);
    expect(expired.total).toBe(all.facets.status.find((f) => f.value === 'expired')!.count);
    expect(new Set(expired.hits.map((h) => h.docId))).toEqual(new Set([FANGCHENGGANG]));
    expect(expired.hits.every((h) => h.doc.status === 'expired' && h.doc.validity.until === '2021')).toBe(true);
  });

  it('ORs statuses and combines with the other filters and a query', async () => {
    const both = await search([
      ['status', 'expired'],
      ['status', 'draft'],
    ]);
    expect(new Set(both.hits.map((h) => h.docId))).toEqual(new Set([FANGCHENGGANG, ...DRAFTS]));
    const inForce = await search([
      ['q', '外资'],
      ['status', 'in_force'],
      ['level', 'national'],
    ]);
    expect(inForce.total).toBeGreaterThan(0);
    expect(inForce.hits.every((h) => h.doc.status === 'in_force' && h.doc.level === 'national')).toBe(true);
  });

  it('counts the status of exact-phrase matches too', async () => {
    const phrase = await search([['q', '"外资"']]);
    expect(phrase.facets.status.reduce((n, f) => n + f.count, 0)).toBe(phrase.total);
  });

  it('rejects an unknown status with a 400 in the error shape', async () => {
    const { status, body } = await getJson(server.url, '/api/search?status=final');
    expect(status).toBe(400);
    expect(body.error.code).toBe('invalid_parameter');
  });
});
