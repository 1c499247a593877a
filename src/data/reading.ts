/**
 * The pages' facts for required reading and readers' signals, computed by the build from the wiki
 * and its git history: each page's revision, content hash, audiences and which acknowledgements
 * still count (src/lib/signals/manifest.ts). The build writes it beside the server
 * (src/pages/reading/pages.json.ts, src/integrations/reading.ts).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { readByteFiles } from '../lib/content/read-content.ts';
import { gitBlobId, minorCommits } from '../lib/signals/git-facts.ts';
import { buildManifest, type PagesManifest } from '../lib/signals/manifest.ts';
import { wikiLocations } from '../lib/wiki/locations.ts';
import { siteConfig } from '../site.config.ts';
import { getHistory } from './history.ts';
import { getWiki } from './wiki.ts';

export async function getPagesManifest(): Promise<PagesManifest> {
  const { contentDir } = wikiLocations(siteConfig.contentDir);
  const [wiki, history, minor] = await Promise.all([getWiki(), getHistory(), minorCommits(contentDir)]);
  const files = wiki.pages.filter((page) => page.path);
  const bytes = new Map((await readByteFiles(files.map((page) => path.join(contentDir, page.path)))).map((b, i) => [files[i]!.path, b!]));
  const pages = wiki.pages.map((page) => ({
    slug: page.slug,
    title: page.title,
    lang: page.lang,
    path: page.path,
    repoPath: page.repoPath,
    acknowledge: page.acknowledge,
    revisions: page.path ? (history.files.get(page.path) ?? []) : [],
    contentHash: page.path ? gitBlobId(bytes.get(page.path)!) : undefined,
  }));
  return buildManifest({ base: import.meta.env.BASE_URL, commit: history.head, pages, minorCommits: minor });
}

/** The search synonyms an organization edits (`<content>/_search/synonyms.yml`), if the wiki has them. */
export async function getSynonymsFile(): Promise<{ repoPath: string; url?: string } | undefined> {
  const { contentDir } = wikiLocations(siteConfig.contentDir);
  const file = path.join(contentDir, '_search', 'synonyms.yml');
  if (!existsSync(file)) return undefined;
  const history = await getHistory();
  const repoPath = (history.root ? path.relative(history.root, file) : path.join(siteConfig.contentDir, '_search', 'synonyms.yml')).split(path.sep).join('/');
  // On GitHub, HEAD names the default branch; its page has the pencil that edits the file.
  return { repoPath, ...(siteConfig.repository ? { url: `${siteConfig.repository.replace(/\/$/, '')}/blob/HEAD/${repoPath}` } : {}) };
}
