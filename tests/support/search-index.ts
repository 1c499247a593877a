import { buildWikiSearchIndex } from '../../src/lib/search/build-index.ts';
import { SearchEngine } from '../../src/lib/search/engine.ts';
import { loadWiki } from '../../src/lib/wiki/load.ts';

/**
 * The search engine over a content folder, with every index file built exactly as `npm run build`
 * builds it (same loading, same rendering, same index builder), loaded from memory instead of over HTTP.
 */
export async function engineFor(contentDir: string): Promise<SearchEngine> {
  const wiki = await loadWiki({ contentDir, defaultLang: 'en' });
  const files = buildWikiSearchIndex(wiki.pages);
  const engine = await SearchEngine.open(async (file) => JSON.parse(files.get(file)!));
  await engine.loadFullText();
  return engine;
}
