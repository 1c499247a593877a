import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, openPage } from '../support/browser.ts';

/** The browser harness itself: a script error in a page can never go unnoticed by a test. */
describe('the browser harness', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  test.fails('fails a test whose page throws, even when the test never looks at the errors', async () => {
    const { page } = await openPage(browser);
    await page.setContent('<script>setTimeout(() => { throw new Error("boom from the page") })</script>');
    await page.waitForTimeout(50);
  });

  test('lets a test declare the errors it expects', async () => {
    const { page, errors } = await openPage(browser, { expectErrors: [/expected failure/] });
    await page.setContent('<script>setTimeout(() => { throw new Error("an expected failure") })</script>');
    await expect.poll(() => errors.length).toBe(1);
  });
});
