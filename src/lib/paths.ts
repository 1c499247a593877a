/**
 * Where pages live: file path → slug → URL. A slug is the page's path under the content folder
 * without its extension (`hr/leave` for `hr/leave.mdx`); a folder's `index` file is the folder's
 * own page (`hr` for `hr/index.md`).
 */

export const contentExtensions = ['.md', '.mdx'] as const;

/** First URL segments the wiki itself uses; a content folder or page may not take them. */
export const reservedSlugs: ReadonlySet<string> = new Set([
  'search', 'edit', 'new', 'history', 'changes', 'changes.xml', 'health', 'health.json',
  'contributors', 'print', 'api', 'media', 'proposals', '404', '_astro', 'search-index',
]);

export function isContentFile(relPath: string): boolean {
  const lower = relPath.toLowerCase();
  return contentExtensions.some((ext) => lower.endsWith(ext));
}

/**
 * Files and folders whose name starts with `_` or `.` are not pages (`_templates/`, `.github/`),
 * nor are `README`/`CONTRIBUTING`-style repository files at the top of the content folder.
 */
export function isPagePath(relPath: string): boolean {
  const parts = toPosix(relPath).split('/');
  if (parts.some((part) => part.startsWith('_') || part.startsWith('.'))) return false;
  return isContentFile(relPath);
}

export function toPosix(p: string): string {
  return p.replace(/\\/g, '/');
}

/** `hr/Annual Leave.mdx` → `hr/Annual-Leave`; `hr/index.md` → `hr`; `index.md` → `` (the home page). */
export function slugFromPath(relPath: string): string {
  const withoutExt = toPosix(relPath).replace(/\.mdx?$/i, '');
  const parts = withoutExt.split('/').filter(Boolean).map((part) => part.trim().replace(/\s+/g, '-'));
  const last = parts.at(-1)?.toLowerCase();
  if (last === 'index' || last === 'readme') parts.pop();
  return parts.join('/');
}

/** The section a slug belongs to: its first segment (`hr` for `hr/leave/annual`). */
export function sectionOf(slug: string): string {
  return slug.split('/')[0] ?? '';
}

export function parentSlug(slug: string): string | undefined {
  if (!slug) return undefined;
  const i = slug.lastIndexOf('/');
  return i === -1 ? '' : slug.slice(0, i);
}

/** Why a slug cannot be a page, or undefined when it can. */
export function slugProblem(slug: string): string | undefined {
  const first = sectionOf(slug).toLowerCase();
  if (reservedSlugs.has(first)) return `"${first}" is a reserved address of the wiki (${[...reservedSlugs].filter((s) => !s.startsWith('_')).join(', ')}); rename the folder or file`;
  return undefined;
}

/** Joins the site's base path and a wiki path: `url('/docs/', 'hr/leave')` → `/docs/hr/leave/`. */
export function joinUrl(base: string, path: string, trailingSlash = true): string {
  const b = base.endsWith('/') ? base : `${base}/`;
  const [pathPart = '', hash = ''] = path.split(/(?=#)/);
  const [p, query = ''] = pathPart.split(/(?=\?)/);
  const clean = (p ?? '').replace(/^\/+/, '');
  const withSlash = clean && trailingSlash && !clean.endsWith('/') && !/\.[a-z0-9]+$/i.test(clean) ? `${clean}/` : clean;
  return `${b}${encodePath(withSlash)}${query}${hash}`;
}

function encodePath(path: string): string {
  return path.split('/').map((seg) => encodeURIComponent(decodeSafe(seg))).join('/');
}

function decodeSafe(seg: string): string {
  try {
    return decodeURIComponent(seg);
  } catch {
    return seg;
  }
}

/** `paid-parental_leave` → `Paid parental leave`: the title of last resort. */
export function humanize(name: string): string {
  const words = name.replace(/\.mdx?$/i, '').replace(/[-_]+/g, ' ').replace(/\s+/g, ' ').trim();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : name;
}

/** Files beside the pages that the site publishes under `/media/`, by extension. */
export const mediaTypes: Readonly<Record<string, string>> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.pdf': 'application/pdf',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
};
