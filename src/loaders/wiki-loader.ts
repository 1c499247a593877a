/**
 * The Astro content loader of the wiki: reads the content folder, builds the wiki model with
 * `renderSiteWiki` (validation, link resolution, rendering through the one pipeline in worker
 * threads, with the render cache) and puts every page into the `pages` collection. The rendered
 * HTML and search terms stay in the render cache, found by the entry's `renderKey`
 * (src/data/wiki.ts reads them), so the store does not carry the wiki's content. Invalid content
 * fails the build with `file:line:col field: message`; broken links are listed as warnings.
 */
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import type { Loader } from 'astro/loaders';
import { formatDiagnostic } from '../lib/content/diagnostics.ts';
import { cachedHistory } from '../lib/history/cache.ts';
import { renderSiteWiki, wikiConfig } from '../lib/wiki/load.ts';
import { searchIndexInWorker } from '../lib/wiki/search-index.ts';
import { wikiLocations } from '../lib/wiki/locations.ts';
import { siteConfig } from '../site.config.ts';
import { pageDataSchema, type PageData } from './schemas.ts';
import { handOverSearchIndex } from './search-index.ts';

/** `PINKAS_RENDER_THREADS`: how many worker threads render pages (default: one per core). */
function renderThreads(): number | undefined {
  const n = Number(process.env.PINKAS_RENDER_THREADS);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

/** Entry ids cannot be empty: the home page's own content (`content/index.md`) is stored as `index`. */
export const HOME_ID = 'index';

export function wikiLoader() {
  return {
    name: 'pinkas-wiki',
    schema: pageDataSchema,
    load: async ({ store, logger, config, watcher }) => {
      const root = config.root.pathname;
      const { contentDir: dir, displayDir, cacheDir } = wikiLocations(siteConfig.contentDir, root);

      const sync = async () => {
        const started = performance.now();
        const [wiki, history, realDir] = await Promise.all([
          renderSiteWiki({ ...wikiConfig(siteConfig, { base: config.base }), root }, renderThreads()),
          cachedHistory(dir, cacheDir),
          realpath(dir),
        ]);
        const errors = wiki.diagnostics.filter((d) => d.severity === 'error');
        for (const d of wiki.diagnostics) if (d.severity === 'warning') logger.warn(formatDiagnostic(d));
        if (wiki.brokenLinks.length) {
          logger.warn(
            `${wiki.brokenLinks.length} broken link${wiki.brokenLinks.length === 1 ? '' : 's'} (shown as red links to /new/):\n` +
              wiki.brokenLinks.map((b) => `  ${b.file}:${b.line}:${b.column} ${b.link}`).join('\n'),
          );
        }
        if (errors.length) {
          throw new Error(`${errors.length} problem${errors.length === 1 ? '' : 's'} in ${displayDir}/ must be fixed:\n${errors.map((d) => `  ${formatDiagnostic(d)}`).join('\n')}`);
        }
        if (history.shallow) logger.warn('The repository is a shallow clone: page history and revision counts only go back as far as the clone.');
        store.clear();
        for (const page of wiki.pages) {
          const revisions = page.path ? (history.files.get(page.path) ?? []) : [];
          const latest = revisions[0];
          const data: PageData = {
            ...page,
            revisions: revisions.length,
            ...(history.root && page.path ? { repoPath: path.relative(history.root, path.join(realDir, page.path)).split(path.sep).join('/') } : {}),
            ...(history.head ? { baseCommit: history.head } : {}),
            ...(latest ? { lastUpdated: { date: latest.date, author: latest.author, commit: latest.commit } } : {}),
          };
          store.set({ id: page.slug || HOME_ID, data, filePath: page.path ? path.relative(root, path.join(dir, page.path)) : undefined });
        }
        const { rendered, reused, threads } = wiki.stats;
        logger.info(`${wiki.pages.length} pages from ${displayDir}/ in ${Math.round(performance.now() - started)} ms (${rendered} rendered in ${threads} thread${threads === 1 ? '' : 's'}, ${reused} from the render cache)`);
        return wiki.pages;
      };

      const pages = await sync();
      // A build: the search index is built beside the rest of it (in `npm run dev`, per request).
      if (!watcher) handOverSearchIndex(searchIndexInWorker({ contentDir: dir, cacheDir, pages }));

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
