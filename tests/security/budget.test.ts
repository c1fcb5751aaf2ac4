// Query amplification: whatever the query, one request costs the engine a bounded amount of work (REQUEST_BUDGET).
// A recording proxy between the real server and the real engine counts what each request asks for.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REQUEST_BUDGET } from '../../shared/limits.ts';
import { startEngineProxy, type EngineProxy, type RecordedSearch } from '../helpers/engine-proxy.ts';
import { seedPrefix } from '../helpers/engine.ts';
import { startTestEngine, startTestServer, type TestServer } from '../helpers/server.ts';
import { timedFetch } from '../reliability/helpers.ts';

let engine: Awaited<ReturnType<typeof startTestEngine>>;
let proxy: EngineProxy;
let server: TestServer;

beforeAll(async () => {
  engine = await startTestEngine();
  proxy = await startEngineProxy(engine.engine);
  // Reads only: the run's seed index, through the recording proxy.
  server = await startTestServer({ engine: proxy.handle, prefix: seedPrefix() });
});

afterAll(async () => {
  await server?.close();
  await proxy?.close();
  await engine?.cleanup();
});

/** The engine searches behind one API request: every query of a multi-search counts. */
async function searchesBehind(path: string): Promise<{ status: number; body: any; searches: RecordedSearch[]; queries: number }> {
  proxy.clear();
  const res = await timedFetch(server.url + path);
  // The runtime's catalog refresh (a search of the meta index) may fall inside the window: not this request's.
  const searches = proxy.searches().filter((s) => !/_meta\/search$/.test(s.path));
  const queries = searches.reduce((n, s) => n + (Array.isArray(s.body.queries) ? s.body.queries.length : 1), 0);
  return { status: res.status, body: res.body, searches, queries };
}

/** Glossary abbreviations joined up to the 200-character limit, as in the 197-character query. */
function abbreviationQuery(): string {
  const glossary = server.runtime.enricher.glossary;
  const abbreviations = [...new Set(glossary.entries.flatMap((e) => [e.en, ...e.variants.en]).filter((f) => /^[A-Z][A-Z0-9&]{1,6}$/.test(f)))];
  let q = '';
  for (const a of abbreviations) if (`${q} ${a}`.trim().length <= REQUEST_BUDGET.queryChars) q = `${q} ${a}`.trim();
  return q;
}

describe('request budget', () => {
  it('bounds the engine queries and concepts of a query made of glossary abbreviations', async () => {
    const q = abbreviationQuery();
    expect(q.length).toBeGreaterThan(180);
    // Unbounded, this query named 42 concepts and sent 64 federated queries.
    expect(server.runtime.lookup.findInEnglish(q).length).toBeGreaterThan(REQUEST_BUDGET.concepts * 3);
    const { status, body, searches, queries } = await searchesBehind(`/api/search?q=${encodeURIComponent(q)}`);
    expect(status).toBe(200);
    expect(searches.length).toBeLessThanOrEqual(REQUEST_BUDGET.engineCalls);
    for (const s of searches) expect((s.body.queries as unknown[] | undefined)?.length ?? 1).toBeLessThanOrEqual(REQUEST_BUDGET.engineQueries);
    expect(queries).toBeLessThanOrEqual(REQUEST_BUDGET.engineCalls * REQUEST_BUDGET.engineQueries);
    expect(body.expansions.length).toBe(REQUEST_BUDGET.concepts);
    // Round-robin: the budget keeps every searched concept's preferred Chinese form, in every pass.
    const passes = searches.filter((s) => (s.body.queries as { q: string }[] | undefined)?.some((x) => x.q !== ''));
    expect(passes.length).toBeGreaterThan(0);
    for (const pass of passes) {
      const sent = (pass.body.queries as { q: string }[]).map((x) => x.q);
      for (const e of body.expansions as { zh: string }[]) expect(sent.some((q) => q.split(' ').includes(e.zh))).toBe(true);
    }
  });

  it('checks a quoted phrase in a bounded window of candidates', async () => {
    const { status, searches } = await searchesBehind(`/api/search?q=${encodeURIComponent('"外商投资"')}`);
    expect(status).toBe(200);
    expect(searches).toHaveLength(1);
    expect(searches[0]!.body.limit).toBeLessThanOrEqual(REQUEST_BUDGET.phraseCandidates);
  });

  it('lists a bounded concordance for a glossary entry, in one engine page', async () => {
    // The concordance query filters on the entry; the per-entry counts are one separate (cached) multi-search.
    await timedFetch(`${server.url}/api/glossary`);
    const { status, body, searches } = await searchesBehind('/api/glossary/negative-list');
    expect(status).toBe(200);
    expect(body.concordance.length).toBeGreaterThan(0);
    const concordance = searches.filter((s) => String(s.body.filter ?? '').includes('termIds'));
    expect(concordance).toHaveLength(1);
    expect(concordance[0]!.body.limit).toBeLessThanOrEqual(REQUEST_BUDGET.concordanceClauses);
  });
});
