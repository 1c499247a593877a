/** Printing: what the screen folds is printed, and the binder's contents say where each procedure starts. */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { destinationPages, printBinder } from '../../scripts/lib/binder-pdf.ts';
import { launchBrowser, openPage } from '../support/browser.ts';

const site = inject('siteUrl');
const browser = await launchBrowser();
afterAll(() => browser.close());

describe('printing', () => {
  it('prints a page with its folded answers open and its document control in full, also on a phone', async () => {
    const { page } = await openPage(browser, { viewport: { width: 375, height: 740 }, isMobile: true });
    await page.goto(`${site}/finance/travel-expenses/`);
    const answer = page.locator('.prose details p').first();
    expect(await answer.isVisible()).toBe(false);
    expect(await page.locator('.page-meta dl').isVisible()).toBe(false);
    await page.emulateMedia({ media: 'print' });
    await page.evaluate(() => dispatchEvent(new Event('beforeprint')));
    expect(await page.locator('.prose summary', { hasText: 'What if I lost a receipt?' }).isVisible()).toBe(true);
    expect(await answer.isVisible()).toBe(true);
    expect(await page.locator('.page-meta dl').isVisible()).toBe(true);
    expect(await page.locator('.toc-inline').isVisible()).toBe(false);
  });

  it('prints a binder with every answer open, the build and print dates said once, and no empty document', async () => {
    const { page } = await openPage(browser);
    await page.goto(`${site}/print/finance/`);
    // Each procedure's text comes in from its page.
    await page.locator('body[data-binder-ready]').waitFor({ state: 'attached' });
    expect(await page.locator('.binder-doc details:not([open])').count()).toBe(0);
    expect(await page.locator('.binder-doc summary', { hasText: 'What if I lost a receipt?' }).count()).toBe(1);
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text.match(/Built from the wiki on/g)).toHaveLength(1);
    expect(text.match(/printed on/g)).toHaveLength(1);
    expect(await page.locator('.binder-cover').textContent()).toMatch(/Built from the wiki on 23 November 2026, printed on \d+ \w+ \d{4}\./);
    // Every document has content: a section without an index page does not print an empty one.
    for (const doc of await page.locator('.binder-doc').all()) expect(await doc.locator('.prose').textContent()).not.toBe('');
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.binder-bar').isVisible()).toBe(false);
  });

  it('exports a binder to PDF whose contents give the page each procedure starts on', async () => {
    const { page } = await openPage(browser);
    await page.goto(`${site}/print/haifa-plant/`);
    const out = path.join(await mkdtemp(path.join(tmpdir(), 'pinkas-pdf-')), 'haifa-plant.pdf');
    const numbers = await printBinder(page, out);
    const starts = await destinationPages(new Uint8Array(await readFile(out)));
    const ids = await page.locator('.binder-toc .toc-page').evaluateAll((spans) => spans.map((s) => s.getAttribute('data-page-of')!));
    expect(ids).toHaveLength(4);
    // The numbers in the contents are the pages the procedures start on in the PDF written,
    // after the cover and the contents, in order, each on a page of its own.
    const printed = await page.locator('.binder-toc .toc-page').allTextContents();
    expect(printed.map(Number)).toEqual(ids.map((id) => starts.get(id)));
    expect(ids.map((id) => numbers.get(id))).toEqual(printed.map(Number));
    expect(Number(printed[0])).toBeGreaterThanOrEqual(3);
    expect(printed.map(Number).every((n, i, all) => i === 0 || n > all[i - 1]!)).toBe(true);
  });
});
