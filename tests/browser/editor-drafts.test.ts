/**
 * Nothing a contributor types is lost: a draft survives a reload and is offered back, a draft saved
 * before the page changed is merged with the newer version, and a failed submit keeps everything
 * and is retried with the same idempotency key.
 */
import { afterAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, openPage } from '../support/browser.ts';
import { editorReady, git, preview, source, sourceText, typeAtEnd } from '../support/editor-page.ts';

const site = inject('siteUrl');
const browser = await launchBrowser();
afterAll(() => browser.close());

describe('drafts and retries', () => {
  it('keeps a draft through a reload and offers to restore it', async () => {
    const { page, errors } = await openPage(browser);
    await page.goto(`${site}/edit/onboarding/buddy-programme/`);
    await editorReady(page);
    await typeAtEnd(page, 'Buddies meet their new colleague on the first morning.');
    await page.getByLabel('Summary of your change').fill('When buddies first meet');
    await page.getByLabel('Why (optional)').fill('New employees asked.');
    await expect.poll(() => page.locator('[data-ed="draft-status"]').textContent()).toMatch(/^Draft saved in this browser at /);

    await page.reload();
    await source(page).waitFor();
    const prompt = page.getByRole('region', { name: /^Restore your draft from .+\?$/ });
    await prompt.waitFor();
    expect(await prompt.textContent()).toContain('Compared with the page: +2 −0 lines.');
    // Until the contributor chooses, the page is shown as it is and cannot be changed by accident.
    expect(await sourceText(page)).not.toContain('Buddies meet their new colleague');
    expect(await source(page).getAttribute('contenteditable')).toBe('false');
    await page.getByRole('button', { name: 'Restore' }).click();
    await prompt.waitFor({ state: 'hidden' });
    expect(await sourceText(page)).toMatch(/\nBuddies meet their new colleague on the first morning\.$/);
    expect(await page.getByLabel('Summary of your change').inputValue()).toBe('When buddies first meet');
    expect(await page.getByLabel('Why (optional)').inputValue()).toBe('New employees asked.');
    expect(await source(page).getAttribute('contenteditable')).toBe('true');
    await expect.poll(() => preview(page).textContent()).toContain('Buddies meet their new colleague');

    // Discarding it leaves the page as it is, and the prompt does not come back.
    await page.reload();
    await page.getByRole('button', { name: 'Discard' }).click();
    expect(await sourceText(page)).not.toContain('Buddies meet');
    await page.reload();
    await editorReady(page);
    expect(await page.locator('[data-ed="draft-prompt"]').isHidden()).toBe(true);
    expect(errors).toEqual([]);
  });

  it('offers a draft saved before the page changed, and merges it with the newer version on submit', async () => {
    const { page, errors } = await openPage(browser);
    // A draft written while the site was built from the previous commit, before sick leave changed.
    const file = 'content/hr/sick-leave.mdx';
    const older = git(['rev-parse', 'HEAD~1']);
    const original = git(['show', `${older}:${file}`], { raw: true });
    const mine = original.replace(/\n\n(?=[^\n]*\S)/, '\n\nOne line from the draft.\n\n');
    expect(mine).not.toBe(original);
    await page.goto(`${site}/`);
    await page.evaluate(
      ([key, draft]) => localStorage.setItem(key!, draft!),
      [`pinkas-draft:${file}@${older}`, JSON.stringify({
        v: 1, repoPath: file, baseCommit: older, isNew: false,
        page: { contentPath: 'hr/sick-leave.mdx', slug: 'hr/sick-leave', format: 'mdx', lang: 'en', title: 'Sick leave' },
        original, content: mine, summary: 'A line from an old draft', reason: '', images: [], savedAt: Date.parse('2026-11-10T12:00:00Z'),
      })],
    );
    await page.goto(`${site}/edit/hr/sick-leave/`);
    const prompt = page.getByRole('region', { name: /^Restore your draft from .*2026.*\?$/ });
    await prompt.waitFor();
    expect(await prompt.textContent()).toContain('The page has changed since you saved it; submitting will merge your change with the newer version.');
    await page.getByRole('button', { name: 'Restore' }).click();
    await page.getByRole('button', { name: 'Review changes' }).click();
    const review = page.getByRole('region', { name: 'Review your changes' });
    await review.waitFor();
    expect(await review.textContent()).toContain('The page has changed since you started');
    // The diff is the contributor's own change, against the version they started from.
    expect(await review.locator('.review-add .review-text').allTextContents()).toEqual(['+added: One line from the draft.', '+added: ']);
    await page.getByRole('button', { name: 'Submit proposal' }).click();
    const success = page.getByRole('region', { name: 'Your proposal has been submitted' });
    await success.waitFor();
    expect(await success.textContent()).toContain('your change was merged with the newer version');
    const branch = (await page.locator('[data-ed="success-branch"]').textContent())!;
    const merged = git(['show', `${branch}:${file}`], { raw: true });
    expect(merged).toContain('One line from the draft.');
    expect(merged).toContain('Ask HR in #hr-questions on Slack.');
    expect(errors).toEqual([]);
  });

  it('keeps everything when a submit fails, and retries with the same idempotency key (in Hebrew)', async () => {
    const { page, errors } = await openPage(browser);
    await page.goto(`${site}/edit/safety/accident-reporting/`);
    await editorReady(page);
    await typeAtEnd(page, 'מדווחים גם על כמעט-תאונות.');
    await page.getByLabel('תקציר השינוי').fill('כמעט-תאונות');
    await page.getByRole('button', { name: 'סקירת השינויים' }).click();
    // The network fails, then the service is down, then it answers.
    const keys: string[] = [];
    let attempt = 0;
    await page.route('**/api/proposals', async (route) => {
      keys.push(route.request().headers()['idempotency-key']!);
      attempt++;
      if (attempt === 1) return route.abort('connectionreset');
      if (attempt === 2) return route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ error: 'The proposal service is not available: maintenance' }) });
      return route.continue();
    });
    await page.getByRole('button', { name: 'שליחת ההצעה' }).click();
    const message = page.locator('[data-ed="submit-message"]');
    await expect.poll(() => message.textContent()).toBe('אין גישה לשירות ההצעות כרגע, ולכן ההצעה לא נשלחה. הטיוטה שמורה בדפדפן הזה: אפשר לנסות שוב בעוד רגע.ניסיון נוסף');
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('pinkas-draft:content/safety/accident-reporting.mdx@')).length)).toBe(1);
    await message.getByRole('button', { name: 'ניסיון נוסף' }).click();
    await expect.poll(() => message.textContent()).toBe('לא ניתן היה לשמור את ההצעה: The proposal service is not available: maintenance. הטיוטה שלך נשמרה.ניסיון נוסף');
    await message.getByRole('button', { name: 'ניסיון נוסף' }).click();
    await page.getByRole('region', { name: 'ההצעה שלך נשלחה' }).waitFor();
    expect(keys).toHaveLength(3);
    expect(new Set(keys).size).toBe(1);
    expect(keys[0]).toMatch(/^[A-Za-z0-9._:-]{8,128}$/);
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('pinkas-draft:')).length)).toBe(0);
    expect(errors).toEqual([]);
  });

});
