import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { onTestFinished } from 'vitest';
import { describeChromium, launchChromium } from '../../scripts/lib/chromium.ts';

/**
 * The browser of the browser tests: the system's Chromium, or the one bundled with the npm package
 * @sparticuz/chromium (scripts/lib/chromium.ts). Never downloads a browser; kept off the network.
 */
export async function launchBrowser(): Promise<Browser> {
  const { browser } = await launchChromium();
  return browser;
}

/** Which browser the tests run in, for the test output. */
export async function browserDescription(): Promise<string> {
  const { browser, choice } = await launchChromium();
  try {
    return describeChromium(choice, browser);
  } finally {
    await browser.close();
  }
}

export interface OpenPageOptions extends BrowserContextOptions {
  /**
   * Script errors the page is expected to raise (matched against each error's message). Any other
   * uncaught error or unhandled rejection in the page fails the test when it finishes.
   */
  expectErrors?: RegExp[];
}

/**
 * A fresh page in its own context. Every uncaught script error in it fails the test, whether or not
 * the test looks at `errors`; the context is closed when the test ends.
 */
export async function openPage(browser: Browser, options: OpenPageOptions = {}): Promise<{ page: Page; errors: string[] }> {
  const { expectErrors = [], ...contextOptions } = options;
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...contextOptions });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`${error.name}: ${error.message}`));
  onTestFinished(async () => {
    // Chromium can stall closing a context whose page is mid-navigation (a test that ends right
    // after a click that navigates): say so after 20 s instead of waiting for the hook's timeout.
    let stalled: ReturnType<typeof setTimeout> | undefined;
    const closed = await Promise.race([
      context.close().then(() => true, () => true),
      new Promise<false>((resolve) => (stalled = setTimeout(() => resolve(false), 20_000))),
    ]);
    clearTimeout(stalled);
    if (!closed) throw new Error('The browser did not close the test’s page within 20 s: end the test after its last navigation has loaded (waitForURL with waitUntil: "load").');
    const unexpected = errors.filter((e) => !expectErrors.some((re) => re.test(e)));
    if (unexpected.length) throw new Error(`The page raised ${unexpected.length} script error(s):\n  ${unexpected.join('\n  ')}`);
  });
  return { page, errors };
}
