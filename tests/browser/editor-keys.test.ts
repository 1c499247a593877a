/**
 * The editor's keys win in the editor, and the editor stays in view: Ctrl+K makes a link where the
 * cursor is, Tab goes from the source to the summary, the draft prompt is seen after a reload, the
 * preview follows the cursor, and a phone gets Write / Preview tabs instead of two stacked boxes.
 */
import { afterAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, openPage } from '../support/browser.ts';
import { editorReady, lineWith, preview, source, sourceText, typeAtEnd } from '../support/editor-page.ts';

const site = inject('siteUrl');
const browser = await launchBrowser();
afterAll(() => browser.close());

const focused = (page: import('playwright-core').Page) => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.id ?? '');

describe('the editor’s keys', () => {
  it('inserts a link with Ctrl+K and keeps the focus in the source, where the site search would otherwise take it', async () => {
    const { page, errors } = await openPage(browser);
    await page.goto(`${site}/edit/onboarding/first-week-checklist/`);
    await editorReady(page);
    await typeAtEnd(page, 'See the ');
    await page.keyboard.press('Control+k');
    expect(await sourceText(page)).toMatch(/\nSee the \[link text\]\(https:\/\/\)$/);
    expect(await focused(page)).toBe('Page source (MDX)');
    // Typing goes on in the link's address, which is selected.
    await page.keyboard.type('https://intranet.galil.example/');
    expect(await sourceText(page)).toMatch(/\nSee the \[link text\]\(https:\/\/intranet\.galil\.example\/\)$/);
    // Outside the editor, Ctrl+K still finds the search box.
    await page.getByLabel('Summary of your change').click();
    await page.keyboard.press('Control+k');
    expect(await focused(page)).toBe('pinkas-ed-summary');
    await page.locator('.editor-header h1').click();
    await page.keyboard.press('Control+k');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('search-input');
    expect(errors).toEqual([]);
  });

  it('goes with Tab from the source to the summary, past the preview’s links, which stay one tab stop', async () => {
    const { page } = await openPage(browser);
    await page.goto(`${site}/edit/hr/annual-leave/`);
    await editorReady(page);
    expect(await preview(page).locator('a[href]').count()).toBeGreaterThan(2);
    expect(await preview(page).locator('a[href]:not([tabindex="-1"])').count()).toBe(0);
    await source(page).click();
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('pinkas-ed-summary');
    // Back from the summary: the problems, then the preview as one stop, then the source.
    await page.keyboard.press('Shift+Tab');
    expect(await focused(page)).toBe('Preview of the page');
    await page.keyboard.press('Shift+Tab');
    expect(await focused(page)).toBe('Page source (MDX)');
  });

  it('keeps the draft prompt in view after a reload, wherever the page was scrolled', async () => {
    const { page } = await openPage(browser, { viewport: { width: 1280, height: 700 } });
    await page.goto(`${site}/edit/safety/lab-safety/`);
    await editorReady(page);
    await typeAtEnd(page, 'Goggles stay on until you leave the lab.');
    await expect.poll(() => page.locator('[data-ed="draft-status"]').textContent()).toMatch(/^Draft saved/);
    await page.getByLabel('Summary of your change').scrollIntoViewIfNeeded();
    expect(await page.evaluate(() => scrollY)).toBeGreaterThan(300);
    await page.reload();
    const prompt = page.getByRole('region', { name: /^Restore your draft from .+\?$/ });
    await prompt.waitFor();
    await expect.poll(() => page.evaluate(() => scrollY)).toBeGreaterThan(300);
    const box = (await prompt.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(700);
    await prompt.getByRole('button', { name: 'Restore' }).click();
    await expect.poll(() => preview(page).textContent()).toContain('Goggles stay on');
  });

  it('scrolls the preview to the part of the page the cursor is in', async () => {
    const { page } = await openPage(browser, { viewport: { width: 1280, height: 800 } });
    await page.goto(`${site}/edit/hr/annual-leave/`);
    await editorReady(page);
    const pane = page.locator('[data-ed="preview"]');
    const last = preview(page).locator('h2').last();
    const lastTitle = (await last.textContent())!;
    await (await lineWith(page, source(page), new RegExp(`^## ${lastTitle}$`))).click();
    await page.keyboard.press('ArrowDown');
    const inView = async () => {
      const [p, h] = await Promise.all([pane.boundingBox(), last.boundingBox()]);
      return h!.y >= p!.y && h!.y <= p!.y + p!.height;
    };
    await expect.poll(inView).toBe(true);
    expect(await pane.evaluate((el) => el.scrollTop)).toBeGreaterThan(200);
    // Back to the top of the source: the preview goes back to its top.
    await page.keyboard.press('Control+Home');
    await expect.poll(() => pane.evaluate((el) => el.scrollTop)).toBeLessThan(50);
  });

  it('shows Write and Preview as tabs on a phone, one pane at a time', async () => {
    const { page } = await openPage(browser, { viewport: { width: 375, height: 800 } });
    await page.goto(`${site}/edit/hr/annual-leave-israel/`);
    await editorReady(page);
    const write = page.getByRole('tab', { name: 'כתיבה' });
    const show = page.getByRole('tab', { name: 'תצוגה מקדימה' });
    expect(await write.getAttribute('aria-selected')).toBe('true');
    expect(await source(page).isVisible()).toBe(true);
    expect(await page.locator('[data-ed="preview"]').isVisible()).toBe(false);
    await show.click();
    expect(await show.getAttribute('aria-selected')).toBe('true');
    expect(await source(page).isVisible()).toBe(false);
    expect(await page.locator('[data-ed="preview"]').isVisible()).toBe(true);
    expect(await page.locator('[data-ed="preview-title"]').textContent()).toBe('חופשה שנתית');
    // The arrow keys move between the tabs (ARIA tabs).
    await page.keyboard.press('ArrowRight');
    expect(await write.getAttribute('aria-selected')).toBe('true');
    expect(await source(page).isVisible()).toBe(true);
    // On a wide screen the tabs are gone and both panes show.
    await page.setViewportSize({ width: 1280, height: 800 });
    expect(await write.isVisible()).toBe(false);
    expect(await page.locator('[data-ed="preview"]').isVisible()).toBe(true);
    expect(await source(page).isVisible()).toBe(true);
  });
});
