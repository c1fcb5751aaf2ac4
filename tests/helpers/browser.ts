// Debian's Chromium for the browser suites: whether it is there, how it is launched, the suites' fixture (the run's
// one Chromium, a server over the seed index, error watching), and axe.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';
import { seedPrefix } from './engine.ts';
import { startTestServer, type TestServer, type TestServerOptions } from './server.ts';

import { CHROMIUM, CHROMIUM_ARGS } from '../setup/browser.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The run's one Chromium (tests/setup/browser.ts); empty when none is installed. */
    chromiumEndpoint: string;
  }
}

/**
 * True when `suite` must be skipped: on a developer machine a missing browser skips it, loudly; in CI (.ci/run
 * installs it) it fails instead.
 */
export function skipWithoutChromium(suite: string): boolean {
  const skip = !existsSync(CHROMIUM) && !process.env.CI;
  if (skip) console.warn(`chromium not found: ${suite} skipped; apt-get install -y chromium`);
  return skip;
}

/** A Chromium of its own (for a suite outside the system project's globalSetup); suites use `browserSuite`. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/** The run's one Chromium, started by the globalSetup (tests/setup/browser.ts); its own when run without it. */
export function connectChromium(): Promise<Browser> {
  const endpoint = inject('chromiumEndpoint');
  return endpoint ? chromium.connect(endpoint) : launchChromium();
}

export interface BrowserSuite {
  /** A server over the seed index (read-only), or the file's own when `server` options are given. */
  readonly server: TestServer;
  readonly browser: Browser;
  /** The file's context (options of `browserSuite`, baseURL the server) and its first page. */
  readonly context: BrowserContext;
  readonly page: Page;
  /** Script and console errors of every page the suite opened; a file asserts it stays empty. */
  readonly problems: string[];
  /** A further context on the server (same defaults, overridden by `options`); closed with the suite. */
  newContext(options?: BrowserContextOptions): Promise<BrowserContext>;
  /** A page of `ctx` (the suite's context by default), watched for errors. */
  newPage(ctx?: BrowserContext): Promise<Page>;
}

/**
 * The browser suites' setup, once per file: a started server (the seed index unless `server` options say
 * otherwise), the run's Chromium, one context with a page watched for errors. Call at the top of a describe block;
 * the fields are set in its beforeAll.
 */
export function browserSuite(options: { context?: BrowserContextOptions; server?: TestServerOptions } = {}): BrowserSuite {
  const problems: string[] = [];
  const contexts: BrowserContext[] = [];
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let page: Page | undefined;
  const need = <T>(value: T | undefined, name: string): T => {
    if (value === undefined) throw new Error(`browserSuite: ${name} is set in beforeAll`);
    return value;
  };
  const suite: BrowserSuite = {
    get server() {
      return need(server, 'server');
    },
    get browser() {
      return need(browser, 'browser');
    },
    get context() {
      return need(context, 'context');
    },
    get page() {
      return need(page, 'page');
    },
    problems,
    async newContext(overrides = {}) {
      const ctx = await need(browser, 'browser').newContext({ locale: 'en-US', ...options.context, baseURL: need(server, 'server').url, ...overrides });
      contexts.push(ctx);
      return ctx;
    },
    async newPage(ctx) {
      const p = await (ctx ?? need(context, 'context')).newPage();
      watchErrors(p, problems);
      return p;
    },
  };
  beforeAll(async () => {
    // Server and browser connection in parallel: neither waits on the other.
    [server, browser] = await Promise.all([startTestServer(options.server ?? { prefix: seedPrefix() }), connectChromium()]);
    context = await suite.newContext();
    page = await suite.newPage();
  });
  afterAll(async () => {
    for (const ctx of contexts) await ctx.close().catch(() => {});
    await browser?.close();
    await server?.close();
  });
  return suite;
}

/** Collects the page's script errors and console errors (CSP violations surface there); 4xx fetches are expected. */
export function watchErrors(page: Page, problems: string[]): void {
  page.on('console', (m) => {
    if (m.type() === 'error' && !/status of 4\d\d/.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
}

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * axe-core over the page as it is now: its violations (`id (impact): targets`) and the ids of the rules that passed
 * (proof that it looked). Evaluated rather than added as a script tag, which the page's CSP forbids. Runs
 * label-content-name-mismatch too, which axe leaves off as experimental: the usability pass named it.
 */
export async function axeCheck(page: Page): Promise<{ violations: string[]; passed: string[] }> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    type Result = { id: string; impact?: string; nodes: { target: unknown[] }[] };
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: Result[]; passes: Result[] }> } }).axe;
    const result = await axe.run(document, { rules: { 'label-content-name-mismatch': { enabled: true } } });
    return {
      violations: result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => JSON.stringify(n.target)).join(' ')}`),
      passed: result.passes.map((r) => r.id),
    };
  });
}
