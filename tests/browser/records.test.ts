/** Trust: document control on the page, history with diffs, the Atom feed, knowledge health, the binder. */
import AxeBuilder from '@axe-core/playwright';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, openPage } from '../support/browser.ts';

const site = inject('siteUrl');
const browser = await launchBrowser();
afterAll(() => browser.close());

describe('document control and history', () => {
  it('shows owner, revision and an overdue-review badge on a page', async () => {
    const { page } = await openPage(browser);
    await page.goto(`${site}/it-security/vpn/`);
    const meta = page.locator('.page-meta');
    expect(await meta.textContent()).toContain('@noa-shapiro');
    expect(await meta.locator('dt', { hasText: 'Revision' }).locator('xpath=following-sibling::dd').textContent()).toBe('1');
    expect(await meta.locator('dd .badge.review-overdue').textContent()).toBe('Review overdue');
    // Printed, the page carries its revision and the "uncontrolled" notice.
    await page.emulateMedia({ media: 'print' });
    const print = page.locator('.print-header');
    expect(await print.isVisible()).toBe(true);
    expect(await print.textContent()).toMatch(/Revision 1.*printed on/s);
    expect(await print.textContent()).toContain('Uncontrolled when printed');
    expect(await print.locator('[data-page-url]').textContent()).toBe(`${site}/it-security/vpn/`);
  });

  it('shows the history of a page with the change of each revision', async () => {
    const { page } = await openPage(browser);
    await page.goto(`${site}/hr/sick-leave/`);
    await page.locator('.page-meta a', { hasText: '2' }).click();
    await page.waitForURL(`${site}/history/hr/sick-leave/`);
    // The history page reads the page's revisions from its chunk after it has loaded.
    const revisions = page.locator('.revision');
    await expect.poll(() => revisions.count()).toBe(2);
    const latest = revisions.first();
    expect(await latest.locator('.revision-title').textContent()).toMatch(/Revision 2.*Yossi Cohen/s);
    expect(await latest.locator('.revision-summary').textContent()).toBe('Sick leave: where to ask questions');
    expect(await latest.locator('.diff-add .diff-text').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('Ask HR in #hr-questions on Slack.')]));
    // A changed line shows which words changed.
    expect(await latest.locator('.diff-remove del').textContent()).toBe('06');
    expect(await latest.locator('.diff-add ins').first().textContent()).toBe('09');
    expect(await new AxeBuilder({ page }).analyze().then((r) => r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id))).toEqual([]);
  });

  it('shows the history of a Hebrew page right to left, in Hebrew', async () => {
    const { page } = await openPage(browser);
    await page.goto(`${site}/history/hr/annual-leave-israel/`);
    // The history page opens in the site's language, reads the page's history and, for a Hebrew
    // page, goes on to its Hebrew twin.
    await page.waitForURL(`${site}/history/hr/annual-leave-israel/`);
    await page.locator('.revision').first().waitFor();
    expect(await page.getAttribute('html', 'dir')).toBe('rtl');
    expect(await page.getAttribute('html', 'lang')).toBe('he');
    expect(await page.locator('h1').textContent()).toBe('היסטוריה של „חופשה שנתית”');
    expect(await page.locator('.revision-number').last().textContent()).toBe('גרסה 1');
  });

  it('serves recent changes as valid Atom', async () => {
    const { page } = await openPage(browser);
    const response = await page.goto(`${site}/changes.xml`);
    // A static host types the file by its extension (.xml): XML either way, Atom by its namespace.
    expect(response!.headers()['content-type']).toMatch(/^application\/(atom\+)?xml/);
    const xml = await response!.text();
    const check = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'application/xml');
      const ns = 'http://www.w3.org/2005/Atom';
      const feed = doc.documentElement;
      const one = (el: Element, name: string) => el.getElementsByTagNameNS(ns, name).length;
      const entries = [...feed.getElementsByTagNameNS(ns, 'entry')];
      const isDate = (el: Element, name: string) => !Number.isNaN(Date.parse(el.getElementsByTagNameNS(ns, name)[0]?.textContent ?? ''));
      return {
        parseError: doc.getElementsByTagName('parsererror').length > 0,
        root: `${feed.namespaceURI} ${feed.localName}`,
        feedHas: ['id', 'title', 'updated', 'author'].every((n) => one(feed, n) >= 1) && isDate(feed, 'updated'),
        entries: entries.length,
        entriesHave: entries.every((e) => ['id', 'title', 'updated', 'link'].every((n) => one(e, n) >= 1) && isDate(e, 'updated')),
        ids: new Set(entries.map((e) => e.getElementsByTagNameNS(ns, 'id')[0]!.textContent)).size === entries.length,
        first: entries[0]?.getElementsByTagNameNS(ns, 'title')[0]?.textContent,
      };
    }, xml);
    expect(check).toEqual({ parseError: false, root: 'http://www.w3.org/2005/Atom feed', feedHas: true, entries: 2, entriesHave: true, ids: true, first: 'Sick leave: where to ask questions' });
  });
});

