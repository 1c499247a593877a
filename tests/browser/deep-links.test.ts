/**
 * A page's editor and history at their own addresses, `/edit/<slug>/` and `/history/<slug>/`, on a
 * static host without rewrites (GitHub Pages: the 404 page sends the reader on), as on the Node
 * server: the right page opens, in its language, and the address bar keeps the page's address.
 */
import { afterAll, describe, expect, inject, it } from 'vitest';
import { serveStatic } from '../../scripts/lib/static-server.ts';
import { launchBrowser, openPage } from '../support/browser.ts';
import { editorReady, sourceText } from '../support/editor-page.ts';

const browser = await launchBrowser();
const host = await serveStatic(inject('clientDir'));
afterAll(async () => {
  await browser.close();
  await host.close();
});

describe('editor and history addresses on a static host (the 404 page as the fallback)', () => {
  it('opens the editor of the page the address names, and keeps the address', async () => {
    const { page } = await openPage(browser);
    await page.goto(`${host.url}/edit/it-security/vpn/`);
    await editorReady(page);
    expect(page.url()).toBe(`${host.url}/edit/it-security/vpn/`);
    expect(await page.locator('h1').first().textContent()).toBe('Edit “Connecting to the VPN”');
    expect(await page.title()).toBe('Edit “Connecting to the VPN” · Pinkas');
    expect(await sourceText(page)).toContain('title: Connecting to the VPN');
    expect(await page.getByRole('link', { name: 'Back to the page' }).getAttribute('href')).toBe('/it-security/vpn/');
  });

  it('opens a Hebrew page’s editor in Hebrew, right to left', async () => {
    const { page } = await openPage(browser);
    await page.goto(`${host.url}/edit/hr/annual-leave-israel/`);
    await editorReady(page);
    expect(page.url()).toBe(`${host.url}/edit/hr/annual-leave-israel/`);
    expect(await page.getAttribute('html', 'dir')).toBe('rtl');
    expect(await page.getByRole('button', { name: 'סקירת השינויים' }).count()).toBe(1);
  });

  it('shows the history of the page the address names', async () => {
    const { page } = await openPage(browser);
    await page.goto(`${host.url}/history/hr/sick-leave/`);
    await page.locator('.revision').first().waitFor();
    expect(page.url()).toBe(`${host.url}/history/hr/sick-leave/`);
    expect(await page.locator('.revision').count()).toBe(2);
    expect(await page.locator('h1').textContent()).toBe('History of “Sick leave”');
  });

  it('says so when the address names no page', async () => {
    const { page } = await openPage(browser);
    await page.goto(`${host.url}/edit/no/such-page/`);
    await expect.poll(() => page.locator('h1').first().textContent()).toBe('Page not found');
    expect(await page.locator('[data-editor]').isHidden()).toBe(true);
  });
});
