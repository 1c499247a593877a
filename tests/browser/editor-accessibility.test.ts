/**
 * The editor with axe-core, in English and in Hebrew (right to left), on an edit page, on /new/
 * and on "My proposals".
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, openPage } from '../support/browser.ts';
import { editorReady, seriousViolations, source, sourceText } from '../support/editor-page.ts';

const site = inject('siteUrl');
const repoDir = inject('repoDir');
const browser = await launchBrowser();
afterAll(() => browser.close());

describe('accessibility of the editor (axe-core)', () => {
  it('finds no serious or critical violations on an English edit page', async () => {
    const { page } = await openPage(browser);
    await page.goto(`${site}/edit/hr/annual-leave/`);
    await editorReady(page);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('edits a Hebrew page right to left, in Hebrew, with no serious or critical violations', async () => {
    const { page } = await openPage(browser);
    await page.goto(`${site}/edit/hr/annual-leave-israel/`);
    await editorReady(page);
    expect(await page.getAttribute('html', 'dir')).toBe('rtl');
    expect(await source(page).evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
    expect(await page.locator('[data-ed="preview"]').getAttribute('dir')).toBe('rtl');
    expect(await page.getByRole('button', { name: 'סקירת השינויים' }).count()).toBe(1);
    // The frontmatter's keys read left to right inside the right-to-left editor.
    expect(await source(page).locator('.cm-line', { hasText: 'review_by:' }).getAttribute('dir')).toBe('ltr');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('finds no serious or critical violations on "My proposals"', async () => {
    // A proposal of its own to list, whichever tests ran before.
    const benefits = await readFile(path.join(repoDir, 'content/hr/benefits.md'), 'utf8');
    const proposed = await fetch(`${site}/api/proposals`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: site, 'Idempotency-Key': 'accessibility-listed-0001' },
      body: JSON.stringify({ path: 'content/hr/benefits.md', baseCommit: inject('baseCommit'), content: `${benefits}\nAsk HR about the details.\n`, summary: 'Where to ask' }),
    });
    expect(proposed.status).toBe(201);
    const { page } = await openPage(browser);
    await page.goto(`${site}/proposals/`);
    await page.locator('.proposal').first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('finds no serious or critical violations on /new/ and its editor', async () => {
    const { page } = await openPage(browser);
    await page.goto(`${site}/new/?title=${encodeURIComponent('נוהל עבודה בגובה')}`);
    expect(await page.getByLabel('Language of the page').inputValue()).toBe('he');
    expect(await page.locator('[data-new-name-hint]').textContent()).toContain('write the file name in English');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel('Section').selectOption('safety');
    await page.getByLabel('File name').fill('working-at-height');
    await page.getByRole('button', { name: 'Open the editor' }).click();
    await editorReady(page);
    expect(await sourceText(page)).toMatch(/^---\ntitle: "נוהל עבודה בגובה"\nlang: he\n/);
    expect(await source(page).evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
    expect(await seriousViolations(page)).toEqual([]);
  });
});
