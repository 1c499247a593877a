/**
 * The words the contributor reads: plurals as each language says them, a clear message and one
 * thing to do when the service cannot be reached, what the proposal will be titled, and the
 * counts on the home and health pages read as sentences, also beside Hebrew.
 */
import { afterAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, openPage } from '../support/browser.ts';
import { editorReady, typeAtEnd } from '../support/editor-page.ts';

const site = inject('siteUrl');
const browser = await launchBrowser();
afterAll(() => browser.close());

describe('the editor’s words', () => {
  it('counts problems as each language does: one, two, many', async () => {
    const { page } = await openPage(browser);
    await page.goto(`${site}/edit/hr/sick-leave-israel/`);
    await editorReady(page);
    await typeAtEnd(page, '<script>x</script>');
    await page.getByLabel('תקציר השינוי').fill('בדיקה');
    const message = page.locator('[data-ed="form-message"]');
    await page.getByRole('button', { name: 'סקירת השינויים' }).click();
    await expect.poll(() => message.textContent()).toBe('יש בדף בעיה אחת שצריך לתקן לפני השליחה; היא מסומנת בעורך.');
    await typeAtEnd(page, '<iframe></iframe>');
    await page.getByRole('button', { name: 'סקירת השינויים' }).click();
    await expect.poll(() => message.textContent()).toBe('יש בדף שתי בעיות שצריך לתקן לפני השליחה; הן מסומנות בעורך.');
    // The problem says what will happen, while the tag is still in the text.
    expect(await page.locator('[data-ed="problems"] li').first().textContent()).toMatch(/<script> is not allowed in wiki pages: delete it \(the page is published without it\)$/);
  });

  it('says plainly that the service cannot be reached, keeps the draft, and offers one thing to do', async () => {
    const { page, errors } = await openPage(browser);
    await page.goto(`${site}/edit/hr/working-from-home/`);
    await editorReady(page);
    await typeAtEnd(page, 'Tell your team in Slack when you work from home.');
    await page.getByLabel('Summary of your change').fill('Tell the team');
    expect(await page.locator('[data-ed="summary-hint"]').textContent()).toContain('“Working from home: Correct the helpdesk number”');
    await page.getByRole('button', { name: 'Review changes' }).click();
    await page.route('**/api/proposals', (route) => route.abort('internetdisconnected'));
    await page.getByRole('button', { name: 'Submit proposal' }).click();
    const message = page.locator('[data-ed="submit-message"]');
    await expect.poll(() => message.textContent()).toContain('The proposal service cannot be reached right now, so the proposal was not sent. Your draft is kept in this browser');
    expect(await message.textContent()).not.toContain('Failed to fetch');
    const review = page.getByRole('region', { name: 'Review your changes' });
    const primary = review.locator('.button-primary:visible');
    expect(await primary.allTextContents()).toEqual(['Retry']);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Retry');

    // Offline, it says so; back online, Retry sends it.
    await page.context().setOffline(true);
    await primary.click();
    await expect.poll(() => message.textContent()).toContain('You are offline, so the proposal was not sent.');
    await page.context().setOffline(false);
    await page.unroute('**/api/proposals');
    await review.getByRole('button', { name: 'Retry' }).click();
    await page.getByRole('region', { name: 'Your proposal has been submitted' }).waitFor();
    expect(errors).toEqual([]);
  });
});

describe('counts on the reader’s pages', () => {
  it('counts a Hebrew section card’s pages in Hebrew, in reading order, and puts a space after “links:”', async () => {
    const { page } = await openPage(browser);
    await page.goto(`${site}/`);
    const card = page.locator('.section-card[lang="he"]').first();
    expect(await card.getAttribute('dir')).toBe('rtl');
    expect(await card.locator('p.muted').last().textContent()).toMatch(/^(?:\d+ דפים|שני דפים|דף אחד)$/);
    await page.goto(`${site}/health/`);
    const wanted = page.locator('li', { has: page.locator('a.red-link', { hasText: 'Parking at the Boston office' }) });
    expect(await wanted.innerText()).toMatch(/^Parking at the Boston office · 2 links: /);
  });
});
