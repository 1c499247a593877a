/**
 * The reader widgets in a real browser, on the wiki's own pages (a page, its history, /health/,
 * /reading/), against the built server in `header` sign-in mode, the
 * sign-in proxy played by the browser's extra headers: feedback, knowledge gaps, required reading
 * acknowledged, reported, and asked again after a new revision is committed and the wiki rebuilt;
 * and a static-only copy of the site, where the widgets quietly stay away.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { serveStatic } from '../../scripts/lib/static-server.ts';
import { launchBrowser, openPage } from '../support/browser.ts';
import { buildSite } from '../support/build-site.ts';
import { serveBuild, type ServedBuild } from '../support/serve-build.ts';
import { startWiki } from '../support/wiki-server.ts';

const serverEnv = { PINKAS_IDENTITY: 'header', PINKAS_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'pinkas-signals-')) };
const wiki = await startWiki({ serverEnv });
let site = wiki.url;
let rebuilt: ServedBuild | undefined;
const browser = await launchBrowser();
afterAll(async () => {
  await browser.close();
  // After the rebuild, the first server is already stopped.
  await (rebuilt ?? wiki).stop();
});

const dana = { 'X-Forwarded-Email': 'dana@galil.example', 'X-Forwarded-User': 'Dana Levi', 'X-Forwarded-Groups': 'lab-staff,haifa' };
const noa = { 'X-Forwarded-Email': 'noa@galil.example', 'X-Forwarded-User': 'Noa Shapiro', 'X-Forwarded-Groups': 'hr' };
const as = (headers: Record<string, string>) => openPage(browser, { extraHTTPHeaders: headers });

describe('without the service (a static-only copy of the site)', () => {
  it('shows no widget, raises no script error, logs nothing, and never calls /api/', async () => {
    const server = await serveStatic(wiki.clientDir);
    try {
      const { page, errors } = await as(dana);
      const probes: string[] = [];
      const consoleErrors: string[] = [];
      page.on('console', (m) => (m.type() === 'error' ? consoleErrors.push(m.text()) : undefined));
      page.on('request', (r) => (/^\/(api\/|service\.json)/.test(new URL(r.url()).pathname) ? probes.push(new URL(r.url()).pathname) : undefined));
      await page.goto(`${server.url}/safety/lab-safety/`, { waitUntil: 'networkidle' });
      expect(await page.locator('h1').textContent()).toBe('Lab safety rules');
      for (const widget of ['.feedback-widget', '.ack-widget', '.feedback-summary']) expect(await page.locator(widget).isVisible()).toBe(false);
      await page.goto(`${server.url}/reading/`, { waitUntil: 'networkidle' });
      await expect.poll(() => page.locator('.reading-status').textContent()).toBe('Required reading needs the wiki’s service, which this site does not have.');
      await page.goto(`${server.url}/health/`, { waitUntil: 'networkidle' });
      expect(await page.locator('.search-gaps').isVisible()).toBe(false);
      // service.json is a static file saying there is no service: asked once, then remembered.
      expect(probes).toEqual(['/service.json']);
      expect(errors).toEqual([]);
      expect(consoleErrors).toEqual([]);
    } finally {
      await server.close();
    }
  });
});

describe('was this page helpful?', () => {
  it('sends "no" with a comment, offers to turn it into a proposal, and shows the owners the share and the comment', async () => {
    const { page } = await as(noa);
    await page.goto(`${site}/hr/sick-leave/`);
    const widget = page.locator('.feedback-widget');
    await widget.getByRole('button', { name: 'No' }).click();
    await widget.getByLabel('What was missing or wrong? (optional)').fill('Which form do I send when my child is sick?');
    await widget.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => widget.getByRole('status').textContent()).toBe('Thank you for your answer.');
    const propose = widget.getByRole('link', { name: 'Turn this comment into a proposed change' });
    expect(await propose.getAttribute('href')).toBe(`/edit/hr/sick-leave/?reason=${encodeURIComponent('Which form do I send when my child is sick?').replaceAll('%20', '+')}`);
    expect(await widget.getByRole('button', { name: 'Yes' }).isVisible()).toBe(false);

    const other = await as(dana);
    await other.page.goto(`${site}/hr/sick-leave/`);
    await other.page.locator('.feedback-widget').getByRole('button', { name: 'Yes' }).click();
    await expect.poll(() => other.page.locator('.feedback-widget [role="status"]').textContent()).toBe('Thank you for your answer.');

    // The page's owners see it on the page's history.
    await page.goto(`${site}/history/hr/sick-leave/`);
    const summary = page.locator('.feedback-summary');
    await expect.poll(() => summary.locator('.summary-share').textContent()).toBe('50% of 2 answers said the page helped.');
    expect(await summary.locator('.summary-comments q').textContent()).toBe('Which form do I send when my child is sick?');
    expect(await summary.getByRole('link', { name: 'Propose a change from this comment' }).getAttribute('href')).toMatch(/^\/edit\/hr\/sick-leave\/\?reason=Which\+form/);
  });
});

describe('what people looked for and did not find', () => {
  /** A reader searches in the header box, reads the (empty) answer, and leaves the page. */
  const searchInTheBox = async (query: string) => {
    const { page } = await as(noa);
    await page.goto(`${site}/`);
    await page.locator('#search-input').fill(query);
    await page.locator(`.search-popup[data-complete="true"][data-query="${query}"]`).waitFor();
    await page.waitForTimeout(1600); // read it: the query is settled on, not typed past
    await page.goto(`${site}/hr/`); // leaving the page sends it (a beacon)
  };

  it('shows a zero-result search made in the search box three times in the gaps panel, with "Create this page"', async () => {
    await searchInTheBox('Qwzx vbnkj');
    await searchInTheBox('qwzx  VBNKJ');
    const { page } = await as(noa);
    await page.goto(`${site}/health/`);
    await expect.poll(() => page.locator('.gaps-status').textContent()).toBe('No gaps: every search made at least 3 times found something people opened.');
    await searchInTheBox('qwzx vbnkj?');
    // The beacon is on its way as the reader leaves: reload until the panel has it (a reload takes
    // a while on a busy machine, so the poll gets more than its default second).
    await expect.poll(async () => {
      await page.reload();
      return page.locator('.gaps-table tbody tr').count();
    }, { timeout: 20_000, interval: 250 }).toBe(1);
    const row = page.locator('.gaps-table tbody tr');
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.locator('td').allTextContents()).toEqual(['qwzx vbnkj', '3', '3', '3', 'Create this page · Add as a synonym']);
    expect(await row.getByRole('link', { name: 'Create this page' }).getAttribute('href')).toBe('/new/?title=qwzx%20vbnkj');
    expect(await row.getByRole('link', { name: 'Add as a synonym' }).getAttribute('href')).toBe('#gaps-synonym-help');
    expect(await page.locator('#gaps-synonym-help').textContent()).toContain('content/_search/synonyms.yml');
  });
});

