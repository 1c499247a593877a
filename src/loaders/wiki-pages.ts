/**
 * The pages of the site's build, as the `pages` collection holds them: the content folder rendered
 * by `renderSiteWiki` (validation, link resolution, rendering in worker threads through the render
 * cache) with each page's history from git. The wiki loader puts them into the collection; the
 * content rebuild (src/integrations/content-rebuild/) computes them the same way. Invalid content
 * throws `file:line:col field: message`, every problem listed.
 */
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { formatDiagnostic } from '../lib/content/diagnostics.ts';
import { cachedHistory } from '../lib/history/cache.ts';
import { renderSiteWiki, wikiConfig, type RenderedSiteWiki } from '../lib/wiki/load.ts';
import { wikiLocations } from '../lib/wiki/locations.ts';
import { searchIndexInWorker } from '../lib/wiki/search-index.ts';
import { siteConfig } from '../site.config.ts';
import type { PageData } from './schemas.ts';

/** `PINKAS_RENDER_THREADS`: how many worker threads render pages (default: one per core). */
function renderThreads(): number | undefined {
  const n = Number(process.env.PINKAS_RENDER_THREADS);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

export interface SiteWikiPages {
  /** Each page's entry in the collection. */
  pages: PageData[];
  /** The rendered wiki the entries come from (the search index is built from its pages). */
  wiki: RenderedSiteWiki;
  /** Warnings to show (diagnostics, broken links, a shallow clone), one message each. */
  warnings: string[];
  /** `N pages from content/ in T ms (R rendered in K threads, C from the render cache)`. */
  summary: string;
}

/**
 * `siteWikiPages`, with the wiki's search index built beside it (as a build needs both): in a
 * worker thread started at once and given its job as soon as the pages are rendered, before the
 * history is read. If the pages fail, the worker stops and the index fails too.
 */
export function siteWikiPagesAndIndex(root: string, base: string): { pages: Promise<SiteWikiPages>; searchIndex: Promise<Map<string, string>> } {
  const { contentDir, cacheDir } = wikiLocations(siteConfig.contentDir, root);
  let rendered!: (wiki: RenderedSiteWiki) => void;
  const renderedWiki = new Promise<RenderedSiteWiki>((resolve) => (rendered = resolve));
  const pages = siteWikiPages(root, base, rendered);
  const job = Promise.race([renderedWiki, pages.then(({ wiki }) => wiki)]).then((wiki) => ({ contentDir, cacheDir, pages: wiki.pages }));
  const searchIndex = searchIndexInWorker(job, cacheDir);
  // Its failure is the search route's to report (or, if the pages failed, theirs).
  searchIndex.catch(() => {});
  return { pages, searchIndex };
}

/**
 * `onRendered` is told the rendered wiki as soon as it is, before the history is read: the search
 * index needs nothing else.
 */
export async function siteWikiPages(root: string, base: string, onRendered?: (wiki: RenderedSiteWiki) => void): Promise<SiteWikiPages> {
  const started = performance.now();
  const { contentDir: dir, displayDir, cacheDir } = wikiLocations(siteConfig.contentDir, root);
  const [wiki, history, realDir] = await Promise.all([
    renderSiteWiki({ ...wikiConfig(siteConfig, { base }), root }, renderThreads()).then((w) => {
      onRendered?.(w);
      return w;
    }),
    cachedHistory(dir, cacheDir),
    realpath(dir),
  ]);
  const errors = wiki.diagnostics.filter((d) => d.severity === 'error');
  const warnings = wiki.diagnostics.filter((d) => d.severity === 'warning').map(formatDiagnostic);
  if (wiki.brokenLinks.length) {
    warnings.push(
      `${wiki.brokenLinks.length} broken link${wiki.brokenLinks.length === 1 ? '' : 's'} (shown as red links to /new/):\n` +
        wiki.brokenLinks.map((b) => `  ${b.file}:${b.line}:${b.column} ${b.link}`).join('\n'),
    );
  }
  if (errors.length) {
    throw new Error(`${errors.length} problem${errors.length === 1 ? '' : 's'} in ${displayDir}/ must be fixed:\n${errors.map((d) => `  ${formatDiagnostic(d)}`).join('\n')}`);
  }
  if (history.shallow) warnings.push('The repository is a shallow clone: page history and revision counts only go back as far as the clone.');
  const pages = wiki.pages.map((page): PageData => {
    const revisions = page.path ? (history.files.get(page.path) ?? []) : [];
    const latest = revisions[0];
    return {
      ...page,
      revisions: revisions.length,
      ...(history.root && page.path ? { repoPath: path.relative(history.root, path.join(realDir, page.path)).split(path.sep).join('/') } : {}),
      ...(history.head ? { baseCommit: history.head } : {}),
      ...(latest ? { lastUpdated: { date: latest.date, author: latest.author, commit: latest.commit } } : {}),
    };
  });
  const { rendered, reused, threads } = wiki.stats;
  const summary = `${wiki.pages.length} pages from ${displayDir}/ in ${Math.round(performance.now() - started)} ms (${rendered} rendered in ${threads} thread${threads === 1 ? '' : 's'}, ${reused} from the render cache)`;
  return { pages, wiki, warnings, summary };
}
