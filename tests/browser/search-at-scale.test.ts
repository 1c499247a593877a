/**
 * Search on a large wiki downloads only what a query needs: a 2,000-page generated wiki (the
 * benchmark's corpus and build path), its index served under the sample site's real search page
 * and worker, its pages in the chrome of a sample page; every request counted. Also in the browser: the snippet shows the words that matched,
 * and the synonyms file changes what is found.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { benchWiki } from '../../scripts/lib/bench-wiki.ts';
import { serveStatic } from '../../scripts/lib/static-server.ts';
import { buildWikiSearchIndex } from '../../src/lib/search/build-index.ts';
import { chunkOf, chunksOfPrefix, type Manifest } from '../../src/lib/search/format.ts';
import { pageTextOf } from '../../src/lib/search/page-text.ts';
import { isListed } from '../../src/lib/nav/tree.ts';
import { parseSynonyms } from '../../src/lib/search/synonyms.ts';
import { loadWiki } from '../../src/lib/wiki/load.ts';
import { launchBrowser, openPage } from '../support/browser.ts';
import { pageHtmlOf, shellOf } from '../support/search-index.ts';

const clientDir = inject('clientDir');
const browser = await launchBrowser();
let work: string;
afterAll(async () => {
  await browser.close();
  if (work) await rm(work, { recursive: true, force: true });
});

async function writeIndex(files: Map<string, string>, dir: string) {
  await mkdir(dir, { recursive: true });
  await Promise.all([...files].map(([name, text]) => writeFile(path.join(dir, name), text)));
}

/** The /search/ files the page asked for while `act` ran, and the wiki pages (`page:<slug>`) its worker read. */
async function requestsDuring(page: import('playwright-core').Page, act: () => Promise<void>, slugs: ReadonlySet<string>): Promise<string[]> {
  const files: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname.startsWith('/search/') && url.pathname.endsWith('.json')) files.push(url.pathname.slice('/search/'.length));
    else if (slugs.has(url.pathname.slice(1, -1))) files.push(`page:${url.pathname.slice(1, -1)}`);
  });
  await act();
  return files;
}

describe('a full-text search on a 2,000-page wiki', () => {
  let server: Awaited<ReturnType<typeof serveStatic>>;
  let manifest: Manifest;
  let fileCount: number;
  let slugs: Set<string>;

  beforeAll(async () => {
    await mkdir(path.resolve('.test-output'), { recursive: true });
    work = await mkdtemp(path.resolve('.test-output/search-scale-'));
    // Rendered once and kept in .bench/ (as the benchmark keeps its corpora) until the generator or the renderer changes.
    await mkdir(path.resolve('.bench'), { recursive: true });
    const wiki = await benchWiki(path.resolve('.bench'), process.cwd(), 2000);
    const files = buildWikiSearchIndex(wiki.pages);
    manifest = JSON.parse(files.get('manifest.json')!);
    fileCount = files.size;
    await writeIndex(files, path.join(work, 'index'));
    // The wiki's pages, in the chrome of a page of the sample site: the worker reads the results' passages from them.
    const shell = shellOf(await readFile(path.join(clientDir, 'finance/travel-expenses/index.html'), 'utf8'));
    const bySlug = new Map(wiki.pages.filter((p) => !p.generated).map((p) => [p.slug, p]));
    slugs = new Set(bySlug.keys());
    server = await serveStatic(clientDir, { '/search/': path.join(work, 'index') }, { pages: async (slug) => (bySlug.has(slug) ? pageHtmlOf(bySlug.get(slug)!, shell) : undefined) });
  });
  afterAll(() => server?.close());

  it('downloads only the chunks whose range can hold the word, and the pages of the results it shows', async () => {
    const { page } = await openPage(browser);
    const requested = await requestsDuring(page, async () => {
      await page.goto(`${server.url}/search/?q=reimbursement`);
      await page.waitForFunction(() => !/…/.test(document.querySelector('.search-status')?.textContent ?? '…') && document.querySelectorAll('.search-results li').length > 0);
    }, slugs);
    const shown = await page.locator('.search-results li').count();
    expect(shown).toBeGreaterThan(0);
    expect(requested[0]).toBe('manifest.json');
    expect(new Set(requested).size).toBe(requested.length);
    // Postings: for each layer, the chunk that holds the word as typed and those its completions can be in.
    const allowed = (firsts: string[]) => new Set([chunkOf(firsts, 'reimburs'), ...chunksOfPrefix(firsts, 'reimburs'), chunkOf(firsts, 'reimbursement'), ...chunksOfPrefix(firsts, 'reimbursement')]);
    const titles = requested.filter((f) => /^t\d+\.json$/.test(f)).map((f) => Number(f.slice(1, -5)));
    const text = requested.filter((f) => /^x\d+\.json$/.test(f)).map((f) => Number(f.slice(1, -5)));
    expect(titles.every((c) => allowed(manifest.titles).has(c)), `titles ${titles}`).toBe(true);
    expect(text.every((c) => allowed(manifest.text).has(c)), `text ${text}`).toBe(true);
    expect(text.length).toBeGreaterThan(0);
    expect(text.length).toBeLessThanOrEqual(3);
    // What results show: the page of each result shown (its passage), titles from their metadata files.
    const pages = requested.filter((f) => f.startsWith('page:'));
    expect(pages.length).toBeGreaterThan(0);
    expect(pages.length).toBeLessThanOrEqual(shown);
    expect(requested.filter((f) => f.startsWith('m')).length).toBeLessThanOrEqual(shown);
    // No vocabulary (no typo), no filter lists; a sliver of the index.
    expect(requested.filter((f) => /^(v|f-)/.test(f))).toEqual([]);
    expect(requested.length - pages.length).toBeLessThan(fileCount / 20);
    // The snippet shows the word that matched.
    expect((await page.locator('.search-results li .result-snippet mark').first().textContent())?.toLowerCase()).toMatch(/^reimburs/);
  });
});

