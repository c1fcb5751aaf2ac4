// Debian's Chromium for the browser suites: whether it is there, how it is launched, and a page's script errors.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';

const CHROMIUM = '/usr/bin/chromium';

/**
 * True when `suite` must be skipped: on a developer machine a missing browser skips it, loudly; in CI (.ci/run
 * installs it) it fails instead.
 */
export function skipWithoutChromium(suite: string): boolean {
  const skip = !existsSync(CHROMIUM) && !process.env.CI;
  if (skip) console.warn(`chromium not found: ${suite} skipped; apt-get install -y chromium`);
  return skip;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
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
