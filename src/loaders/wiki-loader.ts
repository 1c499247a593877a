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
import { wikiLocations } from '../lib/wiki/locations.ts';
import { siteConfig } from '../site.config.ts';
import { handOverPages, handOverSearchIndex } from './hand-over.ts';
import { pageDataSchema } from './schemas.ts';
import { siteWikiPages, siteWikiPagesAndIndex, type SiteWikiPages } from './wiki-pages.ts';

/** Entry ids cannot be empty: the home page's own content (`content/index.md`) is stored as `index`. */
export const HOME_ID = 'index';

export function wikiLoader() {
  return {
    name: 'pinkas-wiki',
    schema: pageDataSchema,
    load: async ({ store, logger, config, watcher }) => {
      const root = config.root.pathname;
      const { contentDir: dir } = wikiLocations(siteConfig.contentDir, root);

      const fill = ({ pages, warnings, summary }: SiteWikiPages) => {
        for (const warning of warnings) logger.warn(warning);
        store.clear();
        for (const data of pages) {
          store.set({ id: data.slug || HOME_ID, data, filePath: data.path ? path.relative(root, path.join(dir, data.path)) : undefined });
        }
        logger.info(summary);
      };

      // A build: the search index is built beside the rest of it, and the pages and the index are
      // handed to the routes (in `npm run dev`, the index is built per request).
      if (!watcher) {
        const { pages, searchIndex } = siteWikiPagesAndIndex(root, config.base);
        handOverSearchIndex(searchIndex);
        const wiki = await pages;
        fill(wiki);
        handOverPages(wiki.pages);
        return;
      }

      const sync = async () => fill(await siteWikiPages(root, config.base));
      await sync();
      // In `npm run dev`, any change under the content folder rebuilds the wiki model: titles and
      // links are shared between pages, so one edit can turn a red link blue elsewhere.
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
    },
  } satisfies Loader;
}
