import AxeBuilder from '@axe-core/playwright';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, openPage } from '../support/browser.ts';

const site = inject('siteUrl');
const browser = await launchBrowser();
afterAll(() => browser.close());

/** Waits until the dropdown shows the full-text answer to what is typed. */
async function dropdownFor(page: import('playwright-core').Page, query: string) {
  await page.waitForFunction(
    (q) => {
      const popup = document.querySelector<HTMLElement>('.search-popup');
      return popup && !popup.hidden && popup.dataset.complete === 'true' && popup.dataset.query === q;
    },
    query,
  );
  return page.locator('#search-listbox [role="option"]').evaluateAll((options) => options.map((o) => o.getAttribute('data-href')));
}

describe('search as you type', () => {
  it('shows the expected English page first', async () => {
    const { page, errors } = await openPage(browser);
    await page.goto(`${site}/`);
    await page.locator('#search-input').fill('');
    await page.locator('#search-input').pressSequentially('laptop was stolen');
    const hrefs = await dropdownFor(page, 'laptop was stolen');
    expect(hrefs[0]).toMatch(/^\/it-security\/lost-device\//);
    // The matched words are highlighted.
    expect(await page.locator('#search-option-0 mark').first().textContent()).toMatch(/stolen/i);
    expect(errors).toEqual([]);
  });

  it('shows the expected Hebrew page first, for a word the page has only with a prefix', async () => {
    const { page } = await openPage(browser);
    await page.goto(`${site}/hr/annual-leave-israel/`);
    await page.locator('#search-input').pressSequentially('צו מילואים');
    const hrefs = await dropdownFor(page, 'צו מילואים');
    expect(hrefs[0]).toMatch(/^\/hr\/reserve-duty\//);
    // A Hebrew result reads right to left, also in an English page's dropdown.
    expect(await page.locator('#search-option-0').evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
  });

  it('fits a 375 px phone, right to left, with the results open', async () => {
    const { page } = await openPage(browser, { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
    await page.goto(`${site}/hr/annual-leave-israel/`);
    await page.locator('#search-input').pressSequentially('מילואים');
    await dropdownFor(page, 'מילואים');
    expect(await page.evaluate(() => [document.documentElement.scrollWidth, window.scrollX])).toEqual([375, 0]);
    const box = await page.locator('.search-popup').boundingBox();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(375);
  });

  it('is driven by the keyboard: Ctrl+K and / focus it, arrows choose, Enter opens', async () => {
    const { page } = await openPage(browser);
    // From a page no result for the query is: opening the result is a navigation to another page.
    await page.goto(`${site}/it-security/vpn/`);
    await page.keyboard.press('Control+k');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('search-input');
    await page.locator('main').click();
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('search-input');
    // A word several pages answer (results far below the best are cut, so a rarer word may have one).
    await page.keyboard.type('leave');
    await dropdownFor(page, 'leave');
    const input = page.locator('#search-input');
    expect(await input.getAttribute('aria-expanded')).toBe('true');
    await page.keyboard.press('ArrowDown');
    expect(await input.getAttribute('aria-activedescendant')).toBe('search-option-0');
    expect(await page.locator('#search-option-0').getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    expect(await input.getAttribute('aria-activedescendant')).toBe('search-option-0');
    const target = await page.locator('#search-option-0').getAttribute('data-href');
    expect(target).not.toBe('/it-security/vpn/');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${site}${target}`, { waitUntil: 'load' });
  });

  it('offers to propose a new page when nothing matches', async () => {
    const { page } = await openPage(browser);
    await page.goto(`${site}/`);
    await page.locator('#search-input').pressSequentially('xylophone tuning');
    await dropdownFor(page, 'xylophone tuning');
    expect(await page.locator('#search-listbox [role="option"]').count()).toBe(0);
    const propose = page.locator('.search-popup-footer a');
    expect(await propose.getAttribute('href')).toBe('/new/?title=xylophone%20tuning');
    expect(await propose.textContent()).toContain('Propose a new page titled “xylophone tuning”');
  });
});

describe('the results page', () => {
  it('shows the results of ?q= on load, with filters, and goes back to the previous search', async () => {
    const { page, errors } = await openPage(browser);
    await page.goto(`${site}/search/?q=${encodeURIComponent('expense report')}`);
    await page.waitForFunction(() => !/…/.test(document.querySelector('.search-status')?.textContent ?? '…') && document.querySelectorAll('.search-results li').length > 0);
    expect(await page.locator('#search-page-q').inputValue()).toBe('expense report');
    expect(await page.locator('.search-results li a').first().getAttribute('href')).toMatch(/^\/finance\/travel-expenses\//);

    // A new search is a new history entry; the filter narrows it. (The results shown so far are
    // marked, to wait for the answer to the new search rather than read the old one.)
    await page.locator('.search-results li').evaluateAll((items) => items.forEach((i) => i.setAttribute('data-old', '')));
    await page.locator('#search-page-q').fill('leave');
    await page.locator('select[name="lang"]').selectOption('he');
    await page.waitForURL(/q=leave&lang=he|lang=he&q=leave/);
    await page.waitForFunction(() => !/…/.test(document.querySelector('.search-status')?.textContent ?? '…') && !document.querySelector('.search-results li[data-old]'));
    const langs = await page.locator('.search-results li').evaluateAll((items) => items.map((i) => i.getAttribute('lang')));
    expect(langs.length).toBeGreaterThan(0);
    expect(new Set(langs)).toEqual(new Set(['he']));

    await page.goBack();
    await page.waitForFunction(() => (document.querySelector<HTMLInputElement>('#search-page-q')?.value ?? '') === 'expense report');
    expect(await page.locator('select[name="lang"]').inputValue()).toBe('');

    // Reloading the address shows the same results.
    await page.reload();
    await page.waitForFunction(() => document.querySelectorAll('.search-results li').length > 0);
    expect(await page.locator('#search-page-q').inputValue()).toBe('expense report');
    expect(errors).toEqual([]);
  });

  it('links an empty result to a new page with that title', async () => {
    const { page } = await openPage(browser);
    await page.goto(`${site}/search/?q=${encodeURIComponent('parking permit')}&section=safety`);
    await page.waitForSelector('.search-empty:not([hidden]) a');
    expect(await page.locator('.search-empty a').getAttribute('href')).toBe('/new/?title=parking%20permit');
  });

  it('has no serious accessibility violations, with the dropdown open too', async () => {
    const { page } = await openPage(browser);
    await page.goto(`${site}/search/?q=leave`);
    await page.waitForSelector('.search-results li');
    await page.locator('#search-input').pressSequentially('leave');
    await dropdownFor(page, 'leave');
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    expect(serious).toEqual([]);
  });
});

describe('pages no longer in force', () => {
  it('says that a retired or superseded page was retired, and links its successor, instead of finding nothing', async () => {
    const { page } = await openPage(browser);
    await page.goto(`${site}/`);
    await page.locator('#search-input').fill('fax policy');
    await dropdownFor(page, 'fax policy');
    await expect.poll(() => page.locator('.search-popup .search-retired').first().textContent()).toBe('“Fax policy” has been retired.');

    await page.goto(`${site}/search/?q=${encodeURIComponent('travel expenses 2024')}`);
    const notice = page.locator('.search-page .search-retired');
    await expect.poll(() => notice.textContent()).toBe('“Travel expenses (2024)” is no longer in force. It was replaced by Travel expenses.');
    expect(await notice.getByRole('link', { name: 'Travel expenses', exact: true }).getAttribute('href')).toBe('/finance/travel-expenses/');
  });
});