describe('knowledge health', () => {
  it('lists the overdue pages by owner and the wanted pages with links to create them', async () => {
    const { page } = await openPage(browser);
    await page.goto(`${site}/health/`);
    const overdue = page.locator('#health-overdue');
    expect(await overdue.textContent()).toContain('Connecting to the VPN');
    expect(await overdue.locator('h3').allTextContents()).toEqual(expect.arrayContaining(['@noa-shapiro']));
    const wanted = page.locator('#health-wanted li').first();
    expect(await wanted.locator('a.red-link').textContent()).toBe('Parking at the Boston office');
    expect(await wanted.textContent()).toContain('2 links');
    expect(await wanted.locator('a.red-link').getAttribute('href')).toBe('/new/?title=Parking%20at%20the%20Boston%20office');
    expect(await page.locator('svg.chart rect').count()).toBe(12);
    const json = await (await page.request.get(`${site}/health.json`)).json();
    expect(json.overdue.flatMap((g: { pages: { slug: string }[] }) => g.pages.map((p) => p.slug))).toContain('it-security/vpn');
    expect(json.wanted[0]).toMatchObject({ title: 'Parking at the Boston office', links: 2 });
  });
});

describe('the binder', () => {
  it('prints a whole section: cover, contents, and every page of the section with its revision block', async () => {
    const { page } = await openPage(browser);
    await page.goto(`${site}/finance/`);
    const navPages = await page.locator('.section-pages a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    await page.goto(`${site}/print/finance/`);
    const docs = await page.locator('.binder-doc').evaluateAll((els) => els.map((e) => e.id));
    expect(docs.slice(1).map((id) => `/${id.slice(4).replace(/--/g, '/')}/`).sort()).toEqual([...navPages].sort());
    expect(await page.locator('.binder-toc li').count()).toBe(navPages.length);
    expect(await page.locator('.binder-doc').first().locator('.revision-block dt').allTextContents()).toEqual(expect.arrayContaining(['Owner', 'Status', 'Revision']));
    // Each procedure's text is brought in from its page, the same as the page shows it (disclosures open).
    await page.locator('body[data-binder-ready]').waitFor({ state: 'attached' });
    expect(await page.locator('[data-binder-status]').textContent()).toBe('All documents are here: the binder is ready to print.');
    const first = `/${docs[1]!.slice(4).replace(/--/g, '/')}/`;
    const prose = await page.locator(`#${docs[1]} .prose`).textContent();
    const { page: original } = await openPage(browser);
    await original.goto(`${site}${first}`);
    expect(prose).toBe(await original.locator('article.page .prose').textContent());
    // Each procedure starts on a new page when printed.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.binder-doc').nth(1).evaluate((el) => getComputedStyle(el).breakBefore)).toBe('page');
  });

  it('prints a Hebrew section right to left', async () => {
    const { page } = await openPage(browser);
    await page.goto(`${site}/print/haifa-plant/`);
    expect(await page.getAttribute('html', 'dir')).toBe('rtl');
    expect(await page.locator('.binder-doc').count()).toBe(5);
    expect(await page.locator('.binder-toc h2').textContent()).toBe('תוכן העניינים');
  });
});
