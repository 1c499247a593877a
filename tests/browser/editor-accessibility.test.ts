/**
 * The editor with axe-core, in English and in Hebrew (right to left), on an edit page, on /new/
 * and on "My proposals".
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, openPage } from '../support/browser.ts';
import { editorReady, git, seriousViolations, source, sourceText } from '../support/editor-page.ts';

const site = inject('siteUrl');
const baseCommit = inject('baseCommit');
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
    const { page } = await openPage(browser);
    // At least one proposal to list, whichever tests ran before.
    await page.goto(`${site}/`);
    const file = 'content/onboarding/buddy-programme.mdx';
    const content = `${git(['show', `${baseCommit}:${file}`], { raw: true }).trimEnd()}\n\nAsk your buddy anything.\n`;
    const status = await page.evaluate(
      async (body) => (await fetch('/api/proposals', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })).status,
      { path: file, baseCommit, content, summary: 'A line for the buddies' },
    );
    expect([200, 201]).toContain(status);
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
