import { readContentFolder } from '../../src/lib/content/read-content.ts';
import { buildSearchIndex } from '../../src/lib/search/build-index.ts';
import { SearchEngine } from '../../src/lib/search/engine.ts';
import { urlScheme } from '../../src/lib/urls.ts';
import { buildWiki } from '../../src/lib/wiki.ts';

/**
 * The search engine over a content folder, with every index file built exactly as `npm run build`
 * builds it (same rendering, same index builder), loaded from memory instead of over HTTP.
 */
export async function engineFor(contentDir: string): Promise<SearchEngine> {
  const folder = await readContentFolder(contentDir);
  const wiki = buildWiki(folder, { displayDir: 'content', defaultLang: 'en', urls: urlScheme('/') });
  const files = buildSearchIndex(
    wiki.pages.filter((p) => !p.generated && p.slug !== ''),
    new Map(wiki.pages.filter((p) => p.slug && !p.slug.includes('/')).map((p) => [p.slug, p.title])),
  );
  const engine = await SearchEngine.open(async (file) => JSON.parse(files.get(file)!));
  await engine.loadFullText();
  return engine;
}
