/**
 * Proposing changes as a contributor would: from a page to its editor, typing in CodeMirror,
 * watching the preview, reviewing the diff and submitting; formatting with the toolbar; a new page
 * from a template. Each test uses its own page: the editor's tests share one server and repository.
 */
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, openPage } from '../support/browser.ts';
import { editorReady, git, lineWith, preview, source, sourceText, typeAtEnd } from '../support/editor-page.ts';

const site = inject('siteUrl');
const repoDir = inject('repoDir');
const browser = await launchBrowser();
afterAll(() => browser.close());

describe('proposing a change to a page', () => {
  it('goes from the page to its editor, previews, reviews the diff and submits one commit on its own branch', async () => {
    const { page, errors } = await openPage(browser);
    const file = 'content/it-security/vpn.mdx';
    const onDisk = await readFile(path.join(repoDir, file), 'utf8');
    await page.goto(`${site}/it-security/vpn/`);
    await page.getByRole('link', { name: 'Edit this page' }).click();
    await page.waitForURL(`${site}/edit/it-security/vpn/`);
    await editorReady(page);
    expect(await page.locator('h1').first().textContent()).toBe('Edit “Connecting to the VPN”');
    await expect.poll(() => page.locator('[data-ed="session"]').textContent()).toBe('Signed in as Test Contributor <contributor@galil.example>.');
    expect(await preview(page).locator('h2').first().textContent()).toBe('When you need it');

    await typeAtEnd(page, 'If nothing helps, book a session with the IT desk in [[Passwords and MFA]].');
    // The preview follows, with the wikilink resolved as on the site.
    const link = preview(page).getByRole('link', { name: 'Passwords and MFA' }).last();
    await expect.poll(() => link.getAttribute('href')).toBe('/it-security/passwords-and-mfa/');
    expect(await preview(page).textContent()).toContain('If nothing helps, book a session with the IT desk');
    await expect.poll(() => page.locator('[data-ed="problems-status"]').textContent()).toBe('No problems found.');

    await page.getByLabel('Summary of your change').fill('Say what to do when nothing else helps');
    await page.getByRole('button', { name: 'Review changes' }).click();
    const review = page.getByRole('region', { name: 'Review your changes' });
    await review.waitFor();
    const added = review.locator('.review-add');
    expect(await added.count()).toBe(2);
    expect(await added.last().textContent()).toContain('+added: If nothing helps, book a session with the IT desk in [[Passwords and MFA]].');
    expect(await review.textContent()).toContain('Lines added: 2, removed: 0');

    await page.getByRole('button', { name: 'Submit proposal' }).click();
    const success = page.getByRole('region', { name: 'Your proposal has been submitted' });
    await success.waitFor();
    const proposalLink = await page.getByRole('link', { name: 'See your proposal' }).getAttribute('href');
    expect(proposalLink).toMatch(/^\/proposals\/#[0-9a-f]{12}$/);
    const branch = (await page.locator('[data-ed="success-branch"]').textContent())!;
    expect(branch).toMatch(/^pinkas\/it-security-vpn-[0-9a-f]{12}$/);
    expect(await success.textContent()).toContain('@noa-shapiro');

    // The repository: one commit by the contributor on the branch, changing exactly that file.
    expect(git(['rev-list', '--count', `main..${branch}`])).toBe('1');
    expect(git(['log', '-1', '--format=%an <%ae>', branch])).toBe('Test Contributor <contributor@galil.example>');
    expect(git(['diff', '--name-only', `${branch}~1`, branch])).toBe(file);
    expect(git(['show', `${branch}:${file}`], { raw: true })).toBe(`${onDisk}\nIf nothing helps, book a session with the IT desk in [[Passwords and MFA]].`);
    // … and nothing else: the working tree is untouched.
    expect(git(['status', '--porcelain'])).toBe('');
    expect(await readFile(path.join(repoDir, file), 'utf8')).toBe(onDisk);
    // The draft is gone: the proposal has it now.
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('pinkas-draft:')))).toEqual([]);

    // "My proposals" lists it, highlighted.
    await page.locator('#main').getByRole('link', { name: 'My proposals' }).click();
    await page.waitForURL(`${site}/proposals/`);
    await page.goto(`${site}${proposalLink}`);
    const entry = page.locator('.proposal[aria-current="true"]');
    await entry.waitFor();
    expect(await entry.getAttribute('id')).toBe(proposalLink!.split('#')[1]);
    expect(await entry.textContent()).toContain('Open');
    expect(await entry.textContent()).toContain('Say what to do when nothing else helps');
    expect(errors).toEqual([]);
  });

});

