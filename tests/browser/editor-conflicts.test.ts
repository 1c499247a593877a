/**
 * A conflict is resolved, not overwritten: when the page changed on main meanwhile, what merges
 * cleanly is merged without asking, only the part both changed is shown, it must be decided before
 * anything is sent, and what is sent is exactly the decision — in English and in Hebrew, on a
 * wide screen and on a phone.
 */
import { afterAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, openPage } from '../support/browser.ts';
import { changeOnMain, editorReady, git, retypeLine, seriousViolations } from '../support/editor-page.ts';
import { keepScreenshot } from '../support/screenshots.ts';

const site = inject('siteUrl');
const browser = await launchBrowser();
afterAll(() => browser.close());

describe('resolving a conflict', () => {
  it('merges a colleague’s change elsewhere, asks only about the part both changed, and submits exactly the resolution', async () => {
    const { page, errors } = await openPage(browser);
    const posts: string[] = [];
    page.on('request', (r) => r.method() === 'POST' && posts.push(r.url()));
    const file = 'content/hr/parental-leave.mdx';
    await page.goto(`${site}/edit/hr/parental-leave/`);
    await editorReady(page);
    await retypeLine(page, /^## Applying$/, '## Applying for parental leave');
    await retypeLine(page, /^## Keeping in touch$/, '## Staying in touch');
    // Meanwhile a colleague gives more time to take the leave, and renames the same heading.
    const colleague = await changeOnMain(file, (text) => text.replaceAll('within 12 months', 'within 16 months').replace('\n## Applying\n', '\n## How to apply\n'), 'Parental leave: 16 months');
    try {
      await page.getByLabel('Summary of your change').fill('Parental leave: clearer headings');
      await page.getByRole('button', { name: 'Review changes' }).click();
      await page.getByRole('button', { name: 'Submit proposal' }).click();

      const conflict = page.getByRole('region', { name: 'Someone else changed the same part of this page' });
      await conflict.waitFor();
      // One part only: the heading both changed. The table and "Staying in touch" merged without asking.
      const parts = conflict.getByRole('group', { name: /^Conflict \d+ of \d+/ });
      expect(await parts.count()).toBe(1);
      const part = parts.first();
      expect(await part.getByRole('figure').allTextContents()).toEqual(['Your version## Applying for parental leave', 'Current version on the wiki## How to apply']);
      expect(await part.locator('.conflict-changed').allTextContents()).toEqual([' for parental leave', 'How to apply']);
      // The colleague's "16 months" is already in, shown only as the text around the part.
      expect(await part.locator('.conflict-context').first().textContent()).toContain('within 16 months');
      expect(await conflict.locator('.conflict-version').filter({ hasText: 'months' }).count()).toBe(0);
      expect(await conflict.locator('[data-ed="conflict-status"]').textContent()).toBe('Decided: 0 of 1.');
      expect(await seriousViolations(page)).toEqual([]);
      await keepScreenshot(page, 'conflict-view-en');

      // Undecided, nothing is sent: the button says it is not ready yet (aria-disabled, still
      // reachable), and pressing it says why and takes the contributor to the part.
      const postsBefore = posts.length;
      const submit = conflict.getByRole('button', { name: 'Submit the resolved version' });
      expect(await submit.getAttribute('aria-disabled')).toBe('true');
      await submit.focus();
      await page.keyboard.press('Enter');
      expect(await conflict.getByRole('alert').textContent()).toBe('One conflict is not decided yet: choose what the page should say there.');
      expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).name)).toBe('pinkas-conflict-0');
      expect(posts.length).toBe(postsBefore);

      // Write it myself, starting from both versions.
      await part.getByRole('radio', { name: 'Write it myself' }).check();
      const own = part.getByRole('textbox', { name: 'What the page should say in conflict 1' });
      expect(await own.inputValue()).toBe('## How to apply\n## Applying for parental leave');
      await own.fill('## How to apply for parental leave');
      expect(await part.textContent()).toContain('Decided: your own text.');
      expect(await conflict.locator('[data-ed="conflict-status"]').textContent()).toBe('Decided: 1 of 1.');
      await conflict.getByRole('button', { name: 'Submit the resolved version' }).click();

      await page.getByRole('region', { name: 'Your proposal has been submitted' }).waitFor();
      const branch = (await page.locator('[data-ed="success-branch"]').textContent())!;
      expect(git(['rev-parse', `${branch}~1`])).toBe(colleague.head);
      const submitted = git(['show', `${branch}:${file}`], { raw: true });
      expect(submitted).toBe(colleague.theirs.replace('\n## How to apply\n', '\n## How to apply for parental leave\n').replace('\n## Keeping in touch\n', '\n## Staying in touch\n'));
      expect(submitted).toContain('within 16 months');
      expect(errors).toEqual([]);
    } finally {
      colleague.undo();
    }
  });

  it('shows a Hebrew conflict in Hebrew, one version above the other on a phone, with no serious accessibility violations', async () => {
    const { page, errors } = await openPage(browser, { viewport: { width: 375, height: 800 } });
    const file = 'content/haifa-plant/canteen.mdx';
    await page.goto(`${site}/edit/haifa-plant/canteen/`);
    await editorReady(page);
    await retypeLine(page, /^## שעות פתיחה$/, '## שעות פתיחה וסגירה');
    await retypeLine(page, /^## תשלום ו-Cibus$/, '## תשלום בכרטיס Cibus');
    const colleague = await changeOnMain(file, (text) => text.replace('\n## שעות פתיחה\n', '\n## שעות הפתיחה\n').replace('07:30–09:30', '07:00–09:30'), 'חדר האוכל: שעות');
    try {
      await page.getByLabel('תקציר השינוי').fill('שעות פתיחה וסגירה');
      await page.getByRole('button', { name: 'סקירת השינויים' }).click();
      await page.getByRole('button', { name: 'שליחת ההצעה' }).click();
      const conflict = page.getByRole('region', { name: 'מישהו אחר שינה את אותו חלק בדף' });
      await conflict.waitFor();
      const part = conflict.getByRole('group', { name: /^התנגשות 1 מתוך 1/ });
      const [mine, theirs] = await Promise.all([part.locator('.conflict-yours').boundingBox(), part.locator('.conflict-theirs').boundingBox()]);
      // Stacked, each as wide as the card: not two narrow columns.
      expect(theirs!.y).toBeGreaterThanOrEqual(mine!.y + mine!.height);
      expect(mine!.width).toBeGreaterThan(280);
      expect(await part.locator('.conflict-text').first().getAttribute('dir')).toBe('rtl');
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      expect(await seriousViolations(page)).toEqual([]);
      await keepScreenshot(page, 'conflict-view-he-phone');

      await part.getByRole('radio', { name: 'להשאיר את הגרסה הנוכחית' }).check();
      expect(await part.textContent()).toContain('הוכרע: הגרסה הנוכחית.');
      await conflict.getByRole('button', { name: 'שליחת הגרסה המתוקנת' }).click();
      await page.getByRole('region', { name: 'ההצעה שלך נשלחה' }).waitFor();
      const branch = (await page.locator('[data-ed="success-branch"]').textContent())!;
      // The current version of the heading, the colleague's breakfast hours, and the contributor's other heading.
      expect(git(['show', `${branch}:${file}`], { raw: true })).toBe(colleague.theirs.replace('\n## תשלום ו-Cibus\n', '\n## תשלום בכרטיס Cibus\n'));
      expect(errors).toEqual([]);
    } finally {
      colleague.undo();
    }
  });

});

describe('leaving a conflict undecided', () => {
  it('goes back to editing the contributor’s own text', async () => {
    const { page } = await openPage(browser);
    const file = 'content/it-security/phishing.mdx';
    await page.goto(`${site}/edit/it-security/phishing/`);
    await editorReady(page);
    const heading = git(['show', `main:${file}`], { raw: true }).match(/^## .+$/m)![0];
    await retypeLine(page, heading, `${heading} (mine)`);
    const colleague = await changeOnMain(file, (text) => text.replace(`\n${heading}\n`, `\n${heading} (theirs)\n`), 'Phishing: a heading');
    try {
      await page.getByLabel('Summary of your change').fill('A heading');
      await page.getByRole('button', { name: 'Review changes' }).click();
      await page.getByRole('button', { name: 'Submit proposal' }).click();
      const conflict = page.getByRole('region', { name: 'Someone else changed the same part of this page' });
      await conflict.getByRole('button', { name: 'Back to editing (your version, unresolved)' }).click();
      await conflict.waitFor({ state: 'hidden' });
      expect(await page.locator('.editor-cm .cm-content').textContent()).toContain(`${heading} (mine)`);
      expect(await page.locator('.editor-cm .cm-content').textContent()).not.toContain('(theirs)');
    } finally {
      colleague.undo();
    }
  });
});
