/** Reading on a 375 px phone: contents on hand, document control in one line, wide tables that say they scroll. */
import type { Locator } from 'playwright-core';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, openPage } from '../support/browser.ts';

const site = inject('siteUrl');
const browser = await launchBrowser();
afterAll(() => browser.close());
const phone = { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true };

/** Which edges of a scrolling box fade out, as the reader sees them: left and right. */
const fades = (box: Locator) =>
  box.evaluate((el) => {
    const style = getComputedStyle(el);
    const faded = (side: string) => style.getPropertyValue(`--fade-${side}`).trim() !== '0px';
    return { left: faded('left'), right: faded('right'), masked: style.maskImage.includes('gradient') };
  });

describe('reading on a phone', () => {
  it('has an "On this page" menu that jumps to a heading and closes', async () => {
    const { page } = await openPage(browser, phone);
    await page.goto(`${site}/hr/annual-leave/`);
    const menu = page.locator('.toc-inline');
    expect(await menu.isVisible()).toBe(true);
    expect(await page.locator('.toc-column').isVisible()).toBe(false);
    await menu.getByText('On this page').tap();
    const target = menu.getByRole('link').nth(1);
    const id = (await target.getAttribute('href'))!.slice(1);
    const name = await target.textContent();
    await target.tap();
    await page.waitForURL(`${site}/hr/annual-leave/#${id}`);
    expect(await menu.locator('details').getAttribute('open')).toBeNull();
    // The heading is below the header and the menu bar, not under them, and the bar names it.
    const heading = await page.locator(`[id="${id}"]`).boundingBox();
    const bar = await menu.boundingBox();
    expect(heading!.y).toBeGreaterThanOrEqual(bar!.y + bar!.height - 1);
    await expect.poll(() => menu.locator('.toc-current').textContent()).toBe(name);
    expect(await menu.locator(`a[href="#${id}"]`).getAttribute('aria-current')).toBe('location');
    // In Hebrew too.
    await page.goto(`${site}/hr/annual-leave-israel/`);
    expect(await page.locator('.toc-inline summary').textContent()).toBe('בדף זה');
  });

  it('folds the document control into one line that opens to the rest', async () => {
    const { page } = await openPage(browser, phone);
    await page.goto(`${site}/it-security/vpn/`);
    const meta = page.locator('.page-meta');
    const summary = meta.locator('summary');
    const line = await summary.boundingBox();
    expect(line!.height).toBeLessThan(48);
    expect(await summary.textContent()).toMatch(/Active.*Review overdue.*@noa-shapiro.*Revision 1/s);
    expect(await meta.locator('dl').isVisible()).toBe(false);
    await summary.tap();
    expect(await meta.locator('dt', { hasText: 'Review by' }).isVisible()).toBe(true);
    // On a wide screen it is open, with no line to open it by.
    const { page: wide } = await openPage(browser);
    await wide.goto(`${site}/it-security/vpn/`);
    expect(await wide.locator('.page-meta dl').isVisible()).toBe(true);
    expect(await wide.locator('.page-meta summary').isVisible()).toBe(false);
  });

  it('fades the edge of a wide table that has more to show, at either end, left to right and right to left', async () => {
    const { page } = await openPage(browser, phone);
    await page.goto(`${site}/haifa-plant/shift-handover/`);
    const table = page.locator('.prose .table-wrap').first();
    await table.scrollIntoViewIfNeeded();
    // Hebrew: the table starts at the right; what is hidden is on the left.
    expect(await table.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    expect(await fades(table)).toEqual({ left: true, right: false, masked: true });
    await table.evaluate((el) => el.scrollBy({ left: -40 }));
    await expect.poll(() => fades(table)).toEqual({ left: true, right: true, masked: true });
    await table.evaluate((el) => el.scrollTo({ left: -el.scrollWidth }));
    await expect.poll(() => fades(table)).toEqual({ left: false, right: true, masked: true });

    // English: the other way round.
    await page.goto(`${site}/customer-service/sla/`);
    const english = page.locator('.prose .table-wrap').first();
    await english.scrollIntoViewIfNeeded();
    expect(await fades(english)).toEqual({ left: false, right: true, masked: true });
    await english.evaluate((el) => el.scrollTo({ left: el.scrollWidth }));
    await expect.poll(() => fades(english)).toEqual({ left: true, right: false, masked: true });
  });

  it('never scrolls the whole page sideways: wide tables scroll inside it, in the binder too', async () => {
    const { page } = await openPage(browser, phone);
    for (const path of ['/print/finance/', '/print/haifa-plant/', '/customer-service/sla/', '/haifa-plant/shift-handover/', '/it-security/fax-policy/', '/health/']) {
      await page.goto(`${site}${path}`);
      if (path.startsWith('/print/')) await page.locator('body[data-binder-ready]').waitFor({ state: 'attached' });
      expect({ path, width: await page.evaluate(() => document.documentElement.scrollWidth) }).toEqual({ path, width: 375 });
    }
  });

  it('keeps a time range such as 07:00–15:30 on one line in a table cell', async () => {
    const { page } = await openPage(browser, phone);
    await page.goto(`${site}/haifa-plant/shift-handover/`);
    const range = page.locator('.prose td .nowrap', { hasText: '07:00–15:30' }).first();
    // One line: every box of it (a right-to-left line splits it into runs) has the same top.
    const box = await range.evaluate((el) => ({ lines: new Set([...el.getClientRects()].map((r) => Math.round(r.top))).size, text: el.textContent }));
    expect(box).toEqual({ lines: 1, text: '07:00–15:30' });
  });
});
