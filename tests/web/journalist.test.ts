// What a journalist does with the page, in real Chromium against the real service (seed corpus, private engine):
// cite a clause in the search box, open a clause's related clauses in other documents, compare two clauses side by
// side, and read how the local documents take up the national measures. Skipped where Chromium is not installed.
import { mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CompareResponse, DocumentResponse, ImplementationResponse } from '../../web/src/api.ts';
import { comparePath } from '../../web/src/routes.ts';
import { browserSuite, skipWithoutChromium, watchErrors } from '../helpers/browser.ts';
import type { TestServer } from '../helpers/server.ts';

const skip = skipWithoutChromium('journalist browser tests');

const SHOT_DIR = path.join(os.tmpdir(), 'policy-search-screenshots');
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };

const NATIONAL = 'national-2022-fdi-manufacturing';
const JIANGXI = 'jiangxi-2023-fdi-manufacturing';
const JX_2_12 = `${JIANGXI}--p2-i12`;
const NAT_2_10 = `${NATIONAL}--p2-i10`;

describe.skipIf(skip)('journalist views in Chromium', () => {
  let server: TestServer;
  let context: BrowserContext;
  let page: Page;
  // Reads only: a server over the run's seed index, the run's Chromium (tests/helpers/browser.ts).
  const suite = browserSuite({ context: { viewport: DESKTOP, locale: 'en-US' } });
  const problems = suite.problems;
  const requests: string[] = [];

  const watch = (p: Page) => {
    watchErrors(p, problems);
    p.on('request', (r) => requests.push(new URL(r.url()).pathname));
  };
  const api = async <T>(p: string): Promise<T> => (await (await fetch(`${server.url}${p}`)).json()) as T;
  const searchFor = async (q: string) => {
    await page.goto('/');
    await page.getByLabel('Search policy clauses').fill(q);
    await page.keyboard.press('Enter');
    await page.locator('#results-heading').waitFor();
    await page.locator('.located').waitFor();
  };
  const noSideways = (p: Page) => p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

  beforeAll(async () => {
    ({ server, context, page } = suite);
    await mkdir(SHOT_DIR, { recursive: true });
    page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  });

  it('resolves a cited clause above the results: it is the first hit', async () => {
    await searchFor('Jiangxi Part II item 12');
    const notice = page.locator('.located-found');
    expect(await notice.textContent()).toContain('Cited clause: Jiangxi Province 二、（十二） Part II, Item 12');
    expect(await notice.locator('a').getAttribute('href')).toBe(`/documents/${JIANGXI}#${JX_2_12}`);
    const first = page.locator('.hit').first();
    // A hit opens the reader with the search marked.
    expect(await first.locator('.hit-path a').getAttribute('href')).toBe(`/documents/${JIANGXI}?q=Jiangxi+Part+II+item+12#${JX_2_12}`);
    expect(await first.locator('.hit-path').textContent()).toBe('Part II, Item 12');
    expect(await first.locator('.hit-title').textContent()).toContain('江西省');
    await page.locator('#q').blur();
    await page.screenshot({ path: path.join(SHOT_DIR, 'journalist-located.png') });
  });

  it('says so in Chinese too', async () => {
    await page.locator('#lang-switch').click();
    await expect.poll(() => page.locator('.located-found').textContent()).toContain('所引条款：');
    const text = await page.locator('.located-found').textContent();
    expect(text).toContain('江西省 二、（十二）');
    expect(text).not.toContain('Part II');
    await page.locator('#lang-switch').click();
    await expect.poll(() => page.locator('.located-found').textContent()).toContain('Cited clause:');
  });

  it('says a cited clause does not exist and links the nearest one', async () => {
    await searchFor('Jiangxi item 40');
    const notice = page.locator('.located-missing');
    const text = await notice.textContent();
    expect(text).toContain('Jiangxi Province has no such clause (（四十） Item 40).');
    expect(text).toContain('Nearest: 三、（十八）');
    expect(await page.locator('.hit').count()).toBe(0);
    const nearest = notice.locator('a.located-nearest');
    expect(await nearest.getAttribute('href')).toBe(`/documents/${JIANGXI}#${JIANGXI}--p3-i18`);
    await nearest.click();
    await page.waitForURL((u) => u.pathname === `/documents/${JIANGXI}`);
    await page.locator('.clause.is-target').waitFor();
    expect(await page.locator('.clause.is-target').getAttribute('id')).toBe(`${JIANGXI}--p3-i18`);
  });

  it("loads a clause's related clauses only when opened, from the keyboard, the same measure first", async () => {
    requests.length = 0;
    await page.goto(`/documents/${JIANGXI}#${JX_2_12}`);
    const clause = page.locator(`section.clause[id="${JX_2_12}"]`);
    await clause.waitFor();
    // Every clause offers the disclosure; none is fetched yet, and a local document has no implementation table.
    expect(await page.locator('details.related').count()).toBeGreaterThan(10);
    expect(requests.filter((r) => r.endsWith('/related'))).toEqual([]);
    expect(await page.locator('#implementation').count()).toBe(0);

    const summary = clause.locator('details.related > summary');
    expect(await summary.textContent()).toContain('Related in other documents');
    await summary.focus();
    await page.keyboard.press('Enter');
    const items = clause.locator('.related-item');
    await items.first().waitFor();
    expect(requests.filter((r) => r.endsWith('/related'))).toEqual([`/api/clauses/${JX_2_12}/related`]);
    // The national 二、（十） states the same measure: first, and marked.
    const first = items.first();
    expect(await first.getAttribute('class')).toContain('relation-same');
    expect(await first.locator('.related-link').textContent()).toBe('China 二、（十） Part II, Item 10');
    expect(await first.locator('.badge-same').textContent()).toBe('same measure');
    const classes = await items.evaluateAll((els) => els.map((e) => e.className));
    const lastSame = classes.map((c) => c.includes('relation-same')).lastIndexOf(true);
    const firstRelated = classes.findIndex((c) => c.includes('relation-related'));
    expect(firstRelated === -1 || lastSame < firstRelated).toBe(true);
    expect(await first.locator('.related-link').getAttribute('href')).toBe(comparePath(NAT_2_10, JX_2_12));
    await clause.screenshot({ path: path.join(SHOT_DIR, 'journalist-related.png') });
    // Tab reaches the link; Enter follows it.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => (document.activeElement as HTMLAnchorElement | null)?.getAttribute('href'))).toBe(comparePath(NAT_2_10, JX_2_12));
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => u.pathname === '/compare');
    await page.locator('.compare-sides').waitFor();
  });

  it('compares the two clauses side by side: omissions struck on the left, additions marked on the right, English beside each', async () => {
    const cmp = await api<CompareResponse>(`/api/compare?a=${NAT_2_10}&b=${JX_2_12}`);
    await page.goto(comparePath(NAT_2_10, JX_2_12));
    await page.locator('.compare-sides').waitFor();
    const a = page.locator('.compare-side.side-a');
    const b = page.locator('.compare-side.side-b');
    expect(await a.locator('.side-heading').textContent()).toBe('China 二、（十） Part II, Item 10');
    expect(await b.locator('.side-heading').textContent()).toBe('Jiangxi Province 二、（十二） Part II, Item 12');
    expect(await a.locator('.side-doc').textContent()).toContain(cmp.a.document.title.zh);
    expect(await b.locator('.side-doc').textContent()).toContain(cmp.b.document.title.zh);
    // Marks only where the diff says, on their own side; the text (spoken labels aside) is each clause's.
    expect(await a.locator('ins').count()).toBe(0);
    expect(await b.locator('del').count()).toBe(0);
    expect(await b.locator('ins.diff-added').count()).toBeGreaterThan(0);
    expect(await a.locator('del.diff-removed').count()).toBeGreaterThan(0);
    const added = cmp.diff.filter((p) => p.op === 'added').map((p) => p.text);
    expect(await b.locator('ins.diff-added').first().textContent()).toBe(`[added: ${added[0]}]`);
    expect(await b.locator('ins .visually-hidden').first().textContent()).toBe('[added: ');
    expect(await a.locator('del .visually-hidden').first().textContent()).toBe('[omitted: ');
    const spoken = (loc: typeof a) =>
      loc.locator('.side-text').evaluate((el) => {
        const copy = el.cloneNode(true) as HTMLElement;
        for (const hidden of copy.querySelectorAll('.visually-hidden')) hidden.remove();
        return copy.textContent;
      });
    expect(await spoken(a)).toBe(cmp.a.clause.text);
    expect(await spoken(b)).toBe(cmp.b.clause.text);
    // The English beside each.
    expect(await a.locator('.side-text-en').textContent()).toBe(cmp.a.clause.translation?.text);
    expect(await b.locator('.side-text-en').textContent()).toBe(cmp.b.clause.translation?.text);
    expect(await b.locator('.side-text-en').getAttribute('lang')).toBe('en');
    // Side by side on a wide screen.
    const [boxA, boxB] = [await a.boundingBox(), await b.boundingBox()];
    expect(boxB!.x).toBeGreaterThan(boxA!.x + boxA!.width - 1);
    expect(await page.locator('.compare-share').textContent()).toContain(`${Math.round(cmp.sameShare * 100)}% of the text in common`);
    await page.screenshot({ path: path.join(SHOT_DIR, 'journalist-compare.png'), fullPage: true });

    // In the Chinese interface: the share, the legend and the spoken labels.
    await page.locator('#lang-switch').click();
    await expect.poll(() => page.locator('.compare-share').textContent()).toContain(`两段文字相同部分占 ${Math.round(cmp.sameShare * 100)}%`);
    expect(await page.locator('h1').textContent()).toBe('条款对比');
    expect(await b.locator('ins .visually-hidden').first().textContent()).toBe('[新增: ');
    expect(await b.locator('.side-heading').textContent()).toBe('江西省 二、（十二）');
    await page.locator('#lang-switch').click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Compare clauses');

    // A reload serves the page; swapping the sides swaps the marks.
    await page.reload();
    await page.locator('.compare-sides').waitFor();
    expect(await page.locator('.side-a .side-heading').textContent()).toContain('China');
    await page.locator('.compare-swap').click();
    await page.waitForURL((u) => u.search === `?a=${JX_2_12}&b=${NAT_2_10}`);
    await expect.poll(() => page.locator('.side-a .side-heading').textContent()).toContain('Jiangxi');
    // What Jiangxi added is now what the right side (national) omits, struck on the left.
    expect(await page.locator('.side-a del.diff-removed').first().textContent()).toBe(`[omitted: ${added[0]}]`);
    expect(await page.locator('.side-b ins.diff-added').count()).toBeGreaterThan(0);
    expect(await page.locator('.side-a ins').count()).toBe(0);
    expect(await page.locator('.side-b del').count()).toBe(0);
  });

  it('goes from national 二、（十） through "related" to Jiangxi, and shows the diff with marks', async () => {
    await page.goto(`/documents/${NATIONAL}#${NAT_2_10}`);
    const clause = page.locator(`section.clause[id="${NAT_2_10}"]`);
    await clause.waitFor();
    await clause.locator('details.related > summary').click();
    const jiangxi = clause.locator('.related-item').filter({ hasText: 'Jiangxi Province' }).first();
    await jiangxi.waitFor();
    expect(await jiangxi.getAttribute('class')).toContain('relation-same');
    expect(await jiangxi.locator('.related-link').textContent()).toBe('Jiangxi Province 二、（十二） Part II, Item 12');
    await jiangxi.locator('.related-link').click();
    await page.waitForURL((u) => u.pathname === '/compare' && u.search === `?a=${NAT_2_10}&b=${JX_2_12}`);
    await page.locator('.compare-sides').waitFor();
    expect(await page.locator('.side-b ins.diff-added').count()).toBeGreaterThan(0);
    expect(await page.locator('.side-a del.diff-removed').count()).toBeGreaterThan(0);
  });

  it('links a clause citing the national measures by number to them, and lists it under "Cited by" there', async () => {
    const national = await api<DocumentResponse>(`/api/documents/${NATIONAL}`);
    const citing = national.citedBy.find((c) => c.docId === JIANGXI)!;
    await page.goto(`/documents/${JIANGXI}#${citing.clauseId}`);
    const cites = page.locator(`section.clause[id="${citing.clauseId}"] .clause-cites a`);
    await cites.first().waitFor();
    expect(await cites.first().getAttribute('href')).toBe(`/documents/${NATIONAL}`);
    expect(await cites.first().textContent()).toContain(national.document.title.zh);
    await cites.first().click();
    await page.waitForURL((u) => u.pathname === `/documents/${NATIONAL}`);
    const back = page.locator('.cited-by a').filter({ hasText: '江西省' }).first();
    await back.waitFor();
    expect(await back.getAttribute('href')).toBe(`/documents/${JIANGXI}#${encodeURIComponent(citing.clauseId)}`);
  });

  it('tells the national measures and the local documents apart in the implementation table', async () => {
    await page.goto(`/documents/${NATIONAL}`);
    const section = page.locator('#implementation');
    await section.waitFor();
    expect(await section.locator('.impl-table').count()).toBe(0);
    await section.locator('summary').click();
    const table = section.locator('.impl-table');
    await table.waitFor();

    const { documents } = await api<{ documents: { id: string; level: string }[] }>('/api/documents');
    const locals = documents.filter((d) => d.level !== 'national');
    const answers = await Promise.all(locals.map((d) => api<ImplementationResponse>(`/api/documents/${d.id}/implementation?of=${NATIONAL}`)));
    expect(await table.locator('thead th[data-doc]').count()).toBe(locals.length);
    expect(await table.locator('tbody tr[data-measure]').count()).toBe(answers[0]!.rows.length);

    // "Not taken up" exactly where a local document implements nothing of the measure.
    const untaken = answers.flatMap((ans) => ans.rows.filter((r) => r.implementedBy.length === 0).map((r) => `${r.clause.id}|${ans.document.id}`));
    expect(untaken.length).toBeGreaterThan(0);
    const shown = await table
      .locator('td.impl-cell.none')
      .evaluateAll((tds) => tds.map((td) => `${td.closest('tr')!.getAttribute('data-measure')}|${td.getAttribute('data-doc')}`));
    expect(shown.sort()).toEqual(untaken.sort());
    expect(await table.locator('td.impl-cell.none').first().textContent()).toContain('not taken up');

    // National 二、（十） in the Jiangxi column: a link to the comparison with Jiangxi 二、（十二）, marked the same measure.
    const cell = table.locator(`tr[data-measure="${NAT_2_10}"] td[data-doc="${JIANGXI}"]`);
    const link = cell.locator('a.impl-link').first();
    expect(await link.getAttribute('href')).toBe(comparePath(NAT_2_10, JX_2_12));
    expect(await link.textContent()).toContain('二、（十二）');
    expect(await cell.locator('li').first().locator('.badge-same').count()).toBe(1);
    // Each local document's new clauses.
    const jiangxi = answers.find((a) => a.document.id === JIANGXI)!;
    const fresh = table.locator(`tr.impl-new td[data-doc="${JIANGXI}"] a`);
    expect(await fresh.count()).toBe(jiangxi.newClauses.length);
    expect(await fresh.first().getAttribute('href')).toBe(`/documents/${JIANGXI}#${jiangxi.newClauses[0]!.id}`);
    await table.screenshot({ path: path.join(SHOT_DIR, 'journalist-implementation.png') });

    // The table in the Chinese interface.
    await page.locator('#lang-switch').click();
    await expect.poll(() => page.locator('#implementation summary').textContent()).toBe('地方文件落实情况');
    await section.locator('.impl-table').waitFor();
    expect(await section.locator('td.impl-cell.none').first().textContent()).toContain('未落实');
    await page.locator('#lang-switch').click();
    await expect.poll(() => page.locator('#implementation summary').textContent()).toBe('Implementation in local documents');
    await section.locator('.impl-table').waitFor();
    await section.locator(`tr[data-measure="${NAT_2_10}"] td[data-doc="${JIANGXI}"] a.impl-link`).first().click();
    await page.waitForURL((u) => u.pathname === '/compare');
    await page.locator('.compare-sides').waitFor();
    expect(await page.locator('.side-b .side-heading').textContent()).toContain('二、（十二）');
  });

  it('fits a 390 px phone: the compare view stacks its sides, the implementation table becomes a list', async () => {
    const phone = await context.newPage();
    watch(phone);
    await phone.setViewportSize(PHONE);
    await phone.goto(comparePath(NAT_2_10, JX_2_12));
    await phone.locator('.compare-sides').waitFor();
    expect(await noSideways(phone)).toBeLessThanOrEqual(0);
    const [boxA, boxB] = [await phone.locator('.side-a').boundingBox(), await phone.locator('.side-b').boundingBox()];
    expect(boxB!.y).toBeGreaterThanOrEqual(boxA!.y + boxA!.height);
    expect(boxA!.width).toBeLessThanOrEqual(PHONE.width);
    await phone.screenshot({ path: path.join(SHOT_DIR, 'journalist-compare-phone.png'), fullPage: true });

    await phone.goto(`/documents/${NATIONAL}`);
    await phone.locator('#implementation summary').click();
    await phone.locator('.impl-table').waitFor();
    expect(await noSideways(phone)).toBeLessThanOrEqual(0);
    // Each cell names its document, since the column heads are not shown.
    expect(await phone.locator(`td[data-doc="${JIANGXI}"] .cell-label`).first().isVisible()).toBe(true);
    await phone.screenshot({ path: path.join(SHOT_DIR, 'journalist-implementation-phone.png') });
    await phone.close();
  });

  it('says what is wrong with a compare address instead of showing half a page', async () => {
    await page.goto('/compare');
    expect(await page.locator('main .notice').textContent()).toContain('Choose two clauses to compare');
    expect(await page.locator('.compare-sides').count()).toBe(0);
    await page.goto(comparePath(NAT_2_10, `${JIANGXI}--p9-i99`));
    const error = page.locator('main [role=alert]');
    await error.waitFor();
    expect(await error.textContent()).toContain('Clause not found.');
    expect(await page.locator('.compare-sides').count()).toBe(0);
  });

  it('raised no script errors', () => {
    expect(problems).toEqual([]);
  });
});
