/** The reader reaches every part of the wiki, and can follow a page or a section in a feed reader. */
import { afterAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, openPage } from '../support/browser.ts';

const site = inject('siteUrl');
const browser = await launchBrowser();
afterAll(() => browser.close());
const phone = { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true };
const tools = ['/changes/', '/health/', '/contributors/', '/proposals/', '/new/'];

/** What a feed says, parsed as Atom by the browser. */
async function readFeed(page: import('playwright-core').Page, url: string) {
  const response = await page.request.get(url);
  const xml = await response.text();
  const feed = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'application/xml');
    const ns = 'http://www.w3.org/2005/Atom';
    const root = doc.documentElement;
    const first = (el: Element, name: string) => el.getElementsByTagNameNS(ns, name)[0]?.textContent ?? undefined;
    return {
      valid: doc.getElementsByTagName('parsererror').length === 0 && root.namespaceURI === ns && root.localName === 'feed',
      lang: root.getAttribute('xml:lang'),
      title: first(root, 'title'),
      entries: [...root.getElementsByTagNameNS(ns, 'entry')].map((e) => ({ title: first(e, 'title'), link: e.getElementsByTagNameNS(ns, 'link')[0]?.getAttribute('href') })),
    };
  }, xml);
  return { status: response.status(), type: response.headers()['content-type'], ...feed };
}

describe('everything is reachable', () => {
  it('links recent changes, health, contributors, proposals and a new page from every page, in its footer and beside the navigation', async () => {
    const { page } = await openPage(browser);
    await page.goto(`${site}/hr/annual-leave/`);
    const footer = page.getByRole('navigation', { name: 'Wiki tools' });
    expect(await footer.getByRole('link').evaluateAll((links) => links.map((a) => a.getAttribute('href')))).toEqual(tools);
    expect(await page.locator('#site-nav .nav-tools a').evaluateAll((links) => links.map((a) => a.getAttribute('href')))).toEqual(tools);
    await footer.getByRole('link', { name: 'Knowledge health' }).click();
    await page.waitForURL(`${site}/health/`);
    expect(await page.getByRole('navigation', { name: 'Wiki tools' }).getByRole('link', { name: 'Knowledge health' }).getAttribute('aria-current')).toBe('page');
    // Pages without the navigation tree (the editor's) keep the footer.
    await page.goto(`${site}/proposals/`);
    expect(await page.getByRole('navigation', { name: 'Wiki tools' }).getByRole('link', { name: 'Recent changes' }).isVisible()).toBe(true);
  });

  it('opens the same links from the menu on a 375 px phone, in Hebrew on a Hebrew page', async () => {
    const { page } = await openPage(browser, phone);
    await page.goto(`${site}/hr/annual-leave-israel/`);
    await page.getByRole('button', { name: 'תפריט' }).tap();
    const menuTools = page.locator('#site-nav .nav-tools');
    expect(await menuTools.isVisible()).toBe(true);
    expect(await menuTools.getByRole('link').allTextContents()).toEqual(['שינויים אחרונים', 'בריאות הידע', 'תורמים', 'ההצעות שלי', 'דף חדש']);
    await menuTools.getByRole('link', { name: 'שינויים אחרונים' }).tap();
    await page.waitForURL(`${site}/changes/`);
  });

  it('offers a section page to be printed or saved as PDF, and the binder opens the print dialog', async () => {
    const { page } = await openPage(browser);
    await page.goto(`${site}/finance/`);
    await page.getByRole('link', { name: 'Print this section or save it as PDF' }).click();
    await page.waitForURL(`${site}/print/finance/`);
    expect(await page.locator('.binder-bar').textContent()).toContain('choose “Save as PDF” as the printer');
    // The button calls the browser's print dialog (counted here instead of opened).
    await page.evaluate(() => {
      window.print = () => void (document.body.dataset.printed = 'yes');
    });
    await page.getByRole('button', { name: 'Print or save as PDF' }).click();
    expect(await page.locator('body').getAttribute('data-printed')).toBe('yes');
    // Pages inside a section do not print the whole section.
    await page.goto(`${site}/finance/travel-expenses/`);
    expect(await page.locator('.print-link').count()).toBe(0);
    await page.goto(`${site}/haifa-plant/`);
    expect(await page.getByRole('link', { name: 'הדפסת המדור או שמירתו כ-PDF' }).getAttribute('href')).toBe('/print/haifa-plant/');
  });
});

