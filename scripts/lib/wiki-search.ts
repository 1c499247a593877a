import { buildWikiSearchIndex } from '../../src/lib/search/build-index.ts';
import { SearchEngine } from '../../src/lib/search/engine.ts';
import { readSynonymsFile } from '../../src/lib/search/synonyms-file.ts';
import { loadWiki } from '../../src/lib/wiki/load.ts';
import { pageLoader } from './search-pages.ts';

/**
 * The search engine over a content folder, with every index file built exactly as `npm run build`
 * builds it (same loading, same rendering, same index builder, the folder's synonyms), loaded from
 * memory instead of over HTTP, and the result pages' passages read from each page's content in a
 * page's markup. `loads` lists the files the engine asked for, in order.
 */
export async function engineFor(contentDir: string): Promise<SearchEngine & { loads: string[] }> {
  const wiki = await loadWiki({ contentDir, defaultLang: 'en' });
  const synonyms = await readSynonymsFile(contentDir);
  if (synonyms.errors.length) throw new Error(synonyms.errors.join('\n'));
  const files = buildWikiSearchIndex(wiki.pages, { synonyms: synonyms.groups });
  const loads: string[] = [];
  const engine = await SearchEngine.open(async (file) => {
    loads.push(file);
    const text = files.get(file);
    if (text === undefined) throw new Error(`${file}: not in the index`);
    return JSON.parse(text);
  }, pageLoader(wiki.pages));
  return Object.assign(engine, { loads });
}
