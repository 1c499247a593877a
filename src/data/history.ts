/** The wiki's history chunks for Astro pages, from its git history (git-history.ts). */
import { createHash } from 'node:crypto';
import { chunkCount, chunkOf } from '../lib/app-pages.ts';
import { historyFragment } from '../lib/history/fragment.ts';
import type { HistoryChunk, HistoryEntry } from '../records/types.ts';
import { siteConfig } from '../site.config.ts';
import { commitUrl, getHistory } from './git-history.ts';
import { getWiki, href, type Page } from './wiki.ts';

export { commitUrl, getHistory } from './git-history.ts';

/** About this many pages' histories in one chunk file (`/_wiki/history-data/<n>.json.gz`): ~40 KB gzip with a real wiki's history, one file for every 256 pages. */
export const HISTORY_PER_CHUNK = 256;

let chunks: Promise<Map<number, Page[]>> | undefined;

/** The pages that have a history (files, not the home page), by history chunk. */
export function getHistoryChunks(): Promise<Map<number, Page[]>> {
  if (import.meta.env.DEV || !chunks) {
    chunks = getWiki().then((wiki) => {
      const pages = wiki.pages.filter((p) => p.slug !== '' && p.path);
      const count = chunkCount(pages.length, HISTORY_PER_CHUNK);
      const out = new Map<number, Page[]>(Array.from({ length: count }, (_, i) => [i, []]));
      for (const page of pages) out.get(chunkOf(page.slug, count))!.push(page);
      return out;
    });
  }
  return chunks;
}

/**
 * What a history chunk is made of, as one hash: the `cacheKey` its route gives Astro's incremental
 * build, which copies the chunk from the last build while it is unchanged. Every input of
 * `historyChunk` goes in (the code is Astro's to hash).
 */
export async function historyChunkKey(pages: readonly Page[]): Promise<string> {
  const history = await getHistory();
  const facts = [
    siteConfig.repository ?? null,
    import.meta.env.BASE_URL,
    history.available,
    history.shallow,
    // A commit's change to a file is fixed once made: the commits name the patches.
    pages.map((page) => [page.slug, page.title, page.lang, page.path, history.files.get(page.path) ?? [], history.patches.commits(page.path)]),
  ];
  return createHash('sha256').update(JSON.stringify(facts)).digest('base64url');
}

/** One history chunk: each page's history, as HTML in the page's language. */
export async function historyChunk(pages: readonly Page[]): Promise<HistoryChunk> {
  const history = await getHistory();
  const entries = pages.map((page): [string, HistoryEntry] => [
    page.slug,
    {
      lang: page.lang,
      title: page.title,
      html: historyFragment({
        title: page.title,
        lang: page.lang,
        href: href(page.slug),
        revisions: history.files.get(page.path) ?? [],
        patches: history.patches.get(page.path),
        available: history.available,
        shallow: history.shallow,
        commitUrl,
      }),
    },
  ]);
  return { pages: Object.fromEntries(entries) };
}
