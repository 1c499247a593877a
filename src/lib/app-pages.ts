/**
 * The site's two "app" pages, the editor and the history: one static page each (and one per other
 * UI language), which finds the wiki page it is about from its address (`/edit/<slug>/`, or
 * `?page=<slug>`) and loads that page's data from a chunk file. A page's chunk follows from its
 * slug and the number of chunks, so the first request needs no index. The app pages and their
 * data live under `/_wiki/`, which is never a page's address (a path part starting with `_` is not
 * a page), so that every address under `/edit/` and `/history/` can be sent to them. Browser-safe.
 */

/** The folder of the site's own files. */
export const INTERNAL = '_wiki';

export type App = 'edit' | 'history';

/** Where the wiki pages' addresses of an app begin: `edit` for `/edit/<slug>/`. */
export const appPrefixes: readonly App[] = ['edit', 'history'];

/** The app page of `app`, below the base path: `_wiki/edit`, or `_wiki/edit/he` in a UI language other than the site's. */
export function appPagePath(app: App, lang?: string): string {
  return lang ? `${INTERNAL}/${app}/${lang}` : `${INTERNAL}/${app}`;
}

/** Where an app's chunks are, below the base path (`<n>.json.gz` in it). */
export const chunkFolder: Readonly<Record<App, string>> = { edit: `${INTERNAL}/sources`, history: `${INTERNAL}/history-data` };

/** Every page's slug, title, language and other addresses, and the files beside the pages (for the editor). */
export const PAGES_FILE = `${INTERNAL}/pages.json`;

/** What an app page embeds to find its wiki page's data (addresses with the base path). */
export interface AppPageData {
  /** Where the app's addresses begin: `/edit/`. */
  prefix: string;
  /** Where its chunks are: `/_wiki/sources/` (`<n>.json.gz` in it). */
  chunkPath: string;
  /** How many chunks there are. */
  chunks: number;
  /** The site's base path, `/` or `/handbook/`. */
  base: string;
  /** This app page's UI language, and the site's. */
  lang: string;
  defaultLang: string;
  /** The app page of each UI language pages are written in, by language. */
  variants: Record<string, string>;
}

/** FNV-1a of the slug: which of `count` chunk files holds the page. */
export function chunkOf(slug: string, count: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < slug.length; i++) {
    hash ^= slug.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return count > 0 ? hash % count : 0;
}

/** How many chunk files for `items` pages, about `perChunk` in each. */
export function chunkCount(items: number, perChunk: number): number {
  return Math.max(1, Math.ceil(items / perChunk));
}

/**
 * The slug an app page is opened for: `?page=` if given (the Node server and the 404 page send it
 * so), else the address below the app's prefix (`prefix` `/edit/`): `/edit/hr/leave/` → `hr/leave`.
 */
export function deepLinkSlug(prefix: string, pathname: string, search: string): string {
  const asked = new URLSearchParams(search).get('page');
  if (asked !== null) return asked.replace(/^\/+|\/+$/g, '');
  const below = pathname.startsWith(prefix) ? pathname.slice(prefix.length) : '';
  return below.split('/').filter(Boolean).map((p) => safeDecode(p)).join('/');
}

/** The address of an app about `slug`: `/edit/hr/leave/` (`/edit/` for the home page), below `prefix` `/edit/`. */
export function deepLinkPath(prefix: string, slug: string): string {
  return slug ? `${prefix}${slug.split('/').map(encodeURIComponent).join('/')}/` : prefix;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
