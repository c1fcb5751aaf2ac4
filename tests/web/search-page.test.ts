// The search page in real Chromium against the real service (seed index): the lines saying how a query was read,
// several values per facet and removable filter chips (an unknown value from a hand-edited URL included), the
// keyboard path to the first hit, `/`, history while typing, the sort, the language in the URL, the length
// limit, phone and desktop layout, and axe-core over the page and an error page in both interface languages.
import { mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { axeCheck, browserSuite, skipWithoutChromium, watchErrors } from '../helpers/browser.ts';
import type { TestServer } from '../helpers/server.ts';

const skip = skipWithoutChromium('search page browser tests');

// Screenshots go to docs/ (shown in the README) only when asked, so test runs leave the tree clean.
const SHOT_DIR = process.env.UPDATE_SCREENSHOTS ? path.resolve(import.meta.dirname, '../../docs') : path.join(os.tmpdir(), 'policy-search-screenshots');
const DESKTOP = { width: 1366, height: 900 };
const PHONE = { width: 390, height: 844 };
const JIANGXI = '江西省';

describe.skipIf(skip)('search page in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  // Reads only: a server over the run's seed index, the run's Chromium (tests/helpers/browser.ts).
  const suite = browserSuite({ context: { viewport: DESKTOP, locale: 'en-US' } });
  const problems = suite.problems;

  const resultCount = async (p: Page = page): Promise<number> => Number(/\d+/.exec((await p.locator('#results-heading').textContent()) ?? '')?.[0]);
  const params = (p: Page = page) => new URL(p.url()).searchParams;

  const axe = async (p: Page) => (await axeCheck(p)).violations;

  beforeAll(async () => {
    ({ server, browser, context, page } = suite);
    await mkdir(SHOT_DIR, { recursive: true });
  });

  it('says a typo was corrected and offers the query as typed, which turns the correction off', async () => {
    await page.goto('/?q=negativ+list');
    const correction = page.locator('.interpretation.corrections');
    await correction.waitFor();
    expect(await correction.textContent()).toBe('Showing results for 负面清单 (negative list) — search instead for negativ list');
    const instead = correction.locator('a.search-instead');
    expect(new URL((await instead.getAttribute('href'))!, server.url).searchParams.get('verbatim')).toBe('true');
    await instead.click();
    await page.waitForURL((u) => u.searchParams.get('verbatim') === 'true' && u.searchParams.get('q') === 'negativ list');
    const verbatim = page.locator('.interpretation.verbatim');
    await verbatim.waitFor();
    expect(await verbatim.textContent()).toContain('Searched exactly as typed');
    // And back: the same query with corrections.
    await verbatim.getByRole('link', { name: 'Search with corrections' }).click();
    await page.waitForURL((u) => !u.searchParams.has('verbatim') && u.searchParams.get('q') === 'negativ list');
    await page.locator('.interpretation.corrections').waitFor();
  });

  it('names the words it did not search', async () => {
    await page.goto('/?q=what+do+franchising+rules+say');
    const ignored = page.locator('.interpretation.ignored');
    await ignored.waitFor();
    expect(await ignored.textContent()).toBe('Not searched: what, do');
  });

  it('marks where the clauses holding every word end and those with most of them begin', async () => {
    await page.goto('/?q=negative+list+Jiangxi&lang=en');
    const note = page.locator('#hits .partial-note');
    await note.waitFor();
    expect(await note.textContent()).toBe('The clauses below hold most, not all, of the words.');
    // Before the note, every clause is in Jiangxi (the region named); the note starts the first other one.
    const items = await page
      .locator('#hits > li')
      .evaluateAll((lis) => lis.map((li) => ({ partial: li.classList.contains('partial-start'), text: li.textContent ?? '' })));
    const start = items.findIndex((item) => item.partial);
    expect(start).toBeGreaterThan(0);
    for (const item of items.slice(0, start)) expect(item.text).toMatch(/Jiangxi/);
    expect(await page.locator('#hits > li.partial-start').count()).toBe(1);
  });

  it('offers every value of a facet beside the chosen one, ORs several, and shows each as a removable chip', async () => {
    await page.goto('/?q=%E5%A4%96%E8%B5%84');
    await page.locator('.hit').first().waitFor();
    const total = await resultCount();
    const regionBoxes = page.locator('.facet-region input[type=checkbox]');
    const regionsBefore = await regionBoxes.count();
    expect(regionsBefore).toBeGreaterThan(1);
    await page.locator(`.facet-region input[data-value="${JIANGXI}"]`).check();
    await page.waitForURL((u) => u.searchParams.getAll('region').join() === JIANGXI);
    await expect.poll(() => resultCount()).toBeLessThan(total);
    const jiangxiOnly = await resultCount();
    // The other regions are still offered, unchecked.
    await expect.poll(() => regionBoxes.count()).toBe(regionsBefore);
    expect(await page.locator('.facet-region input:checked').count()).toBe(1);
    const other = (await page.locator('.facet-region input:not(:checked)').first().getAttribute('data-value'))!;
    await page.locator(`.facet-region input[data-value="${other}"]`).check();
    await page.waitForURL((u) => u.searchParams.getAll('region').length === 2);
    await expect.poll(() => resultCount()).toBeGreaterThan(jiangxiOnly);
    expect(await page.locator('.facet-region input:checked').count()).toBe(2);
    const badges = new Set(await page.locator('.hit .badge-region').allTextContents());
    expect(badges.size).toBeGreaterThan(0);

    // Two chips; removing one leaves the other, and focus on it.
    const chips = page.locator('.filter-chips .filter-chip');
    expect(await chips.count()).toBe(2);
    expect(await chips.first().textContent()).toBe('Region: Jiangxi Province ×');
    expect(await chips.first().getAttribute('aria-label')).toBe('Remove filter Region: Jiangxi Province');
    await chips.first().click();
    await page.waitForURL((u) => u.searchParams.getAll('region').join() === other);
    await expect.poll(() => chips.count()).toBe(1);
    expect(await page.evaluate(() => document.activeElement?.classList.contains('filter-chip'))).toBe(true);
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => !u.searchParams.has('region'));
    await expect.poll(() => resultCount()).toBe(total);
    expect(await chips.count()).toBe(0);
  });

  it('lists years by year and document titles in the interface language', async () => {
    await page.goto('/?q=%E5%A4%96%E8%B5%84');
    await page.locator('.facet-year input').first().waitFor();
    const years = await page.locator('.facet-year input').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).dataset.value!));
    expect(years.length).toBeGreaterThan(1);
    expect(years).toEqual([...years].sort().reverse());
    const docLabels = await page.locator('.facet-doc .facet-label').allTextContents();
    expect(docLabels.length).toBeGreaterThan(0);
    for (const l of docLabels) expect(l).toMatch(/^[^\u4e00-\u9fff]*[A-Za-z]{3}/);
  });

  it('shows a filter no document has (region=Atlantis) as an error with the chip to remove it, and no "Try again"', async () => {
    await page.goto('/?q=%E5%A4%96%E8%B5%84&region=Atlantis');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.getByRole('button', { name: 'Try again' }).count()).toBe(0);
    // The error takes the whole width, not the 16rem filter column.
    expect((await alert.boundingBox())!.width).toBeGreaterThan(600);
    const chip = page.getByRole('button', { name: 'Remove filter Region: Atlantis' });
    await chip.click();
    await page.waitForURL((u) => !u.searchParams.has('region'));
    await page.locator('.hit').first().waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
  });

  it("gives the blank page's intro the whole width", async () => {
    await page.goto('/');
    const intro = page.locator('.intro');
    await intro.waitFor();
    expect((await intro.boundingBox())!.width).toBeGreaterThan(600);
  });

  it('reaches the first result in at most 5 Tab presses from page load, through "Skip to results"', async () => {
    await page.goto('/?q=%E5%A4%96%E8%B5%84');
    await page.locator('.hit').first().waitFor();
    const firstHit = (await page.locator('.hit-title a').first().getAttribute('href'))!;
    let tabs = 0;
    const active = () => page.evaluate(() => ({ text: document.activeElement?.textContent ?? '', href: document.activeElement?.getAttribute('href') }));
    while (tabs < 5) {
      await page.keyboard.press('Tab');
      tabs++;
      const a = await active();
      if (a.text === 'Skip to results') {
        expect(await page.locator('.skip-results').isVisible()).toBe(true);
        await page.keyboard.press('Enter');
      }
      if (a.href === firstHit) break;
    }
    expect(await active()).toMatchObject({ href: firstHit });
    expect(tabs).toBeLessThanOrEqual(5);
  });

  it('puts the cursor in the search box on "/", and types "/" there as a character', async () => {
    await page.goto('/?q=%E5%A4%96%E8%B5%84');
    await page.locator('.hit').first().waitFor();
    await page.locator('.results-heading').click();
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('q');
    await page.keyboard.press('End');
    await page.keyboard.type('/');
    expect(await page.locator('#q').inputValue()).toBe('外资/');
  });

  it('keeps the search shown before typing one Back away (typing does not replace the history entry)', async () => {
    await page.goto('/?q=%E5%A4%96%E8%B5%84');
    await page.locator('.hit').first().waitFor();
    await page.locator('#q').fill('negative');
    await page.waitForURL((u) => u.searchParams.get('q') === 'negative');
    await page.locator('#q').fill('negative list');
    await page.waitForURL((u) => u.searchParams.get('q') === 'negative list');
    await page.locator('.expansions').waitFor();
    await page.goBack();
    await page.waitForURL((u) => u.searchParams.get('q') === '外资');
    await expect.poll(() => page.locator('#q').inputValue()).toBe('外资');
  });

  it('offers the sort (relevance, newest, oldest), keeps it in the URL and asks the API for it', async () => {
    await page.goto('/?q=%E5%A4%96%E8%B5%84');
    await page.locator('.hit').first().waitFor();
    const sort = page.getByLabel('Sort by');
    expect(await sort.locator('option').allTextContents()).toEqual(['Relevance', 'Newest first', 'Oldest first']);
    const asked = page.waitForRequest((r) => new URL(r.url()).pathname === '/api/search' && new URL(r.url()).searchParams.get('sort') === 'newest');
    await sort.selectOption('newest');
    await asked;
    await page.waitForURL((u) => u.searchParams.get('sort') === 'newest');
    await page.locator('.hit').first().waitFor();
    // A shared link keeps the order.
    await page.reload();
    await page.locator('.hit').first().waitFor();
    expect(await page.locator('#sort').inputValue()).toBe('newest');
    await sort.selectOption('relevance');
    await page.waitForURL((u) => !u.searchParams.has('sort'));
  });

  it('keeps the interface language in the URL: a shared link opens in it, and the switch updates it', async () => {
    const fresh = await browser.newContext({ viewport: DESKTOP, locale: 'en-US', baseURL: server.url });
    const p = await fresh.newPage();
    watchErrors(p, problems);
    await p.goto('/?q=negative+list&lang=zh');
    await p.locator('.hit').first().waitFor();
    expect(await p.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    expect(await p.locator('.search-label').textContent()).toBe('检索政策条款');
    await p.locator('#lang-switch').click();
    await expect.poll(() => params(p).get('lang')).toBe('en');
    expect(await p.evaluate(() => document.documentElement.lang)).toBe('en');
    // A search started here carries the language too.
    await p.goto('/?q=negative+list');
    await p.locator('.hit').first().waitFor();
    expect(params(p).get('lang')).toBe('en');
    await fresh.close();
  });

  it('stops the query at 200 characters, with a counter near the limit', async () => {
    await page.goto('/');
    const box = page.locator('#q');
    await box.fill('a'.repeat(150));
    expect(await page.locator('#q-count').isVisible()).toBe(false);
    await box.fill('a'.repeat(195));
    expect(await page.locator('#q-count').textContent()).toBe('195 of 200 characters');
    await box.press('End');
    await page.keyboard.type('bcdefghijk');
    expect((await box.inputValue()).length).toBe(200);
    expect(await page.locator('#q-count').textContent()).toBe('200 of 200 characters');
  });

  it('says the search was relaxed, names excluded, alternative and unmatched words, and says a known term is absent', async () => {
    const expected = {
      en: {
        relaxed: 'No clause has all the words; showing clauses with most of them.',
        excluded: 'Excluding: Jilin',
        alternatives: 'Any of: negative list or franchising',
        unmatched: 'No clause contains: spaceport',
        absent: '强制转让技术 (forced technology transfer) is a glossary term, but none of these documents contains it.',
        spelling: /spelling/i,
      },
      zh: {
        relaxed: '没有条款包含全部检索词；显示包含大部分检索词的条款。',
        excluded: '排除： Jilin',
        alternatives: '任一： negative list 或 franchising',
        unmatched: '没有条款包含： spaceport',
        absent: '强制转让技术 (forced technology transfer) 是术语表中的术语，但这些文件中都没有出现。',
        spelling: /拼写/,
      },
    };
    for (const lang of ['en', 'zh'] as const) {
      const p = await context.newPage();
      watchErrors(p, problems);
      const want = expected[lang];
      const line = async (q: string, cls: string) => {
        await p.goto(`/?q=${encodeURIComponent(q)}&lang=${lang}`);
        const el = p.locator(`.interpretation.${cls}`);
        await el.waitFor();
        return el.textContent();
      };
      expect(await line('negative list Jiangxi subsidies', 'relaxed')).toBe(want.relaxed);
      expect(await line('negative list -Jilin', 'excluded')).toBe(want.excluded);
      // Excluded means excluded: no Jilin document among the hits.
      expect(await p.locator('.hit .badge-region').allTextContents()).not.toContain(lang === 'en' ? 'Jilin Province' : '吉林省');
      expect(await line('negative list OR franchising', 'alternatives')).toBe(want.alternatives);
      expect(await line('negative list spaceport', 'unmatched')).toBe(want.unmatched);
      expect(await axe(p), `unmatched ${lang}`).toEqual([]);
      // A glossary term no document contains: said as such, linked to its entry, and never "check the spelling".
      expect(await line('forced technology transfer', 'absent-term')).toBe(want.absent);
      expect(await p.locator('.absent-term a').getAttribute('href')).toBe('/glossary/forced-technology-transfer');
      expect(await p.locator('main').textContent()).not.toMatch(want.spelling);
      expect(await axe(p), `absent ${lang}`).toEqual([]);
      await p.close();
    }
  });

  for (const lang of ['en', 'zh'] as const) {
    it(`has no axe-core violations on results and on an error page (${lang} interface), and fits a phone`, async () => {
      const ctx = await browser.newContext({ viewport: DESKTOP, locale: lang === 'zh' ? 'zh-CN' : 'en-US', baseURL: server.url });
      const p = await ctx.newPage();
      watchErrors(p, problems);
      // A corrected typo and a filter in effect: the notice line and a removable chip are in the screenshot.
      await p.goto(`/?q=negativ+list&region=${encodeURIComponent(JIANGXI)}&lang=${lang}`);
      await p.locator('.hit').first().waitFor();
      await p.locator('.filter-chip').waitFor();
      expect(await p.evaluate(() => document.documentElement.lang)).toBe(lang === 'zh' ? 'zh-CN' : 'en');
      expect(await axe(p), 'results').toEqual([]);
      await p.screenshot({ path: path.join(SHOT_DIR, lang === 'en' ? 'screenshot-search.png' : 'screenshot-search-zh.png') });

      await p.goto(`/?q=negative+list&region=Atlantis&lang=${lang}`);
      await p.getByRole('alert').waitFor();
      expect(await axe(p), 'error').toEqual([]);

      await p.setViewportSize(PHONE);
      for (const url of [
        `/?q=negative+list&lang=${lang}`,
        `/?q=negative+list&region=${encodeURIComponent(JIANGXI)}&lang=${lang}`,
        `/?q=x&region=Atlantis&lang=${lang}`,
      ]) {
        await p.goto(url);
        await p.locator('main :is(.hit, .error)').first().waitFor();
        expect(await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), url).toBeLessThanOrEqual(0);
        // The filters are collapsed under the results on a phone.
        expect(await p.locator('details.facets').evaluate((d) => (d as HTMLDetailsElement).open), url).toBe(false);
      }
      await p.goto(`/?q=negative+list&lang=${lang}`);
      await p.locator('.hit').first().waitFor();
      expect(await axe(p), 'phone').toEqual([]);
      await p.screenshot({ path: path.join(SHOT_DIR, lang === 'en' ? 'screenshot-phone.png' : 'screenshot-phone-zh.png') });
      await ctx.close();
    });
  }

  it('remembers the list and the clause opened from it, for the reader\'s "back to results"', async () => {
    await page.goto('/?q=negative+list');
    await page.locator('.hit').first().waitFor();
    await page.evaluate(() => window.scrollTo(0, 300));
    const href = (await page.locator('.hit-title a').nth(1).getAttribute('href'))!;
    await page.locator('.hit-title a').nth(1).click();
    await page.waitForURL((u) => u.pathname.startsWith('/documents/'));
    const saved = JSON.parse((await page.evaluate(() => sessionStorage.getItem('policy-search.results'))) ?? 'null');
    expect(saved).toMatchObject({ url: '/?q=negative+list&lang=en', clauseId: decodeURIComponent(href.split('#')[1]!) });
    expect(saved.scrollY).toBeGreaterThan(0);
    // The browser's Back returns to the list where it was.
    await page.goBack();
    await page.waitForURL((u) => u.pathname === '/');
    await page.locator('.hit').first().waitFor();
    await expect.poll(() => page.evaluate(() => Math.round(window.scrollY))).toBe(Math.round(saved.scrollY));
  });

  it('ran without script errors', () => {
    expect(problems).toEqual([]);
  });
});
