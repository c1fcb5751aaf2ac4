// Debian's Chromium for the browser suites: whether it is there, how it is launched, and a page's script errors.
import { existsSync } from 'node:fs';
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
