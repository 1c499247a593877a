/**
 * The wiki's git history for Astro pages and the Node server: read once per HEAD
 * (src/lib/history/cache.ts). Apart from the wiki model (wiki.ts), so that the server's routes
 * that read the history (the page feeds) do not bundle the content collections.
 */
import { cachedHistory, type WikiHistory } from '../lib/history/cache.ts';
import { wikiLocations } from '../lib/wiki/locations.ts';
import { siteConfig } from '../site.config.ts';

let built: Promise<WikiHistory> | undefined;

/**
 * Once per build; in `npm run dev`, on every request, which re-reads the history only when HEAD
 * moved (checking HEAD is a process spawn: never do it once per page of a build).
 */
export function getHistory(): Promise<WikiHistory> {
  const { contentDir, cacheDir } = wikiLocations(siteConfig.contentDir);
  const read = () => cachedHistory(contentDir, cacheDir);
  if (import.meta.env.DEV) return read();
  built ??= read();
  return built;
}

/** A link to a commit on the repository's host, when the repository is configured. */
export function commitUrl(commit: string): string | undefined {
  return siteConfig.repository ? `${siteConfig.repository.replace(/\/$/, '')}/commit/${commit}` : undefined;
}

