import { mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DocumentResponse } from '../../web/src/api.ts';
import { citeChinese, citeEnglish, clauseUrl } from '../../web/src/cite.ts';
import { findSpans } from '../../web/src/segments.ts';
import { axeCheck, browserSuite, skipWithoutChromium, watchErrors } from '../helpers/browser.ts';
import type { TestServer } from '../helpers/server.ts';

const skip = skipWithoutChromium('reader navigation tests');

// Screenshots go to docs/ only when asked, so test runs leave the tree clean.
const SHOT_DIR = process.env.UPDATE_SCREENSHOTS ? path.resolve(import.meta.dirname, '../../docs') : path.join(os.tmpdir(), 'policy-search-screenshots');
const DESKTOP = { width: 1366, height: 900 };
const PHONE = { width: 390, height: 844 };
const NATIONAL = 'national-2022-fdi-manufacturing';

describe.skipIf(skip)('reader in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  // Reads only: a server over the run's seed index, the run's Chromium (tests/helpers/browser.ts).
  const suite = browserSuite({ context: { viewport: DESKTOP, locale: 'en-US', permissions: ['clipboard-read', 'clipboard-write'] } });
  const problems = suite.problems;

  const api = async (docId: string, q = ''): Promise<DocumentResponse> =>
    (await (await fetch(`${server.url}/api/documents/${docId}${q ? `?${new URLSearchParams({ q })}` : ''}`)).json()) as DocumentResponse;
  const scrollY = () => page.evaluate(() => window.scrollY);
  const position = () => page.locator('.query-matches .match-position').textContent();
  /** The current match's pieces joined, the clause it is in, and whether it is on screen. */
  const current = (cls: string) =>
    page.evaluate((c) => {
      const pieces = [...document.querySelectorAll<HTMLElement>(`mark.${c}.is-current`)];
      const first = pieces[0];
      if (!first) return null;
      const box = first.getBoundingClientRect();
      return {
        text: pieces.map((p) => p.textContent).join(''),
        mark: first.dataset.mark,
        clause: first.closest('.clause')?.id,
        onScreen: box.top >= 0 && box.bottom <= window.innerHeight,
      };
    }, cls);

  beforeAll(async () => {
    ({ server, browser, page } = suite);
    await mkdir(SHOT_DIR, { recursive: true });
  });

  let resultsUrl = '';
  let resultsY = 0;
  let openedClause = '';
  let openedHref = '';

  it('opens a result with the search marked in the Chinese and the English, as the API places it', async () => {
    // 26 hits on the seed corpus: the sixth is well down the page.
    await page.goto('/?q=land');
    await page.locator('.hit').nth(5).waitFor();
    const hit = page.locator('.hit').nth(5);
    await hit.scrollIntoViewIfNeeded();
    resultsUrl = new URL(page.url()).pathname + new URL(page.url()).search;
    resultsY = await scrollY();
    expect(resultsY).toBeGreaterThan(100);
    const link = hit.locator('.hit-title a');
    const href = (await link.getAttribute('href'))!;
    expect(href).toMatch(/^\/documents\/[\w-]+\?q=land#[\w-]+$/);
    openedClause = decodeURIComponent(href.split('#')[1]!);
    openedHref = href;
    await link.click();
    await page.waitForURL((url) => url.pathname + url.search + url.hash === href);
    await page.locator('.clause.is-target').waitFor();
    expect(await page.locator('.clause.is-target').getAttribute('id')).toBe(openedClause);

    const docId = new URL(page.url()).pathname.split('/').pop()!;
    const doc = await api(docId, 'land');
    // One mark per range the API sends (pieces of one mark share its number), holding exactly that text.
    const expected = doc.clauses.flatMap((c) => [
      ...c.matches.map((m) => c.text.slice(m.start, m.start + m.length)),
      ...(c.translation?.matches ?? []).map((m) => c.translation!.text.slice(m.start, m.start + m.length)),
    ]);
    expect(expected.length).toBeGreaterThan(1);
    const shown = await page.evaluate(() => {
      const byMark = new Map<string, string>();
      for (const m of document.querySelectorAll<HTMLElement>('mark.query-hit'))
        byMark.set(m.dataset.mark!, (byMark.get(m.dataset.mark!) ?? '') + m.textContent);
      return [...byMark.values()];
    });
    expect(shown).toEqual(expected);
    // Both columns: the Chinese of the concept, the English word.
    expect(await page.locator('.clause-text mark.query-hit').count()).toBeGreaterThan(0);
    const english = await page.locator('.clause-text-en mark.query-hit').allTextContents();
    expect(english.map((m) => m.toLowerCase())).toContain('land');
    expect(await page.locator('.match-count').textContent()).toBe(`${expected.length} matches for “land”`);
  });

  it('steps through the matches with the buttons and the keys n / Shift+N, from the clause it opened at', async () => {
    const total = Number(/\d+/.exec((await page.locator('.match-count').textContent())!)![0]);
    await page.locator('.query-matches .next').click();
    const first = (await current('query-hit'))!;
    // The first step goes to the first match in view: in the clause the result named.
    expect(first.clause).toBe(openedClause);
    expect(first.onScreen).toBe(true);
    const n = Number(/\d+/.exec((await position())!)![0]);
    expect(await position()).toBe(`Match ${n} of ${total}`);

    await page.locator('.query-matches .next').click();
    expect(await position()).toBe(`Match ${n + 1} of ${total}`);
    const second = (await current('query-hit'))!;
    expect(second.mark).not.toBe(first.mark);
    expect(second.onScreen).toBe(true);
    await page.keyboard.press('n');
    expect(await position()).toBe(`Match ${n + 2} of ${total}`);
    await page.keyboard.press('Shift+N');
    expect(await position()).toBe(`Match ${n + 1} of ${total}`);
    await page.locator('.query-matches .prev').click();
    expect(await position()).toBe(`Match ${n} of ${total}`);
    expect((await current('query-hit'))!.mark).toBe(first.mark);
    expect(await page.locator('mark.is-current').count()).toBeGreaterThan(0);
    // Typing in the find box is not a key command.
    await page.locator('#find').focus();
    await page.keyboard.press('n');
    expect(await position()).toBe(`Match ${n} of ${total}`);
    await page.locator('#find').fill('');
  });

  it('goes back to the results, the list and its scroll position as they were (a step back in history)', async () => {
    const depth = await page.evaluate(() => history.length);
    const back = page.locator('.back-link');
    expect(await back.getAttribute('href')).toBe(resultsUrl);
    await back.click();
    await page.waitForURL((url) => url.pathname + url.search === resultsUrl);
    await page.locator('.hit').nth(5).waitFor();
    await expect.poll(scrollY).toBe(resultsY);
    expect(await page.evaluate(() => history.length)).toBe(depth);
    // Keyboard focus is back on the result that was opened.
    expect(await page.evaluate(() => (document.activeElement as HTMLAnchorElement | null)?.getAttribute('href'))).toBe(openedHref);
    expect(await page.locator('.hit').count()).toBe(10);
    // The browser's Back and Forward do the same.
    await page.locator('.hit').nth(5).locator('.hit-title a').click();
    await page.locator('.clause.is-target').waitFor();
    await page.goBack();
    await page.locator('.hit').nth(5).waitFor();
    await expect.poll(scrollY).toBe(resultsY);
  });

  it('leads back to the results it came from with their filters, or to the search for its query when opened directly', async () => {
    await page.goto('/?q=negative+list&region=Jiangxi');
    const link = page.locator('.hit-title a').first();
    await link.waitFor();
    // The list's address as the search page keeps it (it may add parameters of its own).
    const list = new URL(page.url());
    expect(list.searchParams.get('region')).toBe('Jiangxi');
    await link.click();
    await page.locator('.clause.is-target').waitFor();
    expect(await page.locator('.back-link').getAttribute('href')).toBe(list.pathname + list.search);

    await page.goto(`/documents/${NATIONAL}?q=${encodeURIComponent('研发中心')}`);
    await page.locator('.clause').first().waitFor();
    expect(await page.locator('.back-link').getAttribute('href')).toBe(`/?${new URLSearchParams({ q: '研发中心' })}`);
    expect(await page.locator('.clause-text mark.query-hit').first().textContent()).toBe('研发中心');
    await page.locator('.back-link').click();
    await page.waitForURL(/\/\?q=%E7%A0%94/);
    await page.locator('.hit').first().waitFor();

    // Opened with no search: no marks, no way back to results, and the find box.
    await page.goto(`/documents/${NATIONAL}`);
    await page.locator('.clause').first().waitFor();
    expect(await page.locator('.back-link').count()).toBe(0);
    expect(await page.locator('.query-matches').count()).toBe(0);
    expect(await page.locator('mark').count()).toBe(0);
    expect(await page.locator('#find').isVisible()).toBe(true);
  });

  it('finds typed text in the Chinese and the English, steps through it, and can show only the clauses holding it', async () => {
    const doc = await api(NATIONAL);
    const occurrences = (needle: string) =>
      doc.clauses.map((c) => findSpans(c.text, needle).length + (c.translation ? findSpans(c.translation.text, needle).length : 0));
    const count = () => page.evaluate(() => new Set([...document.querySelectorAll<HTMLElement>('mark.find-hit')].map((m) => m.dataset.mark)).size);

    await page.locator('#find').fill('负面清单');
    const zhExpected = occurrences('负面清单').reduce((a, b) => a + b, 0);
    expect(zhExpected).toBeGreaterThan(1);
    await expect.poll(count).toBe(zhExpected);
    expect(new Set(await page.locator('mark.find-hit').allTextContents())).toEqual(new Set(['负面清单']));
    expect(await page.locator('.find-count').textContent()).toBe(`${zhExpected} matches`);

    // English, whatever the case; the old marks are gone.
    await page.locator('#find').fill('Negative List');
    const enExpected = occurrences('Negative List').reduce((a, b) => a + b, 0);
    expect(enExpected).toBeGreaterThan(1);
    await expect.poll(count).toBe(enExpected);
    const texts = await page.locator('mark.find-hit').allTextContents();
    expect(texts.every((m) => m.toLowerCase() === 'negative list')).toBe(true);
    expect(await page.locator('.clause-text-en mark.find-hit').count()).toBe(enExpected);

    await page.keyboard.press('Enter');
    const first = (await current('find-hit'))!;
    expect(first.onScreen).toBe(true);
    await page.keyboard.press('Enter');
    expect((await current('find-hit'))!.mark).not.toBe(first.mark);
    await page.keyboard.press('Shift+Enter');
    expect((await current('find-hit'))!.mark).toBe(first.mark);
    expect(await page.locator('.find .match-position').textContent()).toMatch(new RegExp(`^Match \\d+ of ${enExpected}$`));

    // Only the clauses holding it.
    const holding = occurrences('Negative List').filter((n) => n > 0).length;
    await page.getByLabel('Only clauses containing it').check();
    await expect.poll(() => page.locator('.clause:visible').count()).toBe(holding);
    await page.getByLabel('Only clauses containing it').uncheck();
    await expect.poll(() => page.locator('.clause:visible').count()).toBe(doc.clauses.length);

    // Text running across a glossary term's edge is found and marked in pieces that make one match.
    const edge = await page.evaluate(() => {
      for (const wrap of document.querySelectorAll('.clause-text .term-wrap')) {
        const before = wrap.previousSibling;
        const term = wrap.querySelector('.term')?.textContent ?? '';
        if (before?.nodeType === Node.TEXT_NODE && (before.textContent ?? '').length >= 2 && term.length >= 2) {
          return { id: wrap.closest('.clause')!.id, text: `${(before.textContent ?? '').slice(-2)}${term.slice(0, 2)}` };
        }
      }
      return null;
    });
    expect(edge).not.toBeNull();
    const across = edge!.text;
    await page.locator('#find').fill(across);
    await expect.poll(count).toBe(occurrences(across).reduce((a, b) => a + b, 0));
    const pieces = await page.evaluate(
      ({ id }) => {
        const marks = [...document.querySelectorAll<HTMLElement>(`[id="${id}"] mark.find-hit`)];
        const first = marks.find((m) => m.closest('.term') === null && marks.some((o) => o.dataset.mark === m.dataset.mark && o.closest('.term')));
        const same = marks.filter((m) => m.dataset.mark === first?.dataset.mark);
        return { joined: same.map((m) => m.textContent).join(''), pieces: same.length };
      },
      { id: edge!.id },
    );
    expect(pieces.pieces).toBeGreaterThanOrEqual(2);
    expect(pieces.joined).toBe(across);

    await page.locator('#find').fill('');
    await expect.poll(count).toBe(0);
    expect(await page.locator('.find-count').textContent()).toBe('');
    await page.locator('#find').fill('zzzz-not-there');
    expect(await page.locator('.find-count').textContent()).toBe('No matches');
    await page.locator('#find').fill('');
  });

  it('copies the English citation, the Chinese citation and the link, each with its own button', async () => {
    const doc = await api(NATIONAL);
    const clause = doc.clauses.find((c) => c.path.zh === '二、（十）')!;
    await page.goto(`/documents/${NATIONAL}#${clause.id}`);
    const target = page.locator('.clause.is-target');
    await target.waitFor();
    const cite = target.locator('summary.cite');
    expect(await cite.textContent()).toBe('Cite');
    await cite.click();
    expect(await target.locator('.cite-panel').isVisible()).toBe(true);
    const url = clauseUrl(new URL(server.url).origin, NATIONAL, clause.id);
    const clipboard = () => page.evaluate(() => navigator.clipboard.readText());

    await target.getByRole('button', { name: 'Copy English citation' }).click();
    await expect.poll(() => page.locator('#toast').textContent()).toBe('English citation copied to the clipboard.');
    expect(await clipboard()).toBe(citeEnglish(doc.document, clause, url));
    expect(await clipboard()).toContain('Part II, Item 10.');

    await target.getByRole('button', { name: 'Copy Chinese citation' }).click();
    await expect.poll(() => page.locator('#toast').textContent()).toBe('Chinese citation copied to the clipboard.');
    expect(await clipboard()).toBe(citeChinese(doc.document, clause, url));
    expect(await clipboard()).toMatch(/^《.+》（.+）第二部分第（十）项。/);

    await target.getByRole('button', { name: 'Copy link' }).click();
    await expect.poll(() => page.locator('#toast').textContent()).toBe('Link copied to the clipboard.');
    expect(await clipboard()).toBe(`${new URL(server.url).origin}/documents/${NATIONAL}#${clause.id}`);
    // What each button copies is shown above it.
    expect(await target.locator('.cite-text').allTextContents()).toEqual([citeEnglish(doc.document, clause, url), citeChinese(doc.document, clause, url), url]);

    // Escape closes the panel and returns to "Cite".
    await page.keyboard.press('Escape');
    expect(await target.locator('.cite-panel').isVisible()).toBe(false);
    expect(await cite.evaluate((el) => el === document.activeElement)).toBe(true);
  });

  it('answers an unknown document, clause and page with a not-found page in both languages and a way back', async () => {
    const unknownDoc = await page.goto('/documents/no-such-document');
    expect(unknownDoc?.status()).toBe(404);
    await page.locator('.not-found').waitFor();
    expect(await page.locator('h1').textContent()).toBe('Document not found');
    expect(await page.locator('.not-found').textContent()).toContain('“no-such-document”');
    expect(await page.locator('.not-found-other').getAttribute('lang')).toBe('zh-CN');
    expect(await page.locator('.not-found-other-title').textContent()).toBe('文件不存在');
    await page.getByRole('link', { name: 'Go to the search page' }).click();
    await page.locator('#q').waitFor();

    const unknownClause = await page.goto(`/documents/${NATIONAL}#${NATIONAL}--p9-i99`);
    expect(unknownClause?.status()).toBe(200);
    await page.locator('.not-found').waitFor();
    expect(await page.locator('h1').textContent()).toBe('Clause not found');
    expect(await page.locator('.not-found').textContent()).toContain(`“${NATIONAL}--p9-i99”`);
    expect(await page.locator('.not-found-other-title').textContent()).toBe('条款不存在');
    await page.getByRole('link', { name: 'Open the whole document' }).click();
    await page.locator('.clause').first().waitFor();
    expect(new URL(page.url()).pathname).toBe(`/documents/${NATIONAL}`);

    const unknownPage = await page.goto('/no/such/page');
    expect(unknownPage?.status()).toBe(404);
    expect(unknownPage?.headers()['content-type']).toMatch(/^text\/html/);
    await page.locator('.not-found').waitFor();
    expect(await page.locator('h1').textContent()).toBe('Page not found');
    expect(await page.locator('.not-found-other-title').textContent()).toBe('页面不存在');

    const json = await fetch(`${server.url}/api/no/such/thing`);
    expect(json.status).toBe(404);
    expect(json.headers.get('content-type')).toMatch(/^application\/json/);
  });

  for (const locale of ['en-US', 'zh-CN'] as const) {
    it(`has no axe-core violations on the reader, the glossary and the not-found pages (${locale} interface)`, async () => {
      const own = await browser.newContext({ viewport: DESKTOP, locale, baseURL: server.url });
      const p = await own.newPage();
      watchErrors(p, problems);
      const lang = locale === 'en-US' ? 'en' : 'zh-CN';
      const check = async (url: string, ready: string, prepare?: () => Promise<void>) => {
        await p.goto(url);
        await p.locator(ready).first().waitFor();
        await expect.poll(() => p.evaluate(() => document.documentElement.lang)).toBe(lang);
        await prepare?.();
        const { violations, passed } = await axeCheck(p);
        expect(violations, `${url} (${locale})`).toEqual([]);
        // axe did look: the rules that apply here passed.
        expect(passed, url).toEqual(expect.arrayContaining(['color-contrast', 'html-has-lang', 'landmark-one-main']));
      };
      // The reader opened from a search, a match current, text found, a citation panel open.
      await check(`/documents/${NATIONAL}?q=negative+list#${NATIONAL}--p2-i10`, '.clause.is-target', async () => {
        await p.locator('.query-matches .next').click();
        await p.locator('#find').fill('外商');
        await p.locator('.clause.is-target summary.cite').click();
        await p.locator('.clause.is-target .cite-panel').waitFor();
      });
      await check('/glossary', '.entry-row, .entry-title, main h1');
      await check('/documents/no-such-document', '.not-found');
      await check(`/documents/${NATIONAL}#nope`, '.not-found');
      await check('/no/such/page', '.not-found');
      await own.close();
    });
  }

  it('takes the reader screenshots (English and Chinese interface, desktop and phone)', async () => {
    for (const locale of ['en-US', 'zh-CN'] as const) {
      for (const [name, viewport] of [
        ['desktop', DESKTOP],
        ['phone', PHONE],
      ] as const) {
        const own = await browser.newContext({ viewport, locale, baseURL: server.url, deviceScaleFactor: 1 });
        const p = await own.newPage();
        watchErrors(p, problems);
        await p.goto(`/documents/${NATIONAL}?q=negative+list#${NATIONAL}--p1-i1`);
        await p.locator('.clause.is-target').waitFor();
        // The clause the link names is not hidden under the search bar.
        const [bar, clause] = await Promise.all(
          ['.reader-search', '.clause.is-target'].map((sel) => p.locator(sel).evaluate((el) => el.getBoundingClientRect())),
        );
        // (On a phone the bar does not stay: it would take half the screen.)
        expect(clause!.top, `${locale} ${name}`).toBeGreaterThanOrEqual(name === 'desktop' ? bar!.bottom : 0);
        // From the keyboard: a click would leave the pointer over a term, its tip open in the picture.
        await p.keyboard.press('n');
        expect(await p.locator('mark.is-current').count(), `${locale} ${name}`).toBeGreaterThan(0);
        // No horizontal scrolling on either screen.
        expect(await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), `${locale} ${name}`).toBeLessThanOrEqual(0);
        await p.screenshot({ path: path.join(SHOT_DIR, `screenshot-reader-${locale.slice(0, 2)}-${name}.png`) });
        await own.close();
      }
    }
  });

  it('logged no script or console errors', () => {
    expect(problems).toEqual([]);
  });
});
