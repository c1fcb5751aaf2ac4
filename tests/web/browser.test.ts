// The web page in real Chromium against the real service (seed corpus, private engine): search, facets,
// reader, citation, interface language, glossary. Skipped, with a warning, where Chromium is not installed.
import { mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { citation } from '../../web/src/cite.ts';
import type { DocumentResponse, SearchResponse } from '../../web/src/api.ts';
import { browserSuite, skipWithoutChromium, watchErrors } from '../helpers/browser.ts';
import type { TestServer } from '../helpers/server.ts';

const skip = skipWithoutChromium('browser tests');

// Screenshots go to docs/ (shown in the README) only when asked, so test runs leave the tree clean.
const SHOT_DIR = process.env.UPDATE_SCREENSHOTS ? path.resolve(import.meta.dirname, '../../docs') : path.join(os.tmpdir(), 'policy-search-screenshots');

const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 360, height: 780 };

describe.skipIf(skip)('web page in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  // Reads only: a server over the run's seed index, the run's Chromium (tests/helpers/browser.ts).
  const suite = browserSuite({ context: { viewport: DESKTOP, locale: 'en-US', permissions: ['clipboard-read', 'clipboard-write'] } });
  const problems = suite.problems;

  const watch = (p: Page) => {
    watchErrors(p, problems);
  };

  const resultCount = async (): Promise<number> => Number(/\d+/.exec((await page.locator('#results-heading').textContent()) ?? '')?.[0]);

  beforeAll(async () => {
    ({ server, browser, context, page } = suite);
    await mkdir(SHOT_DIR, { recursive: true });
  });

  it('offers example queries on the blank page', async () => {
    await page.goto('/');
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en');
    const examples = page.locator('.examples a');
    expect(await examples.count()).toBe(5);
    expect(await examples.allTextContents()).toContain('fumian qingdan');
  });

  it('finds 负面清单 for "negative list", highlighted, with the expansion line', async () => {
    await page.getByLabel('Search policy clauses').fill('negative list');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/\?q=negative\+list&lang=en$/);
    await page.locator('.hit mark').first().waitFor();
    // The Chinese keeps its own marks beside the English ones.
    const marks = await page.locator('.hit-zh mark').allTextContents();
    expect(marks.length).toBeGreaterThan(0);
    expect(marks.every((m) => m === '负面清单')).toBe(true);
    const expansions = await page.locator('.expansions').textContent();
    expect(expansions).toContain('Searched for:');
    expect(expansions).toContain('负面清单 (negative list)');
    expect(await resultCount()).toBe(await page.locator('.hit').count());
    // Every card: both titles, badges, a clause path link and glossary chips.
    const first = page.locator('.hit').first();
    // The reader marks the search too (tests/web/reader-nav.test.ts).
    expect(await first.locator('.hit-title a').getAttribute('href')).toMatch(/^\/documents\/[\w-]+\?q=negative\+list#[\w-]+$/);
    expect(await first.locator('.hit-title-en').textContent()).toMatch(/[A-Za-z]{3}/);
    expect(await first.locator('.chip.matched').first().textContent()).toContain('negative list');
    await page.locator('#q').blur();
    // The search page's screenshots are taken by tests/web/search-page.test.ts.
  });

  it("leads an English query's hits with the English, marked, then the Chinese, and says whose English it is", async () => {
    const hits = page.locator('.hit');
    for (let i = 0; i < (await hits.count()); i++) {
      const versions = hits.nth(i).locator('.hit-versions > *');
      expect(await versions.first().getAttribute('class'), `hit ${i}`).toContain('hit-en');
      expect(await versions.nth(1).getAttribute('class'), `hit ${i}`).toContain('hit-zh');
    }
    const first = hits.first();
    const englishMarks = await first.locator('.hit-en mark').allTextContents();
    expect(englishMarks.length).toBeGreaterThan(0);
    expect(englishMarks.every((m) => m.toLowerCase() === 'negative list')).toBe(true);
    expect(await first.locator('.hit-zh mark').count()).toBeGreaterThan(0);
    expect(await first.locator('.hit-en .hit-text').getAttribute('lang')).toBe('en');
    expect(await first.locator('.hit-zh .hit-text').getAttribute('lang')).toBe('zh-CN');
    expect(await first.locator('.hit-en .hit-heading').textContent()).toMatch(/negative list/i);
    // Once for the page in full, and a short label on each hit.
    const notice = page.locator('.results .translation-notice');
    expect(await notice.count()).toBe(1);
    expect(await notice.isVisible()).toBe(true);
    expect(await notice.textContent()).toBe('Unofficial translation; the Chinese text prevails.');
    expect(await first.locator('.hit-en .provenance').textContent()).toBe('Unofficial translation');
    // The document's English title stays.
    expect(await first.locator('.hit-title-en').textContent()).toMatch(/[A-Za-z]{3}/);
  });

  it('narrows the results with a region facet, from the keyboard, and puts it in the URL', async () => {
    const before = await resultCount();
    const box = page.locator('.facet-region li').filter({ hasText: 'Jiangxi' }).locator('input[type=checkbox]');
    await box.focus();
    await page.keyboard.press('Space');
    await page.waitForURL(/[?&]region=%E6%B1%9F%E8%A5%BF%E7%9C%81/);
    await expect.poll(resultCount).toBeLessThan(before);
    const regions = await page.locator('.hit .badge-region').allTextContents();
    expect(regions.length).toBeGreaterThan(0);
    expect(regions.every((r) => r === 'Jiangxi Province')).toBe(true);
    // The rebuilt facet list keeps the box checked and focused.
    expect(await page.locator('.facet-region input:checked').count()).toBe(1);
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.dataset.value)).toBe('江西省');
    // The shared URL reproduces the filtered page.
    const shared = await context.newPage();
    watch(shared);
    await shared.goto(page.url());
    await shared.locator('.hit').first().waitFor();
    expect(await shared.locator('.hit').count()).toBe(await page.locator('.hit').count());
    await shared.close();
  });

  it('opens a hit in the reader, scrolled to the highlighted clause', async () => {
    const link = page.locator('.hit-title a').first();
    const href = (await link.getAttribute('href'))!;
    const clauseId = href.split('#')[1]!;
    await link.click();
    await page.waitForURL((url) => url.pathname + url.search + url.hash === href);
    const target = page.locator('.clause.is-target');
    await target.waitFor();
    expect(await target.getAttribute('id')).toBe(clauseId);
    expect(await page.locator('.clause.is-target').count()).toBe(1);
    const top = await target.evaluate((el) => el.getBoundingClientRect().top);
    expect(top).toBeGreaterThanOrEqual(0);
    expect(top).toBeLessThan(DESKTOP.height / 2);
    expect(await target.textContent()).toContain('负面清单');
    // The table of contents links to clause anchors.
    expect(await page.locator('.toc a').count()).toBeGreaterThan(5);
  });

  it('copies an English and a Chinese citation of the clause', async () => {
    const target = page.locator('.clause.is-target');
    const clauseId = (await target.getAttribute('id'))!;
    // Separate buttons for each (tests/web/reader-nav.test.ts); here, that they say what citation() says.
    await target.locator('summary.cite').click();
    await target.getByRole('button', { name: 'Copy English citation' }).click();
    await expect.poll(() => page.locator('#toast').textContent()).toContain('English citation copied');
    const english = await page.evaluate(() => navigator.clipboard.readText());
    await target.getByRole('button', { name: 'Copy Chinese citation' }).click();
    await expect.poll(() => page.locator('#toast').textContent()).toContain('Chinese citation copied');
    const chinese = await page.evaluate(() => navigator.clipboard.readText());
    await target.locator('summary.cite').click();

    const docId = new URL(page.url()).pathname.split('/').pop()!;
    const api = (await (await fetch(`${server.url}/api/documents/${docId}`)).json()) as DocumentResponse;
    const clause = api.clauses.find((c) => c.id === clauseId)!;
    expect(`${english}\n${chinese}`).toBe(citation(api.document, clause, new URL(server.url).origin));
    expect(english).toContain(clause.path.en);
    // The seed corpus's English is ours: the citation says so.
    expect(clause.translation?.provenance).toBe('curated');
    expect(english).toContain('Unofficial translation; the Chinese text prevails.');
    expect(english).toContain(`/documents/${docId}#${clauseId}`);
    expect(chinese).toMatch(/^《.+》（.+）第.+部分/);
  });

  it('switches the interface to Chinese, remembers it, and switches back', async () => {
    const clausePath = page.locator('.clause.is-target .clause-path');
    const englishPath = await clausePath.textContent();
    await page.locator('#lang-switch').click();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    expect(await page.locator('.site-nav a').allTextContents()).toEqual(['检索', '术语表']);
    expect(await page.locator('#toc-heading').textContent()).toBe('目录');
    expect(await page.locator('.clause.is-target .cite').textContent()).toBe('引用');
    expect(await clausePath.textContent()).not.toBe(englishPath);
    expect(await clausePath.textContent()).toMatch(/^[一二三四五六七八九十]+、/);
    // The clause stays highlighted after re-rendering.
    expect(await page.locator('.clause.is-target').count()).toBe(1);

    await page.reload();
    await page.locator('.clause.is-target').waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    expect(await page.locator('#lang-switch').textContent()).toBe('English');
    expect(await page.locator('.doc-meta dt').first().textContent()).toBe('发文机关');
    expect(await page.locator('.reader-tools .translation-notice').textContent()).toBe('非官方译文，以中文原文为准。');
    expect(await page.locator('.site-footer').textContent()).toContain('英文词典释义来自 CC-CEDICT（CC BY-SA 4.0）');

    await page.locator('#lang-switch').click();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await page.locator('.site-nav a').allTextContents()).toEqual(['Search', 'Glossary']);
    expect(await clausePath.textContent()).toBe(englishPath);
    expect(await page.evaluate(() => localStorage.getItem('policy-search.locale'))).toBe('en');
  });

  it('credits CC-CEDICT in the footer', async () => {
    const credit = page.locator('.site-footer .credit');
    expect(await credit.textContent()).toBe('English glosses from CC-CEDICT (CC BY-SA 4.0).');
    expect(await credit.getByRole('link', { name: 'CC-CEDICT' }).getAttribute('href')).toBe('https://cc-cedict.org/');
    expect(await credit.getByRole('link', { name: 'CC BY-SA 4.0' }).getAttribute('href')).toBe('https://creativecommons.org/licenses/by-sa/4.0/');
  });

  it('says what an English query was read as: corrections, ignored words, dictionary look-ups', async () => {
    await page.goto('/?q=negativ+list');
    const correction = page.locator('.interpretation.corrections');
    await correction.waitFor();
    expect(await correction.textContent()).toBe('Showing results for 负面清单 (negative list) — search instead for negativ list');
    expect(await correction.locator('a.correction').getAttribute('href')).toBe('/glossary/negative-list');
    expect(await page.locator('.hit-en mark').count()).toBeGreaterThan(0);
    expect(await page.locator('.results .translation-notice').isVisible()).toBe(true);

    await page.goto('/?q=what+do+franchising+rules+say');
    const ignored = page.locator('.interpretation.ignored');
    await ignored.waitFor();
    expect(await ignored.textContent()).toBe('Not searched: what, do');
    const dictionary = page.locator('.interpretation.dictionary');
    expect(await dictionary.textContent()).toContain('franchising → 特许经营');
    expect(await dictionary.getByRole('link', { name: 'CC-CEDICT' }).getAttribute('href')).toBe('https://cc-cedict.org/');
  });

  it('keeps the Chinese first for a Chinese query, with the English after it', async () => {
    await page.goto('/?q=%E8%B4%9F%E9%9D%A2%E6%B8%85%E5%8D%95');
    const first = page.locator('.hit').first();
    await first.waitFor();
    expect(await first.locator('.hit-versions > *').first().getAttribute('class')).toContain('hit-zh');
    expect(await first.locator('.hit-zh mark').first().textContent()).toBe('负面清单');
    expect(await first.locator('.hit-en .hit-text').textContent()).toMatch(/negative list/i);
    expect(await page.locator('.interpretation').count()).toBe(0);
  });

  it("renders marks from the API's match ranges and clause paths from its segments, not from the HTML or path strings", async () => {
    const own = await context.newPage();
    watch(own);
    let sent: SearchResponse | null = null;
    // The answer is altered on its way: highlights and path strings that disagree with the structure. The page
    // must show what the structure says.
    await own.route('**/api/search?*', async (route) => {
      const res = await route.fetch();
      const body = (await res.json()) as SearchResponse;
      for (const hit of body.hits) {
        hit.highlight = '<mark>HTML</mark>';
        hit.path = { zh: '错', en: 'Wrong' };
        hit.matches = [{ start: 0, length: 2 }];
        hit.excerpt = { start: 0, length: hit.text.length };
        if (hit.translation) hit.translation.highlight = '<mark>HTML</mark>';
      }
      sent = body;
      await route.fulfill({ response: res, json: body });
    });
    await own.goto('/?q=negative+list');
    const first = own.locator('.hit').first();
    await first.waitFor();
    const hit = sent!.hits[0]!;
    expect(await first.locator('.hit-zh mark').allTextContents()).toEqual([hit.text.slice(0, 2)]);
    expect(await first.locator('.hit-zh .hit-text').textContent()).toBe(hit.text);
    const tr = hit.translation!;
    const enMarks = tr.matches.filter((m) => m.start >= tr.excerpt.start && m.start + m.length <= tr.excerpt.start + tr.excerpt.length);
    expect(enMarks.length).toBeGreaterThan(0);
    expect(await first.locator('.hit-en mark').allTextContents()).toEqual(enMarks.map((m) => tr.text.slice(m.start, m.start + m.length)));
    expect(await first.locator('.hit-path').textContent()).toBe(hit.pathSegments.map((seg) => seg.en).join(', '));
    expect(await own.locator('.hit', { hasText: 'HTML' }).count()).toBe(0);
    await own.close();
  });

  it('cites a clause from the segments the API sends, as its label shows', async () => {
    const own = await context.newPage();
    watch(own);
    await own.route('**/api/documents/*', async (route) => {
      const res = await route.fetch();
      const body = (await res.json()) as DocumentResponse;
      // A path string the page would have had to parse; the segments say otherwise.
      for (const c of body.clauses) c.path = { zh: '九、', en: 'Part IX' };
      await route.fulfill({ response: res, json: body });
    });
    const api = (await (await fetch(`${server.url}/api/documents/national-2022-fdi-manufacturing`)).json()) as DocumentResponse;
    const clause = api.clauses.find((c) => c.pathSegments.length === 2 && c.pathSegments[1]!.kind === 'item')!;
    await own.goto(`/documents/national-2022-fdi-manufacturing#${clause.id}`);
    const section = own.locator(`[id="${clause.id}"]`);
    await section.waitFor();
    expect(await section.locator('.clause-path').textContent()).toBe(clause.pathSegments.map((seg) => seg.en).join(', '));
    await section.locator('summary.cite').click();
    const [english, chinese] = await section.locator('.cite-text').allTextContents();
    expect(english).toContain(`, ${clause.pathSegments.map((seg) => seg.en).join(', ')}.`);
    expect(chinese).toContain(`）${clause.pathSegments.map((seg) => seg.citeZh).join('')}。`);
    expect(chinese).toMatch(/第[一二三四五六七八九十]+部分第（[一二三四五六七八九十]+）项。/);
    await own.close();
  });

  it('reads a document in parallel columns, and the switch shows one alone and keeps it in the URL', async () => {
    const docPath = '/documents/national-2022-fdi-manufacturing';
    await page.goto(docPath);
    const row = page
      .locator('.clause')
      .filter({ has: page.locator('.clause-en') })
      .nth(3);
    await row.waitFor();
    // The English summary, under the title (open on a desktop screen).
    const summary = page.locator('.doc-summary p[lang=en]');
    expect(await summary.isVisible()).toBe(true);
    expect(await summary.textContent()).toMatch(/(?:[A-Za-z]+ ){10}/);
    expect(await page.locator('.reader-tools .translation-notice').isVisible()).toBe(true);
    // Chinese | English, side by side in one row.
    const zhBox = (await row.locator('.clause-zh').boundingBox())!;
    const enBox = (await row.locator('.clause-en').boundingBox())!;
    expect(enBox.x).toBeGreaterThanOrEqual(zhBox.x + zhBox.width);
    expect(Math.abs(enBox.y - zhBox.y)).toBeLessThan(4);
    expect(await row.locator('.clause-text-en').getAttribute('lang')).toBe('en');
    expect(await page.getByRole('radio', { name: 'Both' }).isChecked()).toBe(true);

    // From the keyboard: the arrow keys move between the choices.
    await page.getByRole('radio', { name: 'Both' }).focus();
    await page.keyboard.press('ArrowRight');
    await page.waitForURL(/\?view=zh$/);
    expect(await row.locator('.clause-en').isVisible()).toBe(false);
    expect(await row.locator('.clause-zh').isVisible()).toBe(true);

    await page.getByRole('radio', { name: 'English' }).click();
    await page.waitForURL(/\?view=en$/);
    expect(await row.locator('.clause-zh').isVisible()).toBe(false);
    expect(await row.locator('.clause-en').isVisible()).toBe(true);
    expect(await page.locator('.toc-en').first().isVisible()).toBe(true);

    // A shared link opens the same way.
    const shared = await context.newPage();
    watch(shared);
    await shared.goto(page.url());
    await shared.locator('.clause').first().waitFor();
    expect(await shared.getByRole('radio', { name: 'English' }).isChecked()).toBe(true);
    expect(await shared.locator('.clause-zh').first().isVisible()).toBe(false);
    await shared.close();

    await page.getByRole('radio', { name: 'Both' }).click();
    await expect.poll(() => new URL(page.url()).search).toBe('');
    expect(await row.locator('.clause-zh').isVisible()).toBe(true);
    expect(await row.locator('.clause-en').isVisible()).toBe(true);
    await page.locator('.reader-tools').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: path.join(SHOT_DIR, 'screenshot-reader.png') });
  });

  it("shows a term's English on keyboard focus and Enter, not only on hover, and hides it on Escape", async () => {
    const term = page.locator('.clause .term').first();
    expect(await term.getAttribute('role')).toBe('button');
    expect(await term.getAttribute('tabindex')).toBe('0');
    const tip = page.locator(`#${await term.getAttribute('aria-describedby')}`);
    expect(await tip.isVisible()).toBe(false);

    const docId = new URL(page.url()).pathname.split('/').pop()!;
    const api = (await (await fetch(`${server.url}/api/documents/${docId}`)).json()) as DocumentResponse;
    const entryId = await term.getAttribute('data-entry');
    const english = api.clauses.flatMap((c) => c.terms).find((x) => x.entryId === entryId)!.en;

    // Reached with Tab like any other control.
    await page.locator('.clause .cite').first().focus();
    let tabs = 0;
    while (tabs++ < 50 && !(await term.evaluate((el) => el === document.activeElement))) await page.keyboard.press('Tab');
    expect(await term.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await tip.isVisible()).toBe(true);
    expect(await tip.textContent()).toBe(english);
    // Its accessible description is the English.
    expect(await term.evaluate((el) => document.getElementById(el.getAttribute('aria-describedby')!)?.textContent)).toBe(english);

    await page.keyboard.press('Escape');
    expect(await tip.isVisible()).toBe(false);
    await page.keyboard.press('Enter');
    expect(await tip.isVisible()).toBe(true);
    await page.keyboard.press('Tab');
    expect(await tip.isVisible()).toBe(false);
  });

  it('pages through results', async () => {
    await page.goto('/?q=%E5%A4%96%E8%B5%84');
    await page.locator('.hit').first().waitFor();
    expect(await resultCount()).toBeGreaterThan(10);
    expect(await page.locator('.hit').count()).toBe(10);
    const firstOnPage1 = await page.locator('.hit-text').first().textContent();
    await page.locator('.pager a[rel=next]').click();
    await page.waitForURL(/page=2/);
    await expect.poll(() => page.locator('.hit-text').first().textContent()).not.toBe(firstOnPage1);
    expect(await page.locator('.pager [aria-current=page]').textContent()).toBe('2');
    expect(await page.locator('ol.hits').getAttribute('start')).toBe('11');
    await page.goBack();
    await expect.poll(() => page.locator('.hit-text').first().textContent()).toBe(firstOnPage1);
  });

  it('shows help when nothing matches and the API message when a query is rejected', async () => {
    await page.goto('/?q=zzqqxxjj');
    await page.locator('.empty').waitFor();
    expect(await page.locator('.empty .examples a').count()).toBe(5);
    // A search with no match yet can be followed too: the first document on it will show in the feed.
    expect(await page.locator('a.follow-link').getAttribute('href')).toBe('/api/feed?q=zzqqxxjj');

    await page.goto(`/?q=${'x'.repeat(201)}`);
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/too long/);
  });

  it('opens a glossary entry and follows a concordance line to its clause', async () => {
    await page.goto('/');
    await page.locator('.site-nav a', { hasText: 'Glossary' }).click();
    await page.waitForURL(/\/glossary$/);
    await page.getByLabel('Search the glossary').fill('国民待遇');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/glossary\?q=/);
    const entry = page.locator('.entry-link').filter({ has: page.locator('.entry-zh', { hasText: /^国民待遇$/ }) });
    await entry.click();
    await page.waitForURL(/\/glossary\/[\w-]+$/);
    const lines = page.locator('.kwic-line');
    await lines.first().waitFor();
    expect(await lines.count()).toBeGreaterThan(0);
    for (const match of await page.locator('.kwic-match').allTextContents()) expect(match).toBe('国民待遇');
    expect(await page.locator('.pinyin').first().textContent()).toBe('guó mín dài yù');

    const source = page.locator('.kwic-source').first();
    const href = (await source.getAttribute('href'))!;
    expect(href).toMatch(/^\/documents\/[\w-]+#[\w-]+$/);
    await source.click();
    const target = page.locator('.clause.is-target');
    await target.waitFor();
    expect(`#${await target.getAttribute('id')}`).toBe(`#${href.split('#')[1]}`);
    expect(await target.textContent()).toContain('国民待遇');
  });

  it('fits a 360 px phone screen without sideways scrolling', async () => {
    const phone = await context.newPage();
    watch(phone);
    await phone.setViewportSize(PHONE);
    const fits = async (what: string) => {
      await phone.locator('main :is(.hit, .clause, .entry-row, .entry-title)').first().waitFor();
      expect(await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), what).toBeLessThanOrEqual(0);
    };
    await phone.goto('/?q=negative+list');
    await fits('search');
    await phone.goto((await phone.locator('.hit-title a').first().getAttribute('href'))!);
    await fits('reader');
    // On a phone the English goes under its Chinese, still in the clause's row.
    const clause = phone.locator('.clause.is-target');
    const zhBox = (await clause.locator('.clause-zh').boundingBox())!;
    const enBox = (await clause.locator('.clause-en').boundingBox())!;
    expect(enBox.y).toBeGreaterThanOrEqual(zhBox.y + zhBox.height);
    await phone.getByRole('radio', { name: 'English' }).click();
    await phone.waitForURL(/[?&]view=en#/);
    await fits('reader, English only');
    await phone.goto('/glossary');
    await fits('glossary');
    await phone.goto((await phone.locator('.entry-link').first().getAttribute('href'))!);
    await fits('entry');
    await phone.close();
  });

  it("shows a term's English on a tap, and keeps a phone screen from scrolling sideways with it open", async () => {
    const touch = await browser.newContext({ viewport: PHONE, hasTouch: true, isMobile: true, locale: 'en-US', baseURL: server.url });
    const phone = await touch.newPage();
    watch(phone);
    await phone.goto('/documents/jiangxi-2023-fdi-manufacturing');
    const terms = phone.locator('.clause .term');
    await terms.first().waitFor();
    // Try terms on both sides of the screen: the tip must open inwards.
    for (const i of [0, 5, 11]) {
      const term = terms.nth(i);
      await term.scrollIntoViewIfNeeded();
      await term.tap();
      const tip = phone.locator(`#${await term.getAttribute('aria-describedby')}`);
      await expect.poll(() => tip.isVisible()).toBe(true);
      const box = (await tip.boundingBox())!;
      expect(box.x, `tip ${i}`).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width, `tip ${i}`).toBeLessThanOrEqual(PHONE.width);
      expect(await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), `tip ${i}`).toBeLessThanOrEqual(0);
    }
    // A tap elsewhere puts it away.
    await phone.locator('.clause-en').first().tap();
    expect(await phone.locator('.term-tip:not([hidden])').count()).toBe(0);
    await touch.close();
  });

  it('marks expired documents, filters by status and offers to follow the search as a feed', async () => {
    await page.goto('/?q=%E5%A4%96%E8%B5%84');
    await page.locator('.hit').first().waitFor();
    const before = await resultCount();
    const box = page.locator('.facet-status li').filter({ hasText: 'Expired' }).locator('input[type=checkbox]');
    await box.check();
    await page.waitForURL(/[?&]status=expired/);
    await expect.poll(resultCount).toBeLessThan(before);
    // Every hit is the expired 2021 work plan: muted, with its badge.
    const hits = page.locator('.hit');
    expect(await hits.count()).toBeGreaterThan(0);
    expect(await page.locator('.hit:not(.hit-inactive)').count()).toBe(0);
    expect(new Set(await page.locator('.hit .badge-expired').allTextContents())).toEqual(new Set(['Expired']));
    // "Follow this search": the feed of the same query and filter, which answers Atom.
    const follow = page.locator('a.follow-link');
    expect(await follow.textContent()).toBe('Follow this search (Atom feed)');
    const href = (await follow.getAttribute('href'))!;
    expect(href).toBe('/api/feed?q=%E5%A4%96%E8%B5%84&status=expired');
    const feed = await page.request.get(href);
    expect(feed.headers()['content-type']).toMatch(/^application\/atom\+xml/);
    expect(await feed.text()).toContain('fangchenggang-2021-fdi-work-plan');
    // The reader says so too, with the period the text states.
    await page.locator('.hit-title a').first().click();
    await page.locator('.doc-head').waitFor();
    expect(await page.locator('.doc-head.doc-inactive .badge-expired').textContent()).toBe('Expired');
    expect(await page.locator('.doc-meta').textContent()).toContain('2021–2021');
  });

  it('ran without script errors or CSP violations', () => {
    expect(problems).toEqual([]);
  });
});
