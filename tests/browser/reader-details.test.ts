/** Hebrew details, pages out of force, task lists and counted words, as readers meet them. */
import AxeBuilder from '@axe-core/playwright';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, openPage } from '../support/browser.ts';

const site = inject('siteUrl');
const browser = await launchBrowser();
afterAll(() => browser.close());

describe('Hebrew details', () => {
  it('shows the search box’s placeholder beside its icon, clear of the shortcut badge, on a Hebrew page', async () => {
    const { page } = await openPage(browser);
    for (const path of ['/hr/annual-leave-israel/', '/hr/annual-leave/']) {
      await page.goto(`${site}${path}`);
      const input = page.locator('#search-input');
      const layout = await input.evaluate((el: HTMLInputElement) => {
        const box = el.getBoundingClientRect();
        const badge = el.parentElement!.querySelector('.search-shortcut')!.getBoundingClientRect();
        const icon = el.parentElement!.querySelector('.search-icon')!.getBoundingClientRect();
        return { direction: getComputedStyle(el).direction, badgeLeft: badge.left < box.left + box.width / 2, iconLeft: icon.left < box.left + box.width / 2 };
      });
      const rtl = path.endsWith('israel/');
      // The placeholder starts where the icon is; the badge is at the other end.
      expect(layout).toEqual({ direction: rtl ? 'rtl' : 'ltr', badgeLeft: rtl, iconLeft: !rtl });
    }
  });

  it('points an open folder’s arrow down in both languages, and a closed one along the reading direction', async () => {
    const { page } = await openPage(browser);
    const arrows = async () =>
      page.locator('#site-nav summary').evaluateAll((els) =>
        els.map((el) => {
          // The chevron's corner: where its two borders meet, turned by the transform.
          const style = getComputedStyle(el, '::before');
          const [a = 1, b = 0] = (style.transform.match(/matrix\(([^)]+)\)/)?.[1] ?? '1,0').split(',').map(Number);
          const corner = { x: style.borderRightWidth !== '0px' ? 1 : -1, y: 1 };
          const x = a * corner.x - b * corner.y;
          const y = b * corner.x + a * corner.y;
          return Math.abs(x) < 0.01 ? (y > 0 ? 'down' : 'up') : x > 0 ? 'right' : 'left';
        }),
      );
    await page.goto(`${site}/hr/annual-leave/`);
    expect((await arrows())[0]).toBe('down');
    await page.goto(`${site}/hr/annual-leave-israel/`);
    expect((await arrows())[0]).toBe('down');
    await page.locator('#site-nav summary').first().click();
    await expect.poll(async () => (await arrows())[0]).toBe('left');
  });

  it('names a link to a heading by the page and the heading, not Page#Heading', async () => {
    const { page } = await openPage(browser);
    await page.goto(`${site}/finance/`);
    const link = page.locator('.prose a.wikilink', { hasText: 'Approval limits' });
    expect(await link.textContent()).toBe('Purchase requests and approvals § Approval limits');
    expect(await link.getAttribute('href')).toBe('/finance/purchase-requests/#approval-limits');
  });
});

describe('pages out of force', () => {
  it('shows a retired page with one banner, no review date and no edit link', async () => {
    const { page } = await openPage(browser);
    await page.goto(`${site}/it-security/fax-policy/`);
    expect(await page.locator('.status-banner').count()).toBe(1);
    expect(await page.locator('.prose .callout').count()).toBe(0);
    const banner = page.locator('.status-banner');
    expect(await banner.textContent()).toContain('This page has been retired');
    // The page's own explanation is in the banner, links and all.
    expect(await banner.textContent()).toContain('the last fax line at the Haifa office (04-855-4399) was disconnected');
    expect(await banner.getByRole('link', { name: 'Data classification' }).getAttribute('href')).toBe('/it-security/data-classification/');
    expect(await page.locator('.page-meta').textContent()).not.toContain('Review by');
    expect(await page.getByRole('link', { name: 'Edit this page' }).count()).toBe(0);
  });

  it('keeps a superseded page read-only too, pointing to its successor', async () => {
    const { page } = await openPage(browser);
    await page.goto(`${site}/finance/travel-expenses-2024/`);
    expect(await page.locator('.status-banner').count()).toBe(1);
    expect(await page.locator('.status-banner a').first().getAttribute('href')).toBe('/finance/travel-expenses/');
    expect(await page.locator('.page-meta').textContent()).not.toContain('Review by');
    expect(await page.getByRole('link', { name: 'Edit this page' }).count()).toBe(0);
    // A page in force keeps both.
    await page.goto(`${site}/finance/travel-expenses/`);
    expect(await page.getByRole('link', { name: 'Edit this page' }).count()).toBe(1);
    expect(await page.locator('.page-meta dt', { hasText: 'Review by' }).count()).toBe(1);
  });
});

describe('task lists', () => {
  it('names every checkbox by its item, in English and Hebrew, with no axe violation', async () => {
    const { page } = await openPage(browser);
    for (const [path, name] of [
      ['/onboarding/first-week-checklist/', /^Submit the new-joiner request in HiBob/],
      ['/haifa-plant/shift-handover/', /^מבערים, פלטות חימום ומלחמים כבויים/],
    ] as const) {
      await page.goto(`${site}${path}`);
      const boxes = page.locator('.task-list-item input[type="checkbox"]');
      expect(await boxes.count()).toBeGreaterThan(0);
      expect(await page.getByRole('checkbox', { name }).first().isDisabled()).toBe(true);
      const results = await new AxeBuilder({ page }).include('.contains-task-list').analyze();
      expect(results.violations.map((v) => `${v.id} (${v.impact})`)).toEqual([]);
    }
  });
});

describe('words that count', () => {
  it('counts pages, changes and links in the words of each language', async () => {
    const { page } = await openPage(browser);
    await page.goto(`${site}/`);
    // A Hebrew section's card counts in Hebrew, right to left.
    const card = page.locator('.section-card', { hasText: 'מפעל חיפה' });
    expect(await card.locator('p.muted').textContent()).toBe('4 דפים');
    await page.goto(`${site}/contributors/`);
    const yossi = page.locator('.people li', { hasText: 'Yossi Cohen' }).first();
    expect(await yossi.locator('.muted').textContent()).toBe('1 change to 1 page');
    await page.goto(`${site}/health/`);
    expect(await page.locator('#health-wanted li').first().textContent()).toMatch(/· 2 links: \S/);
  });
});
