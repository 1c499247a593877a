/** The wiki's git history for Astro pages: read once per HEAD (src/lib/history/cache.ts). */
import path from 'node:path';
import { cachedHistory, type WikiHistory } from '../lib/history/cache.ts';
import { siteConfig } from '../site.config.ts';

export function historyCacheDir(): string {
  return path.resolve(process.cwd(), process.env.PINKAS_CACHE_DIR ?? 'node_modules/.astro');
}

let built: Promise<WikiHistory> | undefined;

/**
 * Once per build; in `npm run dev`, on every request, which re-reads the history only when HEAD
 * moved (checking HEAD is a process spawn: never do it once per page of a build).
 */
export function getHistory(): Promise<WikiHistory> {
  const read = () => cachedHistory(path.resolve(process.cwd(), siteConfig.contentDir), historyCacheDir());
  if (import.meta.env.DEV) return read();
  built ??= read();
  return built;
}

/** A link to a commit on the repository's host, when the repository is configured. */
export function commitUrl(commit: string): string | undefined {
  return siteConfig.repository ? `${siteConfig.repository.replace(/\/$/, '')}/commit/${commit}` : undefined;
}
