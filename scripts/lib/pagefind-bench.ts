/**
 * Pagefind on the same corpus, for comparison: its Node API indexes each page rendered to simple
 * HTML by the wiki's own renderer (no site build needed), and its own search client, in Chromium,
 * answers the same queries — counting the bytes it downloads from a cold cache (its index files
 * are compressed already; its script and WebAssembly are served gzip-compressed, as a CDN would).
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as pagefind from 'pagefind';
import type { Browser } from 'playwright-core';
import { serveStatic } from './static-server.ts';
import type { BenchPage } from './bench-wiki.ts';

export interface PagefindIndex {
  dir: string;
  indexMs: number;
}

function html(page: BenchPage): string {
  const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return `<!doctype html><html lang="${page.lang}"><head><meta charset="utf-8"><title>${escape(page.title)}</title></head><body><main><h1>${escape(page.title)}</h1>${page.html}</main></body></html>`;
}

/** Indexes the pages (as the benchmark indexes them for Pinkas: listed pages with content) into `dir`. */
export async function buildPagefind(pages: BenchPage[], dir: string): Promise<PagefindIndex> {
  await rm(dir, { recursive: true, force: true });
  const started = performance.now();
  const { index, errors } = await pagefind.createIndex({});
  if (!index) throw new Error(`pagefind: ${errors.join('; ')}`);
  for (const page of pages) {
    const added = await index.addHTMLFile({ url: `/${page.slug}/`, content: html(page) });
    if (added.errors.length) throw new Error(`pagefind: ${page.slug}: ${added.errors.join('; ')}`);
  }
  const written = await index.writeFiles({ outputPath: dir });
  if (written.errors.length) throw new Error(`pagefind: ${written.errors.join('; ')}`);
  const indexMs = performance.now() - started;
  await pagefind.close();
  for (const lang of ['en', 'he']) await writeFile(path.join(dir, `${lang}.html`), `<!doctype html><html lang="${lang}"><meta charset="utf-8"><title>pagefind</title></html>`);
  return { dir, indexMs };
}

export interface PagefindQueryRun {
  q: string;
  /** Bytes of index files (meta, index chunks, fragments), and of its script and WebAssembly. */
  bytes: number;
  codeBytes: number;
  requests: number;
  /** Result URLs, best first (the first `shown`, as its UI loads them). */
  urls: string[];
}

/**
 * Each query in a fresh context (a cold cache): Pagefind's client loads, searches, and loads the
 * data (fragments) of the first `shown` results.
 */
export async function queryPagefind(browser: Browser, index: PagefindIndex, queries: { q: string; lang: string }[], shown = 8, tls?: { key: string; cert: string }): Promise<PagefindQueryRun[]> {
  await mkdir(index.dir, { recursive: true });
  const server = await serveStatic(index.dir, {}, { gzip: true, tls });
  const runs: PagefindQueryRun[] = [];
  try {
    for (const { q, lang } of queries) {
      const context = await browser.newContext({ ignoreHTTPSErrors: true });
      const page = await context.newPage();
      let bytes = 0;
      let codeBytes = 0;
      let requests = 0;
      page.on('requestfinished', async (request) => {
        const sizes = await request.sizes().catch(() => undefined);
        if (!sizes || request.url().endsWith('.html')) return;
        if (/\.js$|wasm\.[a-z]+\.pagefind$/.test(request.url())) codeBytes += sizes.responseBodySize;
        else bytes += sizes.responseBodySize;
        requests++;
      });
      await page.goto(`${server.url}/${lang}.html`);
      const urls = await page.evaluate(
        async ([query, n]) => {
          const pf = await import(`${location.origin}/pagefind.js`);
          const search = await pf.search(query);
          const data = await Promise.all(search.results.slice(0, n).map((r: { data: () => Promise<{ url: string }> }) => r.data()));
          return data.map((d: { url: string }) => d.url);
        },
        [q, shown] as const,
      );
      await page.waitForLoadState('networkidle');
      runs.push({ q, bytes, codeBytes, requests, urls });
      await context.close();
    }
  } finally {
    await server.close();
  }
  return runs;
}
