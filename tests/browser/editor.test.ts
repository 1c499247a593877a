/**
 * Proposing changes as a contributor would: from a page to its editor, typing in CodeMirror,
 * watching the preview, reviewing the diff and submitting; a new page from a template; a draft
 * that survives a reload; an unsafe edit refused at its line; a conflict with a newer change on
 * `main` resolved side by side. Each test uses its own page: they share one server and repository.
 */
import AxeBuilder from '@axe-core/playwright';
import { execFileSync } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, openPage } from '../support/browser.ts';

const site = inject('siteUrl');
const repoDir = inject('repoDir');
const browser = await launchBrowser();
afterAll(() => browser.close());

/** git in the wiki's repository; `raw` keeps the output as it is (file contents). */
function git(args: string[], options: { raw?: boolean; input?: string; env?: Record<string, string> } = {}): string {
  const out = execFileSync('git', args, { cwd: repoDir, encoding: 'utf8', input: options.input, env: { ...process.env, ...options.env }, stdio: ['pipe', 'pipe', 'pipe'] });
  return options.raw ? out : out.trim();
}

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
}

const source = (page: Page) => page.locator('.editor-cm .cm-content');
const sourceText = (page: Page) => source(page).evaluate((el) => [...el.querySelectorAll('.cm-line')].map((l) => l.textContent).join('\n'));
const preview = (page: Page) => page.getByRole('region', { name: 'Preview of the page' });

/** Waits until the editor is ready: CodeMirror is up and the first preview is in. */
async function editorReady(page: Page) {
  await source(page).waitFor();
  await expect.poll(() => page.locator('[data-ed="preview-title"]').textContent(), { timeout: 20_000 }).not.toBe('');
}

/**
 * The line of an editor (CodeMirror draws only the lines in view) that contains `text`, scrolling
 * down with the mouse wheel as a reader would until it is drawn.
 */
async function lineWith(page: Page, editor: Locator, text: string | RegExp): Promise<Locator> {
  const line = editor.locator('.cm-line', { hasText: text }).first();
  await editor.hover();
  for (let i = 0; i < 60 && (await line.count()) === 0; i++) await page.mouse.wheel(0, 250);
  await line.scrollIntoViewIfNeeded();
  return line;
}