describe('writing in the editor', () => {
  it('formats with the toolbar and its shortcuts, and links a page found with the page picker', async () => {
    const { page, errors } = await openPage(browser);
    await page.goto(`${site}/edit/wiki-help/owning-and-reviewing-pages/`);
    await editorReady(page);
    await typeAtEnd(page, 'Ask early');
    // Ctrl+B makes the selected words bold.
    await page.keyboard.press('Shift+Home');
    await page.keyboard.press('Control+b');
    await expect.poll(() => sourceText(page)).toMatch(/\n\*\*Ask early\*\*$/);
    await expect.poll(() => preview(page).locator('strong', { hasText: 'Ask early' }).count()).toBe(1);
    // The toolbar is one tab stop; the arrow keys move along it.
    await page.keyboard.press('End');
    await page.keyboard.type(' and see ');
    const toolbar = page.getByRole('toolbar', { name: 'Formatting' });
    await toolbar.getByRole('button', { name: 'Heading', exact: true }).focus();
    for (let i = 0; i < 7; i++) await page.keyboard.press('ArrowRight');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toContain('Link to a wiki page');
    await page.keyboard.press('Enter');
    const picker = page.getByRole('dialog', { name: 'Link to a wiki page' });
    await picker.waitFor();
    await page.keyboard.type('annual leave isr');
    await page.keyboard.press('Enter');
    await picker.waitFor({ state: 'hidden' });
    await expect.poll(() => sourceText(page)).toMatch(/\*\*Ask early\*\* and see \[\[חופשה שנתית\]\]$/);
    await expect.poll(() => preview(page).getByRole('link', { name: 'חופשה שנתית' }).getAttribute('href')).toBe('/hr/annual-leave-israel/');
    // A link to a page that does not exist is red, as on the site.
    await page.keyboard.type(' or [[Reviewing in pairs]]');
    await expect.poll(() => preview(page).locator('a.red-link', { hasText: 'Reviewing in pairs' }).getAttribute('href')).toBe('/new/?title=Reviewing%20in%20pairs');
    // A pasted screenshot becomes an image beside the page, linked from where the cursor is.
    await page.keyboard.type('. ');
    await source(page).evaluate((el) => {
      const bytes = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='), (c) => c.charCodeAt(0));
      const data = new DataTransfer();
      data.items.add(new File([bytes], 'image.png', { type: 'image/png' }));
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    });
    await expect.poll(() => sourceText(page)).toMatch(/\[\[Reviewing in pairs\]\]\. !\[Describe the image\]\(\.\/images\/image\.png\)$/);
    await expect.poll(() => preview(page).locator('img[alt="Describe the image"]').getAttribute('src')).toMatch(/^blob:/);
    expect(errors).toEqual([]);
  });

});

describe('proposing a new page', () => {
  it('makes a new page from a template, with an image, and refuses a page that already exists', async () => {
    const { page, errors } = await openPage(browser);
    await page.goto(`${site}/new/?title=${encodeURIComponent('Forklift charging')}`);
    expect(await page.getByLabel('Title', { exact: true }).inputValue()).toBe('Forklift charging');
    await page.getByLabel('Section').selectOption('safety');
    expect(await page.getByLabel('File name').inputValue()).toBe('forklift-charging');
    await page.getByRole('radio', { name: /^How-to/ }).check();
    expect(await page.locator('[data-new-address]').textContent()).toBe('The page will be content/safety/forklift-charging.mdx, at /safety/forklift-charging/.');

    // A page that exists already is refused, with a way to edit it instead.
    await page.getByLabel('File name').fill('lab-safety');
    await page.getByRole('button', { name: 'Open the editor' }).click();
    const refusal = page.locator('[data-new-message]');
    await expect.poll(() => refusal.textContent()).toContain('A page already exists at /safety/lab-safety/.');
    expect(await refusal.getByRole('link', { name: 'Edit that page instead' }).getAttribute('href')).toBe('/edit/safety/lab-safety/');

    await page.getByLabel('File name').fill('forklift-charging');
    await page.getByRole('button', { name: 'Open the editor' }).click();
    await editorReady(page);
    expect(await page.locator('h1').first().textContent()).toBe('New page “Forklift charging”');
    const text = await sourceText(page);
    expect(text).toContain('title: "Forklift charging"');
    expect(text).not.toContain('template:');
    expect(await preview(page).locator('h1').textContent()).toBe('Forklift charging');
    // The template's empty placeholders are gone and its dates filled in: nothing to fix yet.
    await expect.poll(() => page.locator('[data-ed="problems-status"]').textContent()).toBe('No problems found.');
    expect(text).not.toMatch(/: ""$/m);
    await page.getByRole('group', { name: 'Page properties' }).getByLabel('Description').fill('How to charge the forklifts safely.');

    // An image, picked from the toolbar: stored beside the page, shown in the preview.
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
    await (await lineWith(page, source(page), '## Steps')).click();
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Image', exact: true }).click()]);
    await chooser.setFiles({ name: 'Forklift Charger.PNG', mimeType: 'image/png', buffer: png });
    await expect.poll(() => sourceText(page)).toContain('<Figure src="./images/forklift-charger.png" alt="Describe the image" />');
    await page.keyboard.type('The charging bay');
    await expect.poll(() => preview(page).locator('img[alt="The charging bay"]').getAttribute('src')).toMatch(/^blob:/);
    expect(await page.getByRole('region', { name: 'Images in this proposal' }).textContent()).toContain('./images/forklift-charger.png');

    await page.getByLabel('Summary of your change').fill('Add a how-to for charging forklifts');
    await page.getByRole('button', { name: 'Review changes' }).click();
    await page.getByRole('button', { name: 'Submit proposal' }).click();
    await page.getByRole('region', { name: 'Your proposal has been submitted' }).waitFor();
    const branch = (await page.locator('[data-ed="success-branch"]').textContent())!;
    expect(git(['diff', '--name-only', `${branch}~1`, branch]).split('\n').sort()).toEqual(['content/safety/forklift-charging.mdx', 'content/safety/images/forklift-charger.png']);
    const page1 = git(['show', `${branch}:content/safety/forklift-charging.mdx`], { raw: true });
    expect(page1).toMatch(/^---\ntitle: "Forklift charging"\ndescription: How to charge the forklifts safely\.\n/);
    expect(page1).toContain('<Figure src="./images/forklift-charger.png" alt="The charging bay" />');
    expect(Buffer.from(execFileSync('git', ['show', `${branch}:content/safety/images/forklift-charger.png`], { cwd: repoDir })).equals(png)).toBe(true);
    expect(git(['status', '--porcelain'])).toBe('');
    expect(errors).toEqual([]);
  });

});
