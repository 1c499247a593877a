/**
 * The search index of the wiki, built once per build from the pages' words in the render cache and
 * the content folder's synonyms (src/lib/wiki/search-index.ts): in a build, the one the wiki
 * loader started in a worker thread; in `npm run dev`, afresh on every request.
 */
import { wikiSearchIndex } from '../lib/wiki/search-index.ts';
import { wikiLocations } from '../lib/wiki/locations.ts';
import { takeSearchIndex } from '../loaders/hand-over.ts';
import { siteConfig } from '../site.config.ts';
import { getWiki } from './wiki.ts';

let cached: Promise<Map<string, string>> | undefined;

async function build(): Promise<Map<string, string>> {
  const { contentDir, cacheDir } = wikiLocations(siteConfig.contentDir);
  return wikiSearchIndex({ contentDir, cacheDir, pages: (await getWiki()).pages });
}

export function getSearchFiles(): Promise<Map<string, string>> {
  if (import.meta.env.DEV || !cached) cached = takeSearchIndex() ?? build();
  return cached;
}