describe('in the browser, on the sample wiki', () => {
  /** The sample site with its index built from the sample content and the synonyms given. */
  async function sampleWith(synonyms: string, name: string) {
    const wiki = await loadWiki({ contentDir: 'content', defaultLang: 'en' });
    const dir = path.join(work ?? (await mkdtemp(path.resolve('.test-output/search-'))), name);
    await writeIndex(buildWikiSearchIndex(wiki.pages, { synonyms: parseSynonyms(synonyms).groups }), dir);
    return serveStatic(clientDir, { '/search/': dir });
  }

  async function dropdown(url: string, query: string) {
    const { page } = await openPage(browser);
    await page.goto(`${url}/`);
    await page.locator('#search-input').pressSequentially(query);
    await page.waitForFunction((q) => {
      const popup = document.querySelector<HTMLElement>('.search-popup');
      return popup && !popup.hidden && popup.dataset.complete === 'true' && popup.dataset.query === q;
    }, query);
    return page;
  }

  it('reads a result’s passages from its built page: the very text the index numbered its sections by', async () => {
    // The content the sample site was built from (the sample content, one page revised).
    const wiki = await loadWiki({ contentDir: path.join(inject('repoDir'), 'content'), defaultLang: 'en' });
    const searched = wiki.pages.filter((p) => !p.generated && p.slug !== '' && isListed(p));
    expect(searched.length).toBeGreaterThan(20);
    for (const p of searched) {
      const built = pageTextOf(await readFile(path.join(clientDir, p.slug, 'index.html'), 'utf8'));
      expect(built, p.slug).toEqual({ ...(p.description ? { d: p.description } : {}), s: p.sections.map((s) => [s.id, s.heading, s.text]) });
    }
  });

  it('shows the passage that says the word, marked, and Hebrew words found with a prefix, marked', async () => {
    const server = await sampleWith('', 'plain');
    try {
      const page = await dropdown(server.url, 'parking');
      const first = page.locator('#search-option-0 .result-snippet');
      expect((await first.textContent())?.toLowerCase()).toContain('parking');
      expect((await first.locator('mark').first().textContent())?.toLowerCase()).toBe('parking');
      const he = await dropdown(server.url, 'בנוהל');
      const marks = await he.locator('#search-listbox [role="option"] .result-snippet mark').allTextContents();
      expect(marks.length).toBeGreaterThan(0);
      expect(marks.every((m) => m.includes('נוהל'))).toBe(true);
    } finally {
      await server.close();
    }
  });

  it('finds a page by a word of the synonyms file that the page never uses', async () => {
    const without = await sampleWith('', 'no-synonyms');
    const withSynonym = await sampleWith('- [pinched, stolen]\n', 'synonyms');
    try {
      const hrefs = async (url: string) => (await dropdown(url, 'pinched')).locator('#search-listbox [role="option"]').evaluateAll((o) => o.map((e) => e.getAttribute('data-href')));
      expect((await hrefs(without.url))[0] ?? '').not.toMatch(/^\/it-security\/lost-device\//);
      expect((await hrefs(withSynonym.url))[0]).toMatch(/^\/it-security\/lost-device\//);
    } finally {
      await without.close();
      await withSynonym.close();
    }
  });
});
