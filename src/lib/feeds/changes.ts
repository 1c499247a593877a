/**
 * What the change feeds say: the commits that changed a page, a folder or the whole wiki, as Atom
 * entries. The wiki's feed, each section's and each page's are made here from the same history.
 */
import type { Revision } from '../history/git-log.ts';
import { recentChanges, type Change } from '../history/changes.ts';
import { slugFromPath } from '../paths.ts';
import type { AtomEntry } from './atom.ts';

/** How many changes a feed lists. */
export const FEED_LENGTH = 50;

/** A page a change touched, as the feed names it. */
export interface FeedPage {
  slug: string;
  title: string;
}

/**
 * The files the wiki publishes, each with its slug: not `_templates/`, `.github/` and the like.
 * Worked out once per history (a build's feeds ask for every section and page).
 */
const publishedOf = new WeakMap<ReadonlyMap<string, readonly Revision[]>, [path: string, slug: string, revisions: readonly Revision[]][]>();
function published(files: ReadonlyMap<string, readonly Revision[]>) {
  let out = publishedOf.get(files);
  if (!out) {
    out = [];
    for (const [path, revisions] of files) {
      if (!path.split('/').some((part) => part.startsWith('_') || part.startsWith('.'))) out.push([path, slugFromPath(path), revisions]);
    }
    publishedOf.set(files, out);
  }
  return out;
}

/**
 * The history of the files under `slug`: the page's own file and, for a folder, every file in it
 * (its pages and the images beside them). Files the wiki does not publish (`_templates/`,
 * `.github/`) are left out. `''` is the whole wiki.
 */
export function filesUnder(files: ReadonlyMap<string, readonly Revision[]>, slug: string): Map<string, readonly Revision[]> {
  const out = new Map<string, readonly Revision[]>();
  for (const [path, fileSlug, revisions] of published(files)) {
    if (slug === '' || fileSlug === slug || fileSlug.startsWith(`${slug}/`)) out.set(path, revisions);
  }
  return out;
}

/** The history of the page at `slug` alone (its own file), or undefined when no file has that slug. */
export function pageFile(files: ReadonlyMap<string, readonly Revision[]>, slug: string): { path: string; revisions: readonly Revision[] } | undefined {
  for (const [path, fileSlug, revisions] of published(files)) {
    if (fileSlug === slug && /\.mdx?$/i.test(path)) return { path, revisions };
  }
  return undefined;
}

export interface EntryOptions {
  /** The page at a path under the content folder, if it is one. */
  pageOf: (path: string) => FeedPage | undefined;
  /** An address on the wiki (`history/hr/leave`), as the feed links it. */
  url: (path: string) => string;
}

/** The newest changes among `files`, one entry per commit, linking the revision in the page's history. */
export function changeEntries(files: ReadonlyMap<string, readonly Revision[]>, options: EntryOptions, limit = FEED_LENGTH): AtomEntry[] {
  return recentChanges(files, limit).map((change) => entryOf(change, options));
}

function entryOf(change: Change, { pageOf, url }: EntryOptions): AtomEntry {
  const pages = change.paths.map(pageOf).filter((p) => p !== undefined);
  const first = pages[0];
  const link = first ? `${url(`history/${first.slug}`)}#r-${change.commit.slice(0, 12)}` : url('changes');
  const list = pages.map((p) => p.title).join(', ') || change.paths.join(', ');
  return {
    id: `urn:pinkas:commit:${change.commit}`,
    title: change.summary,
    updated: change.date,
    author: change.author,
    link,
    summary: `${change.author}: ${change.summary} (${list})`,
  };
}