describe('following changes', () => {
  it('offers the page’s own feed and its section’s, and serves the page’s feed from the Node server', async () => {
    const { page } = await openPage(browser);
    await page.goto(`${site}/hr/sick-leave/`);
    await page.getByText('Follow changes').click();
    const panel = page.locator('.follow-panel');
    expect(await panel.getByRole('link').evaluateAll((links) => links.map((a) => [a.textContent, a.getAttribute('href')]))).toEqual([
      ['Changes to this page', '/api/feeds/hr/sick-leave.xml'],
      ['Changes anywhere in its section, Human resources', '/changes/hr.xml'],
    ]);
    expect(await panel.textContent()).toContain('Outlook');
    // Feed readers find them from the page's address too.
    expect(await page.locator('head link[type="application/atom+xml"]').evaluateAll((links) => links.map((l) => l.getAttribute('href')))).toEqual(['/changes.xml', '/api/feeds/hr/sick-leave.xml', '/changes/hr.xml']);
    const feed = await readFeed(page, `${site}/api/feeds/hr/sick-leave.xml`);
    expect(feed).toMatchObject({ status: 200, valid: true, lang: 'en', title: 'Changes to “Sick leave” · Pinkas' });
    expect(feed.type).toMatch(/^application\/atom\+xml/);
    expect(feed.entries.map((e) => e.title)).toEqual(['Sick leave: where to ask questions', 'The sample wiki']);
    expect(feed.entries[0]!.link).toMatch(new RegExp(`^${site}/history/hr/sick-leave/#r-[0-9a-f]{12}$`));
  });

  it('serves a Hebrew page’s feed in Hebrew, and no feed for a page that does not exist', async () => {
    const { page } = await openPage(browser);
    const feed = await readFeed(page, `${site}/api/feeds/haifa-plant/canteen.xml`);
    expect(feed).toMatchObject({ status: 200, valid: true, lang: 'he', title: 'שינויים ב„חדר האוכל ושעות הארוחות” · Pinkas' });
    expect(feed.entries).toHaveLength(1);
    expect((await page.request.get(`${site}/api/feeds/hr/no-such-page.xml`)).status()).toBe(404);
  });

  it('serves each section’s feed as a static file with the changes to every page in it', async () => {
    const { page } = await openPage(browser);
    const hr = await readFeed(page, `${site}/changes/hr.xml`);
    expect(hr).toMatchObject({ status: 200, valid: true, lang: 'en', title: 'Changes in “Human resources” · Pinkas' });
    expect(hr.entries.map((e) => e.title)).toEqual(['Sick leave: where to ask questions', 'The sample wiki']);
    const finance = await readFeed(page, `${site}/changes/finance.xml`);
    expect(finance.entries.map((e) => e.title)).toEqual(['The sample wiki']);
    // Recent changes lists every section's feed.
    await page.goto(`${site}/changes/`);
    expect(await page.locator('.section-feeds a').evaluateAll((links) => links.map((a) => a.getAttribute('href')))).toContain('/changes/haifa-plant.xml');
    // A section page follows its section.
    await page.goto(`${site}/haifa-plant/`);
    await page.getByText('מעקב אחר שינויים').click();
    expect(await page.locator('.follow-panel a').evaluateAll((links) => links.map((a) => a.getAttribute('href')))).toEqual(['/changes/haifa-plant.xml']);
  });
});
