import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, openPage } from '../support/browser.ts';

const site = inject('siteUrl');
const browser = await launchBrowser();
afterAll(() => browser.close());

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
}

describe('reading the wiki', () => {
  it('goes from the home page to a section and on to a page', async () => {
    const { page, errors } = await openPage(browser);
    await page.goto(`${site}/`);
    await expect(page.locator('h1').textContent()).resolves.toBe('Pinkas');
    await page.locator('.section-cards').getByRole('link', { name: 'Human resources' }).click();
    await page.waitForURL(`${site}/hr/`);
    expect(await page.locator('h1').textContent()).toBe('Human resources');
    // The section page lists its pages, and the navigation has the section open at its own page.
    await page.locator('.section-pages').getByRole('link', { name: 'Annual leave', exact: true }).click();
    await page.waitForURL(`${site}/hr/annual-leave/`);
    expect(await page.locator('h1').textContent()).toBe('Annual leave');
    const crumbs = await page.locator('.breadcrumbs li').allTextContents();
    expect(crumbs.map((c) => c.trim())).toEqual(['Pinkas', 'Human resources', 'Annual leave']);
    const current = page.locator('#site-nav a[aria-current="page"]');
    expect(await current.textContent()).toBe('Annual leave');
    expect(await page.locator('#site-nav details[open] > summary').first().textContent()).toBe('Human resources');
    // The document-control block and the table of contents.
    expect(await page.locator('.page-meta').textContent()).toContain('@dana-levi');
    expect(await page.locator('.toc li').count()).toBeGreaterThan(1);
    // Previous/next follow the navigation order.
    expect(await page.locator('.prev-next a[rel="next"]').getAttribute('href')).toMatch(/^\/hr\/[a-z-]+\/$/);
    expect(errors).toEqual([]);
  });

  it('renders a Hebrew page right to left, with the navigation on the right and code left to right', async () => {
    const { page } = await openPage(browser);
    await page.goto(`${site}/hr/annual-leave-israel/`);
    expect(await page.getAttribute('html', 'dir')).toBe('rtl');
    expect(await page.getAttribute('html', 'lang')).toBe('he');
    const nav = await page.locator('#site-nav').boundingBox();
    const main = await page.locator('main').boundingBox();
    expect(nav!.x).toBeGreaterThan(main!.x);
    // The chrome speaks Hebrew too.
    expect(await page.locator('.toc-title').textContent()).toBe('בדף זה');
    expect(await page.locator('.breadcrumbs').getAttribute('aria-label')).toBe('פירורי לחם');
    expect(await page.locator('.page-meta dt').first().textContent()).toBe('בעלים');
  });

  it('shows a link to a page that does not exist as a red link that proposes it', async () => {
    const { page } = await openPage(browser);
    await page.goto(`${site}/onboarding/first-day/`);
    const red = page.locator('.prose a.red-link', { hasText: 'Parking at the Boston office' });
    expect(await red.getAttribute('href')).toBe('/new/?title=Parking%20at%20the%20Boston%20office');
    const colour = await red.evaluate((el) => getComputedStyle(el).color);
    const normal = await page.locator('.prose a:not(.red-link)').first().evaluate((el) => getComputedStyle(el).color);
    expect(colour).not.toBe(normal);
    await red.click();
    await page.waitForURL(/\/new\/\?title=/);
    expect(await page.getByLabel('Title', { exact: true }).inputValue()).toBe('Parking at the Boston office');
  });

  it('puts a banner on a superseded procedure, linking its successor, and keeps it out of the navigation', async () => {
    const { page } = await openPage(browser);
    await page.goto(`${site}/finance/travel-expenses-2024/`);
    const banner = page.locator('.status-banner');
    expect(await banner.textContent()).toContain('superseded');
    expect(await banner.locator('a').first().getAttribute('href')).toBe('/finance/travel-expenses/');
    await page.goto(`${site}/finance/`);
    expect(await page.locator('#site-nav a[href="/finance/travel-expenses-2024/"]').count()).toBe(0);
    expect(await page.locator('#site-nav a[href="/finance/travel-expenses/"]').count()).toBe(1);
  });

  it('hides the navigation behind a menu button on a 375 px phone', async () => {
    const { page } = await openPage(browser, { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
    await page.goto(`${site}/hr/annual-leave/`);
    const nav = page.locator('#site-nav');
    const button = page.getByRole('button', { name: 'Menu' });
    expect(await nav.isVisible()).toBe(false);
    await button.tap();
    expect(await nav.isVisible()).toBe(true);
    expect(await button.getAttribute('aria-expanded')).toBe('true');
    await page.locator('#site-nav').getByRole('link', { name: 'Sick leave', exact: true }).tap();
    await page.waitForURL(`${site}/hr/sick-leave/`);
    // No horizontal scrolling of the whole page on a phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await page.getByRole('button', { name: 'Menu' }).tap();
    await page.keyboard.press('Escape');
    expect(await page.locator('#site-nav').isVisible()).toBe(false);
  });

  it('remembers the dark theme the reader chose', async () => {
    const { page } = await openPage(browser);
    await page.goto(`${site}/`);
    const toggle = page.locator('.theme-toggle');
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    const light = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    await toggle.click();
    await page.reload();
    expect(await page.getAttribute('html', 'data-theme')).toBe('dark');
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor)).not.toBe(light);
  });

  it('prints the procedure without the site around it', async () => {
    const { page } = await openPage(browser);
    await page.goto(`${site}/hr/annual-leave/`);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('#site-nav').isVisible()).toBe(false);
    expect(await page.locator('.site-header').isVisible()).toBe(false);
    expect(await page.locator('.prose').isVisible()).toBe(true);
  });
});

describe('accessibility (axe-core)', () => {
  for (const [name, path] of [
    ['the home page', '/'],
    ['an English page', '/hr/annual-leave/'],
    ['a Hebrew page', '/hr/annual-leave-israel/'],
    ['a section page', '/safety/'],
    ['a Hebrew section page', '/haifa-plant/'],
    ['a Hebrew page with a task list', '/haifa-plant/shift-handover/'],
    ['a retired page', '/it-security/fax-policy/'],
    ['the knowledge health page', '/health/'],
  ] as const) {
    it(`finds no serious or critical violations on ${name}`, async () => {
      const { page } = await openPage(browser);
      await page.goto(`${site}${path}`);
      expect(await seriousViolations(page)).toEqual([]);
    });
  }

  it('finds no serious or critical violations on a 375 px phone, menus open', async () => {
    const { page } = await openPage(browser, { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
    await page.goto(`${site}/hr/annual-leave-israel/`);
    await page.locator('.toc-inline summary').tap();
    await page.locator('.page-meta summary').tap();
    await page.getByRole('button', { name: 'תפריט' }).tap();
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('finds no serious or critical violations in dark mode', async () => {
    const { page } = await openPage(browser, { colorScheme: 'dark' });
    await page.goto(`${site}/hr/annual-leave/`);
    expect(await seriousViolations(page)).toEqual([]);
  });
});
