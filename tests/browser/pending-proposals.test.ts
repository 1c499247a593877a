/**
 * Pending proposals are visible: a page with proposals waiting for review says so under its
 * title, and the editor warns the next contributor above the source before they start — in
 * English and in Hebrew. With the local backend there is no pull request page: each proposal's
 * summary and date are listed where the notice is; with the GitHub backend (the GitHub double,
 * checked against GitHub's OpenAPI description) each links to its pull request. A static-only
 * copy of the site shows nothing and asks nothing. The local proposals go to a clone of the
 * wiki's repository, served by a server of its own.
 */
import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startGitHubDouble, type GitHubDouble } from '../../scripts/lib/github-double/index.ts';
import { serveStatic } from '../../scripts/lib/static-server.ts';
import { launchBrowser, openPage } from '../support/browser.ts';
import { editorReady } from '../support/editor-page.ts';
import type { ServedBuild } from '../support/serve-build.ts';
import { cloneWiki, type WikiClone } from '../support/wiki-clone.ts';

const browser = await launchBrowser();
let clone: WikiClone;
let server: ServedBuild;
beforeAll(async () => {
  clone = await cloneWiki({ repoDir: inject('repoDir'), baseCommit: inject('baseCommit'), serverEntry: inject('serverEntry') });
  server = await clone.serve();
});
afterAll(async () => {
  await browser.close();
  await clone?.remove();
});

/** Someone proposes a change to `file` through `to` (as the server's dev user), on `baseCommit`. */
async function proposeOn(to: ServedBuild, baseCommit: string, file: string, change: (text: string) => string, summary: string): Promise<{ id: string; url: string }> {
  const response = await fetch(`${to.url}/api/proposals`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ path: file, baseCommit, content: change(clone.git('show', `HEAD:${file}`)), summary }),
  });
  expect(response.status).toBe(201);
  return (await response.json()) as { id: string; url: string };
}

const propose = async (file: string, change: (text: string) => string, summary: string) => (await proposeOn(server, inject('baseCommit'), file, change, summary)).id;

const notice = (page: Page) => page.locator('.pending-notice');
const warning = (page: Page) => page.locator('[data-ed="pending"]');

describe('a page with proposals waiting for review', () => {
  beforeAll(async () => {
    await propose('content/hr/sick-leave.mdx', (t) => t.replace('before 09:30', 'before 09:00'), 'Report sickness by 09:00');
    await propose('content/hr/sick-leave.mdx', (t) => t.replace('by phone or Slack direct message', 'by phone'), 'Report by phone only');
    await propose('content/hr/sick-leave-israel.mdx', (t) => `${t.trimEnd()}\n\nשאלות: משאבי אנוש.\n`, 'הוספת איש קשר לשאלות');
  });

  it('says how many under its title, and lists each one’s summary and date, newest first', async () => {
    const { page } = await openPage(browser);
    await page.goto(`${server.url}/hr/sick-leave/`);
    await expect.poll(() => notice(page).isVisible()).toBe(true);
    expect(await notice(page).locator('summary').textContent()).toBe('2 proposed changes waiting for review');
    // Under the title, above the page's text.
    const [box, prose] = [await notice(page).boundingBox(), await page.locator('.prose').boundingBox()];
    expect(box!.y).toBeLessThan(prose!.y);
    await notice(page).locator('summary').click();
    const items = notice(page).locator('li');
    expect(await items.allTextContents()).toEqual([expect.stringMatching(/^Report by phone only · proposed \d{1,2} \w+ \d{4}$/), expect.stringMatching(/^Report sickness by 09:00 · proposed /)]);
    expect(await items.first().locator('time').getAttribute('datetime')).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    // The local backend has no page to review a proposal on: nothing to follow, nobody named.
    expect(await notice(page).locator('a').count()).toBe(0);
    expect(await notice(page).textContent()).not.toContain('Test Contributor');
    const axe = await new AxeBuilder({ page }).include('.pending-notice').analyze();
    expect(axe.violations.map((v) => `${v.id} (${v.impact})`)).toEqual([]);
  });

  it('says it in Hebrew on a Hebrew page, with Hebrew plurals', async () => {
    const { page } = await openPage(browser);
    await page.goto(`${server.url}/hr/sick-leave-israel/`);
    await expect.poll(() => notice(page).locator('summary').textContent()).toBe('שינוי מוצע אחד ממתין לבדיקה');
    await propose('content/hr/sick-leave-israel.mdx', (t) => t.replace('חוק דמי מחלה', 'חוק דמי מחלה, התשל״ו–1976'), 'שם החוק המלא');
    await page.reload();
    await expect.poll(() => notice(page).locator('summary').textContent()).toBe('שני שינויים מוצעים ממתינים לבדיקה');
    await notice(page).locator('summary').click();
    expect(await notice(page).locator('li').first().textContent()).toMatch(/^שם החוק המלא · הוצע ב-\d{1,2} ב?[א-ת]+ \d{4}$/);
  });

  it('says nothing on a page without any', async () => {
    const { page } = await openPage(browser);
    const answered = page.waitForResponse((r) => r.url().includes('/api/proposals/pending'));
    await page.goto(`${server.url}/hr/benefits/`);
    expect(await (await answered).json()).toEqual({ path: 'content/hr/benefits.md', proposals: [] });
    expect(await notice(page).isVisible()).toBe(false);
  });

  it('warns the next contributor above the source when the editor opens', async () => {
    const { page } = await openPage(browser);
    await page.goto(`${server.url}/edit/hr/sick-leave/`);
    await editorReady(page);
    await expect.poll(() => warning(page).isVisible()).toBe(true);
    expect(await warning(page).locator('p').allTextContents()).toEqual(['2 proposed changes to this page are waiting for review:', 'Your change may conflict with them.']);
    expect(await warning(page).locator('li bdi').allTextContents()).toEqual(['Report by phone only', 'Report sickness by 09:00']);
    const [box, sourceBox] = [await warning(page).boundingBox(), await page.locator('.editor-cm').boundingBox()];
    expect(box!.y + box!.height).toBeLessThanOrEqual(sourceBox!.y);
  });

  it('warns in Hebrew in a Hebrew page’s editor', async () => {
    const { page } = await openPage(browser);
    await page.goto(`${server.url}/edit/hr/sick-leave-israel/`);
    await editorReady(page);
    await expect.poll(() => warning(page).isVisible()).toBe(true);
    expect(await warning(page).locator('p').allTextContents()).toEqual(['שני שינויים מוצעים לדף הזה ממתינים לבדיקה:', 'השינוי שלך עלול להתנגש בהם.']);
    expect(await warning(page).locator('li bdi').allTextContents()).toEqual(['שם החוק המלא', 'הוספת איש קשר לשאלות']);
  });

  it('says nothing and asks nothing on a static-only copy of the site', async () => {
    const statics = await serveStatic(inject('clientDir'));
    try {
      const { page } = await openPage(browser);
      const asked: string[] = [];
      page.on('request', (r) => (/^\/(api\/|service\.json)/.test(new URL(r.url()).pathname) ? asked.push(new URL(r.url()).pathname) : undefined));
      await page.goto(`${statics.url}/hr/sick-leave/`, { waitUntil: 'networkidle' });
      expect(await notice(page).isVisible()).toBe(false);
      expect(asked).toEqual(['/service.json']);
    } finally {
      await statics.close();
    }
  });
});

