// The web page in real Chromium against the real service (seed corpus, private engine): search, facets,
// reader, citation, interface language, glossary. Skipped, with a warning, where Chromium is not installed.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { citation } from '../../web/src/cite.ts';
import type { DocumentResponse } from '../../web/src/api.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
// On a developer machine a missing browser skips the suite, loudly; in CI (.ci/run installs it) it fails.
const skip = !hasChromium && !process.env.CI;
if (skip) console.warn('chromium not found: browser tests skipped; apt-get install -y chromium');

// Screenshots go to docs/ (shown in the README) only when asked, so test runs leave the tree clean.
const SHOT_DIR = process.env.UPDATE_SCREENSHOTS ? path.resolve(import.meta.dirname, '../../docs') : path.join(os.tmpdir(), 'policy-search-screenshots');

const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 360, height: 780 };

describe.skipIf(skip)('web page in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const problems: string[] = [];

  const watch = (p: Page) => {
    // CSP violations and script errors surface here.
    p.on('console', (m) => {
      if (m.type() === 'error' && !/status of 4\d\d/.test(m.text())) problems.push(`console: ${m.text()}`);
    });
    p.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  };

  const resultCount = async (): Promise<number> => Number(/\d+/.exec((await page.locator('#results-heading').textContent()) ?? '')?.[0]);

  beforeAll(async () => {
    await mkdir(SHOT_DIR, { recursive: true });
    server = await startTestServer();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    context = await browser.newContext({
      viewport: DESKTOP,
      locale: 'en-US',
      baseURL: server.url,
      permissions: ['clipboard-read', 'clipboard-write'],
    });
    page = await context.newPage();
    watch(page);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
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
    await page.waitForURL(/\/\?q=negative\+list$/);
    await page.locator('.hit mark').first().waitFor();
    const marks = await page.locator('.hit mark').allTextContents();
    expect(marks.length).toBeGreaterThan(0);
    expect(marks.every((m) => m === '负面清单')).toBe(true);
    const expansions = await page.locator('.expansions').textContent();
    expect(expansions).toContain('Searched for:');
    expect(expansions).toContain('负面清单 (negative list)');
    expect(await resultCount()).toBe(await page.locator('.hit').count());
    // Every card: both titles, badges, a clause path link and glossary chips.
    const first = page.locator('.hit').first();
    expect(await first.locator('.hit-title a').getAttribute('href')).toMatch(/^\/documents\/[\w-]+#[\w-]+$/);
    expect(await first.locator('.hit-title-en').textContent()).toMatch(/[A-Za-z]{3}/);
    expect(await first.locator('.chip.matched').first().textContent()).toContain('negative list');
    await page.locator('#q').blur();
    await page.screenshot({ path: path.join(SHOT_DIR, 'screenshot-search.png') });
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
    await page.waitForURL((url) => url.pathname + url.hash === href);
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
    await target.getByRole('button', { name: /Copy a citation/ }).click();
    await expect.poll(() => page.locator('#toast').textContent()).toContain('Citation copied');
    const copied = await page.evaluate(() => navigator.clipboard.readText());

    const docId = new URL(page.url()).pathname.split('/').pop()!;
    const api = (await (await fetch(`${server.url}/api/documents/${docId}`)).json()) as DocumentResponse;
    const clause = api.clauses.find((c) => c.id === clauseId)!;
    expect(copied).toBe(citation(api.document, clause, new URL(server.url).origin));
    const [english, chinese] = copied.split('\n');
    expect(english).toContain(clause.path.en);
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

    await page.locator('#lang-switch').click();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await page.locator('.site-nav a').allTextContents()).toEqual(['Search', 'Glossary']);
    expect(await clausePath.textContent()).toBe(englishPath);
    expect(await page.evaluate(() => localStorage.getItem('policy-search.locale'))).toBe('en');
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
    await phone.screenshot({ path: path.join(SHOT_DIR, 'screenshot-phone.png') });
    await phone.goto((await phone.locator('.hit-title a').first().getAttribute('href'))!);
    await fits('reader');
    await phone.goto('/glossary');
    await fits('glossary');
    await phone.goto((await phone.locator('.entry-link').first().getAttribute('href'))!);
    await fits('entry');
    await phone.close();
  });

  it('ran without script errors or CSP violations', () => {
    expect(problems).toEqual([]);
  });
});
