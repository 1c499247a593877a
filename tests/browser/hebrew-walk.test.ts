/**
 * A new employee who reads and writes only Hebrew: from a Hebrew page to a new page from a Hebrew
 * template, proposed, and found again in "My proposals" — and on the way no word of the wiki's own
 * UI in Latin script. What the contributor or the wiki's content brings (the page's text, the
 * file name typed, the contributor's name and e-mail, a branch name, a page's address) is theirs,
 * not the UI's, and is left out of the check.
 */
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, openPage } from '../support/browser.ts';
import { editorReady, git, typeAtEnd } from '../support/editor-page.ts';

const site = inject('siteUrl');
const browser = await launchBrowser();
afterAll(() => browser.close());

/**
 * The wiki's own words on the page, as the reader sees them (and as assistive technology reads
 * them: labels, titles, placeholders), that are in Latin script: a string with Latin letters and no
 * Hebrew letter in it or in the sentence around it (a product named inside a Hebrew sentence, "ב-Outlook",
 * is Hebrew). Left out is what the content and the people bring: the page's prose and description,
 * the editor's source, preview and diff, the summaries of proposals, other pages' titles marked with their own language (`lang`),
 * names and handles (`<bdi>`), tags, `<code>` (addresses, file names, branches), the values typed
 * into fields, and the words in `data`.
 */
async function latinUi(page: Page, data: string[]): Promise<string[]> {
  return page.evaluate((data) => {
    const content = '.prose, .page-description, .cm-editor, [data-ed="preview"], .review-text, .proposal [dir="auto"], code, kbd, bdi, .tag, [lang]:not(html)';
    const hebrew = /[\u0590-\u05FF]/;
    const latin = (text: string) => {
      for (const value of data) text = text.replaceAll(value, '');
      return /[A-Za-z]/.test(text) && !hebrew.test(text);
    };
    const found = new Set<string>();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement!;
      if (el.closest(content) || el.closest('[hidden], script, style, template, noscript')) continue;
      if (getComputedStyle(el).visibility === 'hidden' || !el.getClientRects().length) continue;
      const text = node.textContent ?? '';
      const sentence = el.closest('p, li, dd, dt, label, button, h1, h2, h3, summary, legend, th, td, a') ?? el;
      if (latin(text) && latin(sentence.textContent ?? '')) found.add(text.trim());
    }
    for (const el of document.querySelectorAll<HTMLElement>('[aria-label], [title], [placeholder]')) {
      if (el.closest(content) || el.closest('[hidden]')) continue;
      for (const attr of ['aria-label', 'title', 'placeholder']) {
        const text = el.getAttribute(attr) ?? '';
        if (latin(text)) found.add(`${attr}="${text}"`);
      }
    }
    return [...found];
  }, data);
}

describe('a Hebrew-only walk', () => {
  it('goes from a Hebrew page to a new page from a Hebrew template, proposes it and sees it in My proposals, all in Hebrew', { timeout: 120_000 }, async () => {
    const { page, errors } = await openPage(browser);
    const fileName = 'night-shift-handover';
    // The contributor's own name and address, the file name they typed, the site's name (the organization's choice).
    const mine = ['Test Contributor', 'contributor@galil.example', fileName, 'Pinkas'];

    await page.goto(`${site}/haifa-plant/shift-handover/`);
    expect(await page.getAttribute('html', 'lang')).toBe('he');
    expect(await latinUi(page, mine)).toEqual([]);

    await page.locator('.site-header').getByRole('link', { name: 'דף חדש' }).click();
    await page.waitForURL(`${site}/new/he/`);
    expect(await latinUi(page, mine)).toEqual([]);
    await page.getByLabel('כותרת', { exact: true }).fill('העברת משמרת לילה');
    await page.getByLabel('מדור', { exact: true }).selectOption('haifa-plant');
    await page.getByRole('radio', { name: /^נוהל/ }).check();
    await page.getByLabel('שם הקובץ', { exact: true }).fill(fileName);
    expect(await latinUi(page, mine)).toEqual([]);
    await page.getByRole('button', { name: 'פתיחת העורך' }).click();
    await editorReady(page);
    await expect.poll(() => page.locator('[data-ed="problems-status"]').textContent()).toBe('לא נמצאו בעיות.');
    // The template's placeholders are not a page yet: the contributor writes something of their own.
    await typeAtEnd(page, 'המשמרת היוצאת מוסרת את דוח המשמרת למשמרת הנכנסת.');
    expect(await latinUi(page, mine)).toEqual([]);

    await page.getByLabel('תקציר השינוי').fill('דף חדש: העברת משמרת לילה');
    await page.getByRole('button', { name: 'סקירת השינויים' }).click();
    await page.getByRole('region', { name: 'סקירת השינויים שלך' }).waitFor();
    expect(await latinUi(page, mine)).toEqual([]);
    await page.getByRole('button', { name: 'שליחת ההצעה' }).click();
    const success = page.getByRole('region', { name: 'ההצעה שלך נשלחה' });
    await success.waitFor();
    const branch = (await page.locator('[data-ed="success-branch"]').textContent())!;
    expect(git(['diff', '--name-only', `${branch}~1`, branch])).toBe(`content/haifa-plant/${fileName}.mdx`);
    expect(await latinUi(page, [...mine, branch])).toEqual([]);

    // "See your proposal" leads to My proposals in Hebrew, the new entry highlighted.
    await success.getByRole('link', { name: 'צפייה בהצעה' }).click();
    await page.waitForURL(/\/proposals\/he\/#[0-9a-f]{12}$/);
    expect(await page.getAttribute('html', 'dir')).toBe('rtl');
    const entry = page.locator('.proposal[aria-current="true"]');
    await entry.waitFor();
    expect(await entry.textContent()).toContain('דף חדש: העברת משמרת לילה');
    expect(await entry.locator('.badge').first().textContent()).toBe('פתוחה');
    expect(await latinUi(page, [...mine, branch])).toEqual([]);
    expect(errors).toEqual([]);
  });
});
