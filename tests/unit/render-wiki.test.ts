/**
 * The site's build of the wiki (worker threads and the render cache, src/lib/wiki/render-wiki.ts)
 * says and renders exactly what `buildWiki` does, in one thread or in many, from an empty cache
 * or a full one — on the sample content and on the 18F handbook.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readContentFolder } from '../../src/lib/content/read-content.ts';
import { urlScheme } from '../../src/lib/urls.ts';
import { buildWiki } from '../../src/lib/wiki/build.ts';
import { pageTerms } from '../../src/lib/search/page-terms.ts';
import { readRenderedHtml, readRenderedTerms } from '../../src/lib/wiki/render-cache.ts';
import { renderWiki, type RenderedWiki } from '../../src/lib/wiki/render-wiki.ts';
import { handbook18F } from '../support/corpora.ts';

const caches: string[] = [];
afterAll(() => Promise.all(caches.map((dir) => rm(dir, { recursive: true, force: true }))));

describe.each([
  ['the sample content', path.resolve('content')],
  ['the 18F handbook', handbook18F],
])('rendering %s for the site', (_name, dir) => {
  it.skipIf(!dir)('gives the same pages, HTML, search text and problems as buildWiki, in threads and from the cache', { timeout: 120_000 }, async () => {
    const folder = await readContentFolder(dir!);
    const options = { displayDir: 'content', defaultLang: 'en', homeTitle: 'Home' };
    const expected = buildWiki(folder, { ...options, urls: urlScheme('/handbook/') });
    const cacheDir = await mkdtemp(path.join(tmpdir(), 'pinkas-render-'));
    caches.push(cacheDir);
    const render = (threads: number) => renderWiki(folder, { ...options, base: '/handbook/', root: process.cwd(), cacheDir, threads });

    const same = async (wiki: RenderedWiki) => {
      expect(wiki.diagnostics).toEqual(expected.diagnostics);
      expect(wiki.brokenLinks).toEqual(expected.brokenLinks);
      expect(wiki.pages.map((p) => p.slug)).toEqual(expected.pages.map((p) => p.slug));
      for (const [i, page] of wiki.pages.entries()) {
        const { html, sections, source: _source, ...meta } = expected.pages[i]!;
        const { renderKey, hasContent, ...rest } = page;
        expect(rest).toEqual(meta);
        expect(hasContent).toBe(html !== '');
        if (renderKey) {
          expect(await readRenderedHtml(cacheDir, renderKey)).toBe(html);
          expect(await readRenderedTerms(cacheDir, renderKey)).toEqual(pageTerms(sections));
        }
      }
    };
    const threaded = await render(2);
    expect(threaded.stats).toMatchObject({ threads: 2, reused: 0 });
    expect(threaded.stats.rendered).toBeGreaterThan(20);
    await same(threaded);
    const cached = await render(1);
    expect(cached.stats).toMatchObject({ prepared: 0, rendered: 0, reused: threaded.stats.rendered });
    await same(cached);
  });
});
