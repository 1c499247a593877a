/**
 * The Astro content loader of the wiki: puts every page of `siteWikiPages` (wiki-pages.ts) into
 * the `pages` collection. The rendered HTML and search terms stay in the render cache, found by
 * the entry's `renderKey` (src/data/wiki.ts reads them), so the store does not carry the wiki's
 * content. Invalid content fails the build with `file:line:col field: message`; broken links are
 * listed as warnings. In a build, the pages and the search index are handed to the routes
 * (hand-over.ts).
 */
import path from 'node:path';
import type { Loader } from 'astro/loaders';
import type { RenderedSiteWiki } from '../lib/wiki/load.ts';
import { searchIndexInWorker } from '../lib/wiki/search-index.ts';
import { wikiLocations } from '../lib/wiki/locations.ts';
import { siteConfig } from '../site.config.ts';
import { handOverPages, handOverSearchIndex } from './hand-over.ts';
import { pageDataSchema } from './schemas.ts';
import { siteWikiPages } from './wiki-pages.ts';

/** Entry ids cannot be empty: the home page's own content (`content/index.md`) is stored as `index`. */
export const HOME_ID = 'index';

export function wikiLoader() {
  return {
    name: 'pinkas-wiki',
    schema: pageDataSchema,
    load: async ({ store, logger, config, watcher }) => {
      const root = config.root.pathname;
      const { contentDir: dir, cacheDir } = wikiLocations(siteConfig.contentDir, root);

      const sync = async (onRendered?: (wiki: RenderedSiteWiki) => void) => {
        const { pages, wiki, warnings, summary } = await siteWikiPages(root, config.base, onRendered);
        for (const warning of warnings) logger.warn(warning);
        store.clear();
        for (const data of pages) {
          store.set({ id: data.slug || HOME_ID, data, filePath: data.path ? path.relative(root, path.join(dir, data.path)) : undefined });
        }
        logger.info(summary);
        return { pages, wiki };
      };

      // A build: the search index is built beside the rest of it, its worker started at once and
      // given its job as soon as the pages are rendered (in `npm run dev`, per request).
      let rendered!: (wiki: RenderedSiteWiki) => void;
      const renderedWiki = new Promise<RenderedSiteWiki>((resolve) => (rendered = resolve));
      const first = sync(rendered);
      const job = Promise.race([renderedWiki, first.then(({ wiki }) => wiki)]).then((wiki) => ({ contentDir: dir, cacheDir, pages: wiki.pages }));
      if (!watcher) handOverSearchIndex(searchIndexInWorker(job, cacheDir));
      else job.catch(() => {});
      const { pages } = await first;
      if (!watcher) handOverPages(pages);

      // In `npm run dev`, any change under the content folder rebuilds the wiki model: titles and
      // links are shared between pages, so one edit can turn a red link blue elsewhere.
      if (watcher) {
        watcher.add(dir);
        const onChange = async (changed: string) => {
          if (!path.resolve(changed).startsWith(dir + path.sep)) return;
          try {
            await sync();
          } catch (error) {
            logger.error((error as Error).message);
          }
        };
        watcher.on('add', onChange);
        watcher.on('change', onChange);
        watcher.on('unlink', onChange);
      }
    },
  } satisfies Loader;
}