/** Clicks into the source and types at its very end (after the last line break). */
async function typeAtEnd(page: Page, text: string) {
  await source(page).click();
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Enter');
  await page.keyboard.type(text);
}

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
    await page.getByRole('link', { name: 'My proposals' }).click();
    await page.waitForURL(`${site}/proposals/`);
    await page.goto(`${site}${proposalLink}`);
    const entry = page.locator('.proposal[aria-current="true"]');
    await entry.waitFor();
    expect(await entry.getAttribute('id')).toBe(proposalLink!.split('#')[1]);
    expect(await entry.textContent()).toContain('Open');
    expect(await entry.textContent()).toContain('Say what to do when nothing else helps');
    expect(errors).toEqual([]);
  });

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
    // The template's empty fields are problems to fix, each at its line.
    const problems = page.locator('[data-ed="problems"] li');
    await expect.poll(() => problems.allTextContents()).toEqual([
      'Line 3: description: expected a one-sentence description, got an empty value',
      'Line 6: effective: expected a date as YYYY-MM-DD, got ""',
      'Line 7: review_by: expected a date as YYYY-MM-DD, got ""',
    ]);
    for (const [field, value] of [['description', 'How to charge the forklifts safely.'], ['effective', '2026-12-01'], ['review_by', '2027-12-01']]) {
      await (await lineWith(page, source(page), `${field}: ""`)).click();
      await page.keyboard.press('End');
      await page.keyboard.press('Backspace');
      await page.keyboard.press('Backspace');
      await page.keyboard.type(value!);
    }
    await expect.poll(() => page.locator('[data-ed="problems-status"]').textContent()).toBe('No problems found.');

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
    await expect.poll(() => message.textContent()).toMatch(/^אין גישה לשירות ההצעות \(.+\)\. הטיוטה שלך נשמרה\. ניסיון נוסף$/);
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('pinkas-draft:content/safety/accident-reporting.mdx@')).length)).toBe(1);
    await message.getByRole('button', { name: 'ניסיון נוסף' }).click();
    await expect.poll(() => message.textContent()).toBe('לא ניתן היה לשמור את ההצעה: The proposal service is not available: maintenance. הטיוטה שלך נשמרה. ניסיון נוסף');
    await message.getByRole('button', { name: 'ניסיון נוסף' }).click();
    await page.getByRole('region', { name: 'ההצעה שלך נשלחה' }).waitFor();
    expect(keys).toHaveLength(3);
    expect(new Set(keys).size).toBe(1);
    expect(keys[0]).toMatch(/^[A-Za-z0-9._:-]{8,128}$/);
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('pinkas-draft:')).length)).toBe(0);
    expect(errors).toEqual([]);
  });

  it('shows unsafe content at its line and refuses to submit it', async () => {
    const { page, errors } = await openPage(browser);
    const posts: string[] = [];
    page.on('request', (r) => r.method() === 'POST' && posts.push(r.url()));
    await page.goto(`${site}/edit/finance/corporate-card/`);
    await editorReady(page);
    const lines = (await readFile(path.join(repoDir, 'content/finance/corporate-card.mdx'), 'utf8')).split('\n').length;
    await typeAtEnd(page, '<script>alert(document.cookie)</script>');
    const problems = page.locator('[data-ed="problems"] li');
    await expect.poll(() => problems.allTextContents()).toEqual([`Line ${lines + 1}: <script> is not allowed in wiki pages and was removed`]);
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

  it('resolves a conflict with a newer change on main side by side, and submits the resolution', async () => {
    const { page, errors } = await openPage(browser);
    const file = 'content/customer-service/sla.md';
    await page.goto(`${site}/edit/customer-service/sla/`);
    await editorReady(page);

    // Meanwhile someone changes the same line on main (without touching the working tree).
    const before = git(['rev-parse', 'main']);
    const theirs = git(['show', `main:${file}`], { raw: true }).replace('\n## Targets\n', '\n## Response targets\n');
    const blob = git(['hash-object', '-w', '--stdin'], { input: theirs });
    const index = path.join(tmpdir(), `pinkas-index-${process.pid}-${Date.now()}`);
    git(['read-tree', 'main'], { env: { GIT_INDEX_FILE: index } });
    git(['update-index', '--cacheinfo', `100644,${blob},${file}`], { env: { GIT_INDEX_FILE: index } });
    const tree = git(['write-tree'], { env: { GIT_INDEX_FILE: index } });
    await rm(index, { force: true });
    const who = { GIT_AUTHOR_NAME: 'Tom Becker', GIT_AUTHOR_EMAIL: 'tom@galil.example', GIT_COMMITTER_NAME: 'Tom Becker', GIT_COMMITTER_EMAIL: 'tom@galil.example' };
    const head = git(['commit-tree', tree, '-p', before, '-m', 'SLA: response targets'], { env: who });
    git(['update-ref', 'refs/heads/main', head, before]);

    await (await lineWith(page, source(page), /^## Targets$/)).click();
    await page.keyboard.press('End');
    await page.keyboard.type(' and clocks');
    await page.getByLabel('Summary of your change').fill('Targets: mention the clock');
    await page.getByRole('button', { name: 'Review changes' }).click();
    await page.getByRole('button', { name: 'Submit proposal' }).click();

    const conflict = page.getByRole('region', { name: 'Someone else changed the same part of this page' });
    await conflict.waitFor();
    const current = conflict.getByRole('textbox', { name: 'Current version on the wiki' });
    const mine = conflict.getByRole('textbox', { name: 'Your version (edit it)' });
    expect(await current.textContent()).toContain('## Response targets');
    expect(await mine.textContent()).toContain('## Targets and clocks');
    // Take both: edit my side of the conflicting line.
    await (await lineWith(page, mine, '## Targets and clocks')).click();
    await page.keyboard.press('End');
    await page.keyboard.press('Shift+Home');
    await page.keyboard.type('## Response targets and clocks');
    await conflict.getByRole('button', { name: 'Submit the resolved version' }).click();

    await page.getByRole('region', { name: 'Your proposal has been submitted' }).waitFor();
    const branch = (await page.locator('[data-ed="success-branch"]').textContent())!;
    expect(git(['rev-parse', `${branch}~1`])).toBe(head);
    expect(git(['diff', '--name-only', `${branch}~1`, branch])).toBe(file);
    const resolved = git(['show', `${branch}:${file}`], { raw: true });
    expect(resolved).toBe(theirs.replace('\n## Response targets\n', '\n## Response targets and clocks\n'));
    expect(errors).toEqual([]);
    // Put main back, so that the repository's HEAD matches its working tree again for other tests.
    git(['update-ref', 'refs/heads/main', before, head]);
  });
});

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
