/** The search index of the wiki, built once per build from the `pages` collection. */
import { buildWikiSearchIndex } from '../lib/search/build-index.ts';
import { mapBounded } from '../lib/content/read-content.ts';
import { getWiki, pageSections } from './wiki.ts';

let cached: Promise<Map<string, string>> | undefined;

export function getSearchFiles(): Promise<Map<string, string>> {
  if (import.meta.env.DEV || !cached) {
    // The search text is in the render cache, not in the content store: read for this, then let go.
    cached = getWiki().then(async (wiki) => buildWikiSearchIndex(await mapBounded(wiki.pages, async (p) => ({ ...p, sections: await pageSections(p) }))));
  }
  return cached;
}