describe('with the GitHub backend', () => {
  const token = 'ghp_pinkas_service';
  let gh: GitHubDouble;
  let github: ServedBuild;
  let proposal: { id: string; url: string };
  beforeAll(async () => {
    // The double's repository holds the wiki's pages as the build has them.
    const files = Object.fromEntries(await Promise.all(clone.git('ls-files', 'content').split('\n').map(async (f) => [f, await readFile(path.join(clone.dir, f))] as const)));
    gh = await startGitHubDouble({ owner: 'galil', repo: 'wiki', files, users: { [token]: { login: 'pinkas-service', name: 'Pinkas', email: 'pinkas@galil.example' } }, collaborators: ['pinkas-service'] });
    github = await clone.serve({ PINKAS_BACKEND: 'github', PINKAS_GITHUB_API_URL: gh.url, PINKAS_GITHUB_REPO: 'galil/wiki', PINKAS_GITHUB_TOKEN: token, PINKAS_GITHUB_WRITE_INTERVAL_MS: '0' });
    proposal = await proposeOn(github, gh.refs()['refs/heads/main']!, 'content/finance/per-diem.md', (t) => `${t.trimEnd()}\n\nKeep the receipts for seven years.\n`, 'Keep receipts for seven years');
  });
  afterAll(async () => {
    const violations = gh?.violations ?? [];
    await gh?.close();
    expect(violations).toEqual([]);
  });

  it('links each proposal on the page to its pull request', async () => {
    const { page } = await openPage(browser);
    await page.goto(`${github.url}/finance/per-diem/`);
    await expect.poll(() => notice(page).locator('summary').textContent()).toBe('1 proposed change waiting for review');
    await notice(page).locator('summary').click();
    const link = notice(page).getByRole('link', { name: 'Keep receipts for seven years' });
    expect(await link.getAttribute('href')).toBe(proposal.url);
    expect(proposal.url).toMatch(/\/galil\/wiki\/pull\/\d+$/);
  });

  it('links it from the editor’s warning too', async () => {
    const { page } = await openPage(browser);
    await page.goto(`${github.url}/edit/finance/per-diem/`);
    await editorReady(page);
    await expect.poll(() => warning(page).isVisible()).toBe(true);
    expect(await warning(page).locator('p').first().textContent()).toBe('1 proposed change to this page is waiting for review:');
    expect(await warning(page).getByRole('link', { name: 'Keep receipts for seven years' }).getAttribute('href')).toBe(proposal.url);
  });
});