describe('required reading', () => {
  const lab = '/safety/lab-safety/';
  const fire = '/safety/fire-evacuation-haifa/';

  it('asks a member of the audience to acknowledge the current revision, records it, and lists it as read', async () => {
    const { page } = await as(dana);
    await page.goto(`${site}/reading/`);
    await expect.poll(() => page.locator('.reading-unread li').count()).toBe(2);
    await page.goto(`${site}${lab}`);
    const widget = page.locator('.ack-widget');
    await expect.poll(() => widget.locator('.ack-pending').textContent()).toBe('You are asked to read this page and confirm that you have (revision 1).');
    await widget.getByRole('button', { name: 'I have read and understood revision 1' }).click();
    await expect.poll(() => widget.locator('.ack-done').textContent()).toMatch(/^You acknowledged revision 1 on \d{1,2} \w+ \d{4}\.$/);
    expect(await widget.getByRole('button').count()).toBe(0);

    await page.goto(`${site}${fire}`);
    expect(await page.getAttribute('html', 'dir')).toBe('rtl');
    await page.locator('.ack-widget').getByRole('button', { name: 'קראתי והבנתי את גרסה 1' }).click();
    await expect.poll(() => page.locator('.ack-widget .ack-done').textContent()).toMatch(/^אישרת את גרסה 1 ב-/);

    await page.goto(`${site}/reading/`);
    await expect.poll(() => page.locator('.reading-read li').count()).toBe(2);
    expect(await page.locator('.reading-status').textContent()).toBe('You have read everything you are asked to.');
  });

  it('shows the widget only to the audience: not to someone outside it', async () => {
    const { page } = await as(noa);
    await page.goto(`${site}${lab}`, { waitUntil: 'networkidle' });
    expect(await page.locator('.ack-widget').isVisible()).toBe(false);
    await page.goto(`${site}${fire}`);
    await expect.poll(() => page.locator('.ack-widget').isVisible()).toBe(true);
  });

  it('reports who acknowledged and who is pending, as JSON and as CSV for auditors', async () => {
    const { page } = await as(noa);
    await page.goto(`${site}/health/`);
    const report = await page.evaluate(async () => (await fetch('/api/acknowledgements?path=/safety/lab-safety/')).json());
    expect(report).toEqual({ revision: 1, acknowledged: [{ email: 'dana@galil.example', name: 'Dana Levi', revision: 1, at: expect.any(String) }], pending: [] });
    const fireReport = await page.evaluate(async () => (await fetch('/api/acknowledgements?path=/safety/fire-evacuation-haifa/')).json());
    expect(fireReport).toMatchObject({ revision: 1, pending: [{ email: 'noa@galil.example', name: 'Noa Shapiro' }] });
    const csv = await page.evaluate(async () => (await fetch('/api/acknowledgements.csv?path=/safety/lab-safety/')).text());
    expect(csv.split('\r\n')[1]).toMatch(/^\/safety\/lab-safety\/,Lab safety rules,1,acknowledged,dana@galil\.example,Dana Levi,1,\d{4}-/);
  });

  it('after a new revision is committed and the wiki rebuilt, asks again — but not after a change marked minor', { timeout: 240_000 }, async () => {
    const edit = async (file: string, change: (text: string) => string, message: string) => {
      const full = path.join(wiki.repoDir, 'content', file);
      await writeFile(full, change(await readFile(full, 'utf8')));
      execFileSync('git', ['commit', '-q', '-am', message], { cwd: wiki.repoDir });
    };
    await edit('safety/lab-safety.mdx', (t) => t.replace('the spot.', 'the spot!'), 'Lab safety: a typo\n\nPinkas-Minor: yes');
    await edit('safety/fire-evacuation-haifa.mdx', (t) => `${t.trimEnd()}\n\nנקודת כינוס חדשה: החניה הצפונית.\n`, 'Fire evacuation: a new assembly point');
    const env = { PINKAS_CONTENT_DIR: path.join(wiki.repoDir, 'content'), PINKAS_TODAY: '2026-11-23' };
    const build = await buildSite({ env });
    expect(build.code, build.output).toBe(0);
    await wiki.stop();
    rebuilt = await serveBuild(build.serverEntry, { ...env, ...serverEnv });
    site = rebuilt.url;

    const { page } = await as(dana);
    await page.goto(`${site}${lab}`);
    expect(await page.locator('.page-revision').textContent()).toBe('Revision 2');
    await expect.poll(() => page.locator('.ack-widget .ack-done').textContent()).toMatch(/^You acknowledged revision 1 on /);
    await page.goto(`${site}${fire}`);
    await expect.poll(() => page.locator('.ack-widget .ack-pending').textContent()).toBe('התבקשת לקרוא את הדף הזה ולאשר שקראת אותו (גרסה 2).');
    await page.goto(`${site}/reading/`);
    await expect.poll(() => page.locator('.reading-unread li a').allTextContents()).toEqual(['נוהל פינוי בשריפה – מפעל חיפה']);
    const report = await page.evaluate(async () => (await fetch('/api/acknowledgements?path=/safety/fire-evacuation-haifa/')).json());
    expect(report).toMatchObject({ revision: 2, acknowledged: [], pending: expect.arrayContaining([{ email: 'dana@galil.example', name: 'Dana Levi' }]) });
  });
});
