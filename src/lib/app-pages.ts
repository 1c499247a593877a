/**
 * The site's two "app" pages, the editor (`/edit/`) and the history (`/history/`): one static page
 * each (and one per other UI language, `/edit/_he/`), which finds the wiki page it is about from
 * its own address, `/edit/<slug>/`, and loads that page's data from a chunk file. A page's chunk
 * follows from its slug and the number of chunks, so the first request needs no index. Browser-safe.
 */

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

/** The path of an app page in a UI language other than the site's: `_he`. Never a slug (a path part starting with `_` is not a page). */
export function variantSegment(lang: string): string {
  return `_${lang}`;
}

/**
 * The slug an app page at `app` (e.g. `/edit/`) is opened for: `?page=` if given (the fallbacks of
 * static hosts send it so), else the address below the app, `/edit/hr/leave/` → `hr/leave`.
 */
export function deepLinkSlug(app: string, pathname: string, search: string): string {
  const asked = new URLSearchParams(search).get('page');
  if (asked !== null) return asked.replace(/^\/+|\/+$/g, '');
  const below = pathname.startsWith(app) ? pathname.slice(app.length) : '';
  const parts = below.split('/').filter(Boolean).map((p) => safeDecode(p));
  return (parts[0]?.startsWith('_') ? parts.slice(1) : parts).join('/');
}

/** The address of the app page about `slug`: `/edit/hr/leave/` (`/edit/` for the home page). */
export function deepLinkPath(app: string, slug: string): string {
  return slug ? `${app}${slug.split('/').map(encodeURIComponent).join('/')}/` : app;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
