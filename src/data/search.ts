/** The search index of the wiki, built once per build from the `pages` collection. */
import { buildWikiSearchIndex } from '../lib/search/build-index.ts';
import { getWiki } from './wiki.ts';

let cached: Promise<Map<string, string>> | undefined;

export function getSearchFiles(): Promise<Map<string, string>> {
  if (import.meta.env.DEV || !cached) cached = getWiki().then((wiki) => buildWikiSearchIndex(wiki.pages));
  return cached;
}
