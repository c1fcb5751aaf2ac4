// globalSetup of the system project: ONE Chromium for the whole run. The browser suites connect to it
// (tests/helpers/browser.ts `browserSuite`) instead of each launching their own; each file works in contexts of its
// own, so files share nothing but the process. Without Chromium (a developer machine) nothing is launched and the
// suites skip, loudly (`skipWithoutChromium`).
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import type { TestProject } from 'vitest/node';

export const CHROMIUM = '/usr/bin/chromium';
// Launch flags of the README's environment (Debian Chromium, no sandbox in a container, nothing fetched at run time).
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!existsSync(CHROMIUM)) {
    project.provide('chromiumEndpoint', '');
    return async () => {};
  }
  const server = await chromium.launchServer({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  project.provide('chromiumEndpoint', server.wsEndpoint());
  return async () => {
    await server.close();
  };
}
