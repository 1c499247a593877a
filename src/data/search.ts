/** The search index of the wiki, built once per build from the `pages` collection and the content folder's synonyms. */
import { mapBounded } from '../lib/content/read-content.ts';
import { buildWikiSearchIndex } from '../lib/search/build-index.ts';
import { readSynonymsFile } from '../lib/search/synonyms-file.ts';
import { wikiLocations } from '../lib/wiki/locations.ts';
import { siteConfig } from '../site.config.ts';
import { getWiki, pageTerms } from './wiki.ts';

let cached: Promise<Map<string, string>> | undefined;

async function build(): Promise<Map<string, string>> {
  const [wiki, synonyms] = await Promise.all([getWiki(), readSynonymsFile(wikiLocations(siteConfig.contentDir).contentDir)]);
  // A broken synonyms file fails the build where it is broken, rather than searching without it.
  if (synonyms.errors.length) throw new Error(`Search synonyms:\n  ${synonyms.errors.join('\n  ')}`);
  // Each page's words were counted when it was rendered and are in the render cache, not in the
  // content store: read for this, then let go. A one-page change analyses one page.
  const pages = await mapBounded(wiki.pages, async (p) => ({ ...p, terms: await pageTerms(p) }));
  return buildWikiSearchIndex(pages, { synonyms: synonyms.groups });
}

export function getSearchFiles(): Promise<Map<string, string>> {
  if (import.meta.env.DEV || !cached) cached = build();
  return cached;
}
