/**
 * Hebrew authoring is Hebrew: "New page" and red links on a Hebrew page open /new/ in Hebrew, a
 * red link preselects its section, Hebrew templates come first for a Hebrew page, and the
 * frontmatter's Hebrew values read right to left in the source.
 */
import { afterAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, openPage } from '../support/browser.ts';
import { editorReady, seriousViolations, source, sourceText } from '../support/editor-page.ts';

const site = inject('siteUrl');
const browser = await launchBrowser();
afterAll(() => browser.close());

describe('Hebrew authoring', () => {
  it('opens /new/ in Hebrew from a Hebrew page’s header, with the Hebrew templates first', async () => {
    const { page, errors } = await openPage(browser);
    await page.goto(`${site}/hr/annual-leave-israel/`);
    await page.locator('.site-header').getByRole('link', { name: 'דף חדש' }).click();
    await page.waitForURL(`${site}/new/he/`);
    expect(await page.getAttribute('html', 'lang')).toBe('he');
    expect(await page.getAttribute('html', 'dir')).toBe('rtl');
    expect(await page.locator('[data-new-heading]').textContent()).toBe('הצעת דף חדש');
    expect(await page.getByLabel('שפת הדף', { exact: true }).inputValue()).toBe('he');
    const templates = await page.getByRole('radio').evaluateAll((radios) => radios.map((r) => (r as HTMLInputElement).value));
    expect(templates.slice(0, 2).sort()).toEqual(['how-to-he', 'procedure-he']);
    expect(templates.at(-1)).toBe('');
    expect(await page.getByRole('radio', { checked: true }).getAttribute('value')).toBe(templates[0]);
    expect(await seriousViolations(page)).toEqual([]);
    // An English page's header still leads to /new/ in English.
    await page.goto(`${site}/hr/annual-leave/`);
    expect(await page.locator('.site-header').getByRole('link', { name: 'New page' }).getAttribute('href')).toBe('/new/');
    expect(errors).toEqual([]);
  });

  it('follows a red link on a Hebrew page to /new/ in Hebrew, in the linking page’s section, and starts from the Hebrew procedure', async () => {
    const { page, errors } = await openPage(browser);
    await page.goto(`${site}/safety/hazardous-materials/`);
    const red = page.locator('a.red-link', { hasText: 'נוהל עבודה בגובה' });
    expect(await red.getAttribute('href')).toMatch(/^\/new\/\?title=/);
    await red.click();
    await page.waitForURL(/\/new\/he\/\?/);
    expect(await page.getByLabel('כותרת', { exact: true }).inputValue()).toBe('נוהל עבודה בגובה');
    expect(await page.getByLabel('מדור', { exact: true }).inputValue()).toBe('safety');
    expect(await page.getByLabel('שפת הדף', { exact: true }).inputValue()).toBe('he');
    await page.getByRole('radio', { name: /^נוהל/ }).check();
    await page.getByLabel('שם הקובץ', { exact: true }).fill('working-at-height');
    await page.getByRole('button', { name: 'פתיחת העורך' }).click();
    await editorReady(page);
    const text = await sourceText(page);
    expect(text).toMatch(/^---\ntitle: "נוהל עבודה בגובה"\nlang: he\ntags: \[\]\neffective: \d{4}-\d\d-\d\d\nreview_by: \d{4}-\d\d-\d\d\n---\n\nמשפט או שניים/);
    await expect.poll(() => page.locator('[data-ed="problems-status"]').textContent()).toBe('לא נמצאו בעיות.');
    // Frontmatter: a Hebrew value reads right to left, its key stays one left-to-right piece; a date reads left to right.
    const titleLine = source(page).locator('.cm-line', { hasText: 'title:' });
    expect(await titleLine.getAttribute('dir')).toBeNull(); // the page's own direction: right to left
    expect(await titleLine.evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
    expect(await titleLine.locator('[dir="ltr"]').textContent()).toBe('title:');
    expect(await source(page).locator('.cm-line', { hasText: 'effective:' }).getAttribute('dir')).toBe('ltr');
    expect(errors).toEqual([]);
  });

  it('preselects the section of the English page a red link is on', async () => {
    const { page } = await openPage(browser);
    await page.goto(`${site}/finance/travel-expenses/`);
    await page.locator('a.red-link', { hasText: 'Parking at the Boston office' }).click();
    await page.waitForURL(/\/new\/\?/);
    expect(await page.getByLabel('Title', { exact: true }).inputValue()).toBe('Parking at the Boston office');
    expect(await page.getByLabel('Section').inputValue()).toBe('finance');
    expect(await page.getByLabel('Language of the page').inputValue()).toBe('en');
  });

  it('reads a Hebrew value in an English page’s frontmatter right to left', async () => {
    const { page } = await openPage(browser);
    await page.goto(`${site}/edit/hr/benefits/`);
    await editorReady(page);
    await page.getByRole('group', { name: 'Page properties' }).getByLabel('Description').fill('הטבות לעובדים');
    const line = source(page).locator('.cm-line', { hasText: 'description:' });
    expect(await line.getAttribute('dir')).toBe('rtl');
    expect(await line.locator('[dir="ltr"]').textContent()).toBe('description:');
    expect(await source(page).locator('.cm-line', { hasText: 'title:' }).getAttribute('dir')).toBeNull();
  });
});
