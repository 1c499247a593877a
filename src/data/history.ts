/** The wiki's git history for Astro pages: read once per HEAD (src/lib/history/cache.ts). */
import path from 'node:path';
import { cachedHistory, type WikiHistory } from '../lib/history/cache.ts';
import { siteConfig } from '../site.config.ts';

export function historyCacheDir(): string {
  return path.resolve(process.cwd(), process.env.PINKAS_CACHE_DIR ?? 'node_modules/.astro');
}

export function getHistory(): Promise<WikiHistory> {
  return cachedHistory(path.resolve(process.cwd(), siteConfig.contentDir), historyCacheDir());
}

/** A link to a commit on the repository's host, when the repository is configured. */
export function commitUrl(commit: string): string | undefined {
  return siteConfig.repository ? `${siteConfig.repository.replace(/\/$/, '')}/commit/${commit}` : undefined;
}
