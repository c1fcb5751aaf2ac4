// English over HTTP against the real engine and the seed corpus: translations in hits and views, English
// highlights, false friends, questions without glossary terms, and the dictionary on untranslated clauses.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedPrefix } from '../../helpers/engine.ts';
import { getJson, startTestServer, type TestServer } from '../../helpers/server.ts';

let server: TestServer;
beforeAll(async () => {
  // Reads only: the run's seed index (the corpus without translations below gets a prefix of its own).
  server = await startTestServer({ prefix: seedPrefix() });
});
afterAll(async () => {
  await server?.close();
});

const search = async (q: string, extra = '') => (await getJson(server.url, `/api/search?q=${encodeURIComponent(q)}${extra}`)).body;
const marked = (html: string) => [...html.matchAll(/<mark>(.*?)<\/mark>/g)].map((m) => m[1]!);

describe('translations in the API', () => {
  it("every hit carries its clause's English, marked where the query matched", async () => {
    const body = await search('negative list');
    expect(body.hits.length).toBeGreaterThan(3);
    for (const hit of body.hits) {
      expect(hit.translation).toMatchObject({ provenance: 'curated', text: expect.any(String) });
      expect(hit.translation.highlight.replace(/<\/?mark>/g, '')).not.toMatch(/[<>]/);
    }
    const marks = body.hits.flatMap((h: { translation: { highlight: string } }) => marked(h.translation.highlight));
    expect(marks.length).toBeGreaterThan(0);
    expect(marks.every((m: string) => /^negative list$/i.test(m))).toBe(true);
    expect(body.hits[0].doc.translation).toMatchObject({ provenance: 'curated', summary: expect.any(String) });
  });

  it('a Chinese query marks the English rendering of its terms', async () => {
    const body = await search('负面清单');
    const marks = body.hits.flatMap((h: { translation: { highlight: string } }) => marked(h.translation.highlight));
    expect(marks.some((m: string) => /negative list/i.test(m))).toBe(true);
  });

  it('document and clause views carry the English of every clause and the document summary', async () => {
    const doc = await getJson(server.url, '/api/documents/jiangxi-2023-fdi-manufacturing');
    expect(doc.status).toBe(200);
    expect(doc.body.document.translation.title).toMatch(/Jiangxi/);
    expect(doc.body.clauses.every((c: { translation: unknown }) => c.translation !== null)).toBe(true);
    const clause = await getJson(server.url, '/api/clauses/jiangxi-2023-fdi-manufacturing--p2-i12');
    expect(clause.body.clause.translation.heading).toMatch(/reinvest/i);
    expect(clause.body.clause.translation.highlight).not.toContain('<mark>');
  });
});

describe('English search', () => {
  it('a false-friend word ("taking part") is not corrected and does not lose the clauses its words match', async () => {
    const body = await search('foreign firms taking part in standard setting');
    expect(body.interpretation.corrections).toEqual([]);
    expect(body.expansions.map((e: { zh: string }) => e.zh)).not.toContain('园区');
    const ids = body.hits.map((h: { id: string }) => h.id);
    expect(ids).toContain('jilin-2023-fdi-environment-draft--p2-i7');
  });

  it('a question with no glossary term finds the clause that answers it', async () => {
    const body = await search('What support do foreign-funded firms get to list shares or issue bonds in China?');
    expect(body.expansions).toEqual([]);
    expect(body.interpretation.ignored).toEqual(expect.arrayContaining(['what', 'do']));
    expect(body.hits[0].id).toBe('national-2022-fdi-manufacturing--p2-i9');
    expect(marked(body.hits[0].translation.highlight).map((m: string) => m.toLowerCase())).toEqual(expect.arrayContaining(['listing', 'issuing']));
  });

  it('a typo of a glossary term is corrected and said so', async () => {
    const body = await search('negativ list');
    expect(body.interpretation.corrections).toEqual([{ from: 'negativ list', to: 'negative list', entryId: 'negative-list' }]);
    expect(body.hits[0].id).toBe('national-2022-fdi-manufacturing--p1-i1');
  });

  it('"searched for" lists what the query named, the same on every page', async () => {
    const first = await search('land for foreign projects', '&limit=5');
    const second = await search('land for foreign projects', '&limit=5&offset=5');
    expect(first.expansions).toEqual(second.expansions);
    expect(first.expansions.length).toBeLessThanOrEqual(3);
  });
});

describe('a document without translation', () => {
  let bare: TestServer;
  let dir: string;
  beforeAll(async () => {
    const { cp, mkdtemp } = await import('node:fs/promises');
    const os = await import('node:os');
    const path = await import('node:path');
    dir = await mkdtemp(path.join(os.tmpdir(), 'policy-search-bare-'));
    const id = 'changshou-2022-fdi-action-plan-draft';
    await cp(path.join('corpus', id), path.join(dir, id), { recursive: true, filter: (src) => !src.endsWith('translation.en.yaml') });
    bare = await startTestServer({ corpus: dir });
  });
  afterAll(async () => {
    await bare?.close();
    const { rm } = await import('node:fs/promises');
    await rm(dir, { recursive: true, force: true });
  });

  it('is found in English through dictionary glosses, and says it has no translation', async () => {
    const { body } = await getJson(bare.url, `/api/search?q=${encodeURIComponent('franchising in infrastructure')}`);
    expect(body.interpretation.dictionary).toEqual(
      expect.arrayContaining([expect.objectContaining({ en: 'franchising', zh: expect.arrayContaining(['特许经营']) })]),
    );
    expect(body.hits[0].id).toBe('changshou-2022-fdi-action-plan-draft--p3-i1-s3');
    expect(body.hits[0].translation).toBeNull();
    expect(marked(body.hits[0].highlight)).toContain('特许经营');
  });
});
