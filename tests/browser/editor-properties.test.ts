/**
 * The page's properties as a form above the source: the form and the YAML follow each other, a
 * field changes only its own line (comments and order kept), owners come from the wiki's, and a
 * page from a template starts with no problems — dated today, to be reviewed a year later.
 */
import { afterAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, openPage } from '../support/browser.ts';
import { editorReady, lineWith, seriousViolations, source, sourceText } from '../support/editor-page.ts';
import { keepScreenshot } from '../support/screenshots.ts';

const site = inject('siteUrl');
const browser = await launchBrowser();
afterAll(() => browser.close());

/** The lines of `after` that differ from `before` (same number of lines), as [before, after]. */
function changedLines(before: string, after: string): [string, string][] {
  const a = before.split('\n');
  const b = after.split('\n');
  expect(b.length).toBe(a.length);
  return a.flatMap((line, i) => (line === b[i] ? [] : [[line, b[i]!] as [string, string]]));
}

describe('page properties', () => {
  it('shows the frontmatter as fields, changes only the line of the field changed, and follows edits of the YAML', async () => {
    const { page, errors } = await openPage(browser);
    await page.goto(`${site}/edit/hr/sick-leave/`);
    await editorReady(page);
    const form = page.getByRole('group', { name: 'Page properties' });
    expect(await form.getByLabel('Page title').inputValue()).toBe('Sick leave');
    expect(await form.getByLabel('Review by').inputValue()).toBe('2027-09-30');
    expect(await form.locator('[data-tokens="owner"] .token bdi').allTextContents()).toEqual(['@sarah-oconnor']);
    expect(await form.locator('[data-tokens="tags"] .token bdi').allTextContents()).toEqual(['leave', 'sickness', 'boston']);
    await keepScreenshot(form, 'properties-form');

    // A comment in the YAML, to see that a field keeps it.
    await (await lineWith(page, source(page), /^review_by: /)).click();
    await page.keyboard.press('End');
    await page.keyboard.type(' # agreed with the works council');
    const before = await sourceText(page);

    await form.getByLabel('Review by').fill('2028-01-31');
    expect(changedLines(before, await sourceText(page))).toEqual([['review_by: 2027-09-30 # agreed with the works council', 'review_by: 2028-01-31 # agreed with the works council']]);
    await form.getByLabel('Status').selectOption('draft');
    const withStatus = await sourceText(page);
    expect(withStatus.split('\n').filter((l) => !before.split('\n').includes(l))).toEqual(['status: draft', 'review_by: 2028-01-31 # agreed with the works council']);

    // Owners are picked from the wiki's own; a second one makes a list, and one alone is a single value again.
    const owners = await page.locator('#pinkas-ed-owners option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
    expect(owners).toEqual(expect.arrayContaining(['@dana-levi', '@galil/hr-team', '@sarah-oconnor', '@tom-becker']));
    await form.getByLabel('Owners').fill('@galil/hr-team');
    await page.keyboard.press('Enter');
    expect(await sourceText(page)).toContain('\nowner: ["@sarah-oconnor", "@galil/hr-team"]\n');
    await form.getByRole('button', { name: 'Remove @sarah-oconnor' }).click();
    expect(await sourceText(page)).toContain('\nowner: "@galil/hr-team"\n');

    // Editing the YAML: the form follows.
    await (await lineWith(page, source(page), /^title: /)).click();
    await page.keyboard.press('End');
    await page.keyboard.type(' and sick days');
    await expect.poll(() => form.getByLabel('Page title').inputValue()).toBe('Sick leave and sick days');
    // YAML that cannot be read pauses the fields, and says so.
    await page.keyboard.type(': [');
    await expect.poll(() => form.getByLabel('Status').isDisabled()).toBe(true);
    expect(await form.textContent()).toContain('The frontmatter in the source is not valid YAML right now');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    await expect.poll(() => form.getByLabel('Status').isDisabled()).toBe(false);
    expect(errors).toEqual([]);
  });

  it('starts a page from a template with no problems, effective today and to be reviewed a year later', async () => {
    const { page, errors } = await openPage(browser);
    await page.goto(`${site}/new/?title=${encodeURIComponent('Forklift charging')}`);
    await page.getByLabel('Section').selectOption('safety');
    await page.getByRole('radio', { name: /^Procedure/ }).check();
    await page.getByRole('button', { name: 'Open the editor' }).click();
    await editorReady(page);
    await expect.poll(() => page.locator('[data-ed="problems-status"]').textContent()).toBe('No problems found.');
    const today = await page.evaluate(() => {
      const d = new Date();
      return [d.getFullYear(), d.getMonth() + 1, d.getDate()].map((n) => String(n).padStart(2, '0')).join('-');
    });
    const yearLater = `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`.replace(/-02-29$/, '-02-28');
    const form = page.getByRole('group', { name: 'Page properties' });
    expect(await form.getByLabel('Effective from').inputValue()).toBe(today);
    expect(await form.getByLabel('Review by').inputValue()).toBe(yearLater);
    expect(await sourceText(page)).toMatch(new RegExp(`^---\\ntitle: "Forklift charging"\\ntags: \\[\\]\\neffective: ${today}\\nreview_by: ${yearLater}\\n---\\n`));
    // Filling in the description in the form adds its line where it belongs.
    await form.getByLabel('Description').fill('How to charge the forklifts safely.');
    expect(await sourceText(page)).toMatch(/^---\ntitle: "Forklift charging"\ndescription: How to charge the forklifts safely\.\ntags: \[\]\n/);
    expect(errors).toEqual([]);
  });

  it('is a Hebrew form on a Hebrew page, fits a phone, and has no serious accessibility violations', async () => {
    const { page } = await openPage(browser, { viewport: { width: 375, height: 800 } });
    await page.goto(`${site}/edit/hr/sick-leave-israel/`);
    await editorReady(page);
    const form = page.getByRole('group', { name: 'מאפייני הדף' });
    // Folded on a phone, so the source is on the first screen; opened with one tap.
    expect(await form.locator('.properties-grid').isVisible()).toBe(false);
    await form.getByText('מאפייני הדף').click();
    expect(await form.getByLabel('כותרת הדף').inputValue()).not.toBe('');
    expect(await form.getByLabel('שפה').inputValue()).toBe('he');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    expect(await seriousViolations(page)).toEqual([]);
  });
});
