/**
 * Pinkas's search in Chromium, as a reader on a phone meets it: the site's real search box and
 * worker (a build of the sample site) over the benchmark's index, served gzip-compressed; the
 * network emulated through CDP (Network.emulateNetworkConditions: 9 Mbit/s down, 150 ms round
 * trip) and the CPU slowed 4× (Emulation.setCPUThrottlingRate). Timestamps are taken in the page:
 * the first keystroke's keydown, the first answer shown, the full-text answer to the whole query.
 * Served over HTTP/2 when given a certificate (as a CDN serves), else over HTTP/1.1.
 */
import type { Browser, Page } from 'playwright-core';
import { serveStatic } from './static-server.ts';

export interface KeystrokeRun {
  q: string;
  /** Milliseconds from the first keydown. */
  first: number;
  full: number;
  /** Milliseconds from the last keydown to the full-text answer (without the time the typing took). */
  afterLast: number;
  /** Bytes (as transferred) of the search index files and scripts fetched from the first keydown on. */
  bytes: number;
  requests: number;
  hrefs: string[];
}

export const PHONE = { latency: 150, downloadThroughput: (9 * 1024 * 1024) / 8, uploadThroughput: (4 * 1024 * 1024) / 8, cpu: 4 };

async function throttle(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: PHONE.latency, downloadThroughput: PHONE.downloadThroughput, uploadThroughput: PHONE.uploadThroughput });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: PHONE.cpu });
}

/**
 * Types each query into the header's search box of a fresh page (a cold cache), on the emulated
 * phone. `pages` serves the benchmark wiki's pages (the results' passages are read from them).
 */
export async function keystrokeRuns(
  browser: Browser,
  site: string,
  indexDir: string,
  queries: string[],
  options: { tls?: { key: string; cert: string }; pages?: (slug: string) => Promise<string | undefined> } = {},
): Promise<KeystrokeRun[]> {
  const server = await serveStatic(site, { '/search/': indexDir }, { gzip: true, ...options });
  const runs: KeystrokeRun[] = [];
  try {
    for (const q of queries) {
      const context = await browser.newContext({ ignoreHTTPSErrors: true });
      const page = await context.newPage();
      await throttle(page);
      await page.goto(`${server.url}/`, { waitUntil: 'networkidle' });
      let typing = false;
      let bytes = 0;
      let requests = 0;
      const log: string[] = [];
      page.on('requestfinished', async (request) => {
        if (!typing) return;
        const sizes = await request.sizes().catch(() => undefined);
        if (!sizes) return;
        bytes += sizes.responseBodySize;
        requests++;
        const t = request.timing();
        log.push(`${request.url().split('/').pop()} ${Math.round(t.startTime)} +${Math.round(t.responseEnd)} ${sizes.responseBodySize}`);
      });
      await page.evaluate((query) => {
        const w = window as unknown as { marks: Record<string, number> };
        w.marks = {};
        const input = document.querySelector<HTMLInputElement>('#search-input')!;
        const popup = document.querySelector<HTMLElement>('.search-popup')!;
        input.addEventListener('keydown', () => {
          w.marks.key ??= performance.now();
          w.marks.last = performance.now();
        }, { capture: true });
        new MutationObserver(() => {
          if (!popup.hidden && popup.querySelector('[role="option"]')) w.marks.first ??= performance.now();
          if (popup.dataset.complete === 'true' && popup.dataset.query === query) w.marks.full ??= performance.now();
        }).observe(popup, { attributes: true, childList: true, subtree: true });
      }, q);
      typing = true;
      await page.locator('#search-input').focus();
      await page.keyboard.type(q);
      await page.waitForFunction(() => (window as unknown as { marks: Record<string, number> }).marks.full !== undefined, null, { timeout: 60_000 });
      const marks = await page.evaluate(() => (window as unknown as { marks: Record<string, number> }).marks);
      await page.waitForLoadState('networkidle');
      const hrefs = await page.locator('#search-listbox [role="option"]').evaluateAll((options) => options.map((o) => o.getAttribute('data-href') ?? ''));
      if (process.env.BENCH_VERBOSE === '2') console.log(`${q}: keydown at ${marks.key}, full at ${marks.full}\n  ${log.join('\n  ')}`);
      runs.push({ q, first: (marks.first ?? marks.full!) - marks.key!, full: marks.full! - marks.key!, afterLast: marks.full! - marks.last!, bytes, requests, hrefs });
      await context.close();
    }
  } finally {
    await server.close();
  }
  return runs;
}
