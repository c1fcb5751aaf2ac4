// The translators' glossary page in real Chromium against the seed index: look up 国民待遇, see its sentence
// pairs with the term and the rendering marked, counts per rendering, export TBX (the link's download is valid
// TBX-Basic), copy a term pair and a sentence pair (read back from the clipboard). Skipped, with a warning, where
// Chromium is not installed.
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { axeCheck, browserSuite, skipWithoutChromium, watchErrors } from '../helpers/browser.ts';
import type { TestServer } from '../helpers/server.ts';

const skip = skipWithoutChromium('translator page tests');

describe.skipIf(skip)('glossary page for translators', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  // Reads only: a server over the run's seed index, the run's Chromium (tests/helpers/browser.ts).
  const suite = browserSuite({ context: { locale: 'en-US', permissions: ['clipboard-read', 'clipboard-write'] } });
  const problems = suite.problems;

  beforeAll(async () => {
    ({ server, browser, page } = suite);
  });

  const clipboard = () => page.evaluate(() => navigator.clipboard.readText());

  it('looks up 国民待遇 and shows sentence pairs with both sides marked and counts per rendering', async () => {
    await page.goto('/glossary');
    await page.getByLabel('Search the glossary').fill('国民待遇');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/glossary\?q=/);
    await page
      .locator('.entry-link')
      .filter({ has: page.locator('.entry-zh', { hasText: /^国民待遇$/ }) })
      .click();
    await page.waitForURL(/\/glossary\/national-treatment$/);
    const pairs = page.locator('.pairs .pair');
    await pairs.first().waitFor();
    expect(await pairs.count()).toBeGreaterThan(3);
    for (const m of await page.locator('.pair-zh mark').allTextContents()) expect(m).toBe('国民待遇');
    const enMarks = await page.locator('.pair-en mark').allTextContents();
    expect(enMarks.length).toBeGreaterThan(0);
    expect(enMarks.some((m) => m.toLowerCase() === 'national treatment')).toBe(true);
    // Every pair has its Chinese marked, and its English sentence or a stated reason.
    for (const pair of await pairs.all()) {
      expect(await pair.locator('.pair-zh mark').count()).toBeGreaterThan(0);
      expect((await pair.locator('.pair-en').count()) + (await pair.locator('.pair-note').count())).toBeGreaterThan(0);
    }
    const preferred = page.locator('.rendering-count[data-rendering="national treatment"] .count');
    expect(Number(await preferred.textContent())).toBeGreaterThan(0);
    expect(await page.locator('.rendering-count[data-rendering=""]').count()).toBe(1);
    expect(problems).toEqual([]);
  });

  it('sorts the pairs by right context on request', async () => {
    const first = await page.locator('.pairs .pair-zh').first().textContent();
    await page.getByLabel('Sort').selectOption('right');
    await expect.poll(async () => page.locator('.pairs .pair-zh').first().textContent()).not.toBe(first);
  });

  it('exports TBX: the link downloads valid TBX-Basic holding the entry', async () => {
    const href = (await page.locator('.export-link[data-format="tbx"]').first().getAttribute('href'))!;
    expect(href).toMatch(/^\/api\/glossary\/export\?format=tbx/);
    const res = await page.request.get(href);
    expect(res.status()).toBe(200);
    const xml = await res.text();
    expect(xml).toContain('<term>国民待遇</term>');
    const schema = await readFile('tests/fixtures/tbx/tbx-basic.rng', 'utf8');
    const result = await validateXML({ xml: [{ fileName: 'page.tbx', contents: xml }], schema: [schema], extension: 'relaxng' });
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
    // And the browser treats it as a download.
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('.export-link[data-format="tbx"]').first().click()]);
    expect(download.suggestedFilename()).toMatch(/\.tbx$/);
  });

  it('copies the term pair and a sentence pair (Chinese, then English)', async () => {
    await page.getByRole('button', { name: 'Copy term pair' }).click();
    await expect.poll(clipboard).toBe('国民待遇 — national treatment');
    await page.locator('#toast.visible').waitFor();

    const pair = page
      .locator('.pairs .pair')
      .filter({ has: page.locator('.pair-en') })
      .first();
    const zhText = await pair.locator('.pair-zh').textContent();
    const enText = await pair.locator('.pair-en').textContent();
    await pair.getByRole('button', { name: 'Copy pair' }).click();
    await expect.poll(clipboard).toBe(`${zhText}\n${enText}`);
  });

  it('links entry ids in a note to those entries, and labels the English note in the Chinese interface', async () => {
    await page.goto('/glossary/investment-attraction');
    const link = page.locator('.note-ref', { hasText: 'investment-promotion' });
    await link.waitFor();
    expect(await link.getAttribute('href')).toBe('/glossary/investment-promotion');
    await page.getByRole('button', { name: /switch the interface to Chinese/ }).click();
    await page.locator('.lang-label').first().waitFor();
    expect(await page.locator('.lang-label').first().textContent()).toContain('英文');
    await link.click();
    await page.waitForURL(/\/glossary\/investment-promotion$/);
  });

  it('lists candidate terms from the glossary page, domain terms before filler, with contexts and a CSV of all', async () => {
    const own = await browser.newContext({ locale: 'en-US', baseURL: server.url });
    const p = await own.newPage();
    watchErrors(p, problems);
    await p.goto('/glossary');
    await p.locator('a.candidates-link').click();
    await p.waitForURL(/\/glossary\/candidates$/);
    const rows = p.locator('table.candidates tbody tr');
    await rows.first().waitFor();
    const terms = await p.locator('table.candidates tbody th').allTextContents();
    expect(terms.length).toBeGreaterThan(20);
    // A policy term the glossary lacks comes before the administrative filler the old ranking led with.
    const domain = terms.indexOf('吸引外资');
    expect(domain).toBeGreaterThanOrEqual(0);
    for (const filler of ['疫情', '渠道', '用好', '全省', '我区']) {
      const at = terms.indexOf(filler);
      if (at >= 0) expect(at, filler).toBeGreaterThan(domain);
    }
    // Each row's context marks the term and opens its clause.
    const first = rows.first();
    expect(await first.locator('td.kwic mark').textContent()).toBe(terms[0]);
    expect(await first.locator('td.kwic a').getAttribute('href')).toMatch(/^\/documents\/[^#]+#.+/);
    const csv = await p.request.get(
      await p
        .locator('a[href*="format=csv"]')
        .getAttribute('href')
        .then((h) => h!),
    );
    expect(csv.headers()['content-type']).toMatch(/^text\/csv/);
    expect((await csv.text()).split('\n').length).toBeGreaterThan(terms.length);
    expect((await axeCheck(p)).violations).toEqual([]);
    await own.close();
  });
});
