import { describe, expect, it } from 'vitest';
import { chooseChromium, launchChromium } from '../../scripts/lib/chromium.ts';

/** A fresh machine has no system browser: the one bundled in @sparticuz/chromium must do. */
describe('the bundled Chromium', () => {
  it('is chosen when there is no system Chromium, launches, enforces web security and renders Hebrew right to left', async () => {
    const choice = await chooseChromium({ env: {}, systemPath: '/nonexistent/chromium' });
    expect(choice.source).toBe('bundled');
    expect(choice.args).not.toContain('--disable-web-security');
    const { browser } = await launchChromium({}, choice);
    try {
      const page = await browser.newPage();
      await page.setContent('<p id="p" lang="he" dir="rtl">שלום עולם</p>');
      const box = await page.locator('#p').evaluate((el) => ({ dir: getComputedStyle(el).direction, width: el.getBoundingClientRect().width }));
      expect(box.dir).toBe('rtl');
      // Same-origin policy holds: a page cannot read another origin's frame.
      const crossOrigin = await page.evaluate(async () => {
        try {
          await fetch('http://127.0.0.1:9/');
          return 'reachable';
        } catch {
          return 'refused';
        }
      });
      expect(crossOrigin).toBe('refused');
    } finally {
      await browser.close();
    }
  });
});
