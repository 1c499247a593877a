/**
 * What the editor refuses: unsafe content marked at its line, and the service's refusal shown at
 * its line (a conflict with a newer change on `main`: editor-conflicts.test.ts).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, openPage } from '../support/browser.ts';
import { editorReady, lineWith, preview, source, typeAtEnd } from '../support/editor-page.ts';

const site = inject('siteUrl');
const repoDir = inject('repoDir');
const browser = await launchBrowser();
afterAll(() => browser.close());

describe('refusals', () => {
  it('shows unsafe content at its line and refuses to submit it', async () => {
    const { page, errors } = await openPage(browser);
    const posts: string[] = [];
    page.on('request', (r) => r.method() === 'POST' && posts.push(r.url()));
    await page.goto(`${site}/edit/finance/corporate-card/`);
    await editorReady(page);
    const lines = (await readFile(path.join(repoDir, 'content/finance/corporate-card.mdx'), 'utf8')).split('\n').length;
    await typeAtEnd(page, '<script>alert(document.cookie)</script>');
    const problems = page.locator('[data-ed="problems"] li');
    await expect.poll(() => problems.allTextContents()).toEqual([`Line ${lines + 1}: <script> is not allowed in wiki pages: delete it (the page is published without it)`]);
    // Marked in the editor at that line: underlined, with a marker in the gutter.
    await expect.poll(() => source(page).locator('.cm-lintRange-error').textContent()).toBe('<script>alert(document.cookie)</script>');
    expect(await page.locator('.cm-gutter-lint .cm-lint-marker-error').count()).toBe(1);
    // Nothing of it reaches the preview.
    expect(await preview(page).locator('script').count()).toBe(0);

    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Limits change on {new Date().getFullYear()}.');
    await expect.poll(() => problems.count()).toBe(2);
    expect(await problems.nth(1).textContent()).toBe(`Line ${lines + 3}: {expressions} are not allowed in wiki pages (found {new Date().getFullYear()}); to show a literal brace write \\{`);

    await page.getByLabel('Summary of your change').fill('Try to sneak in a script');
    await page.getByRole('button', { name: 'Review changes' }).click();
    const message = page.locator('[data-ed="form-message"]');
    await expect.poll(() => message.textContent()).toBe('The page has 2 problems to fix before it can be submitted; they are marked in the editor.');
    expect(await page.getByRole('region', { name: 'Review your changes' }).count()).toBe(0);
    expect(posts).toEqual([]);
    // Clicking a problem takes the cursor to it.
    await problems.first().getByRole('button').click();
    expect(await page.locator('.cm-activeLine').textContent()).toBe('<script>alert(document.cookie)</script>');
    expect(errors).toEqual([]);
  });

  it('shows the service’s refusal at its line, keeps the draft, and forgets the refusal once the text changes', async () => {
    const { page } = await openPage(browser);
    await page.goto(`${site}/edit/finance/per-diem/`);
    await editorReady(page);
    const lines = (await readFile(path.join(repoDir, 'content/finance/per-diem.md'), 'utf8')).split('\n').length;
    await typeAtEnd(page, 'Per diem is paid in cash.');
    await expect.poll(() => page.locator('[data-ed="problems-status"]').textContent()).toBe('No problems found.');
    await page.getByLabel('Summary of your change').fill('Say how per diem is paid');
    await page.getByRole('button', { name: 'Review changes' }).click();
    // The service finds what the editor's check does not.
    await page.route('**/api/proposals', (route) =>
      route.fulfill({ status: 422, contentType: 'application/json', body: JSON.stringify({ error: 'The page breaks a rule.', details: [{ line: lines + 1, column: 1, message: 'Cash is not a payment method' }] }) }),
    );
    await page.getByRole('button', { name: 'Submit proposal' }).click();
    const message = page.locator('[data-ed="form-message"]');
    await expect.poll(() => message.textContent()).toBe('The proposal was not accepted: The page breaks a rule. Your draft is kept.');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-ed'))).toBe('form-message');
    expect(await page.getByRole('region', { name: 'Review your changes' }).count()).toBe(0);
    const problems = page.locator('[data-ed="problems"] li');
    expect(await problems.allTextContents()).toEqual([`Line ${lines + 1}: Cash is not a payment method`]);
    expect(await source(page).locator('.cm-lintRange-error').textContent()).toBe('Per diem is paid in cash.');
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('pinkas-draft:content/finance/per-diem.md@')).length)).toBe(1);

    await (await lineWith(page, source(page), 'Per diem is paid in cash.')).click();
    await page.keyboard.press('End');
    await page.keyboard.type(' Or by bank transfer.');
    await expect.poll(() => page.locator('[data-ed="problems-status"]').textContent()).toBe('No problems found.');
    expect(await problems.count()).toBe(0);
  });

});
