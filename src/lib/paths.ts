/**
 * Where pages live: file path → slug → URL. A slug is the page's path under the content folder
 * without its extension (`hr/leave` for `hr/leave.mdx`); a folder's `index` file is the folder's
 * own page (`hr` for `hr/index.md`).
 */

export const contentExtensions = ['.md', '.mdx'] as const;

/** First URL segments the wiki itself uses; a content folder or page may not take them. */
export const reservedSlugs: ReadonlySet<string> = new Set([
  'search', 'edit', 'new', 'history', 'changes', 'changes.xml', 'health', 'health.json',
  'contributors', 'print', 'api', 'media', 'proposals', '404', '_astro', 'search-index', 'reading', 'service.json',
]);

export function isContentFile(relPath: string): boolean {
  const lower = relPath.toLowerCase();
  return contentExtensions.some((ext) => lower.endsWith(ext));
}

/**
 * Markdown/MDX files are pages, except in files and folders whose name starts with `_` or `.`
 * (`_templates/`, `.github/`). A `README.md` is its folder's page, like `index.md`.
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

/** Device names Windows keeps for itself, with or without an extension (`con.md` cannot be checked out). */
const windowsDevices = /^(?:con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)(?:\.|$)/i;

/**
 * Why a file or folder name cannot hold a page or image in the wiki, or undefined when it can.
 * Every name must work as a web address and on every checkout (Windows, macOS, Linux):
 * no `%`, `#`, `?` (they change what an address means), no characters Windows forbids
 * (`< > : " | * \`) or control characters, no device names (`CON`, `NUL`, `COM1`…), no 8.3 short
 * names (`GIT~1`), no leading or trailing spaces or dots, at most 255 bytes.
 */
export function nameProblem(name: string): string | undefined {
  if (!name) return 'is empty';
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'contains a control character';
  if (/[%#?]/.test(name)) return `contains "${/[%#?]/.exec(name)![0]}", which changes what a web address means`;
  if (/[<>:"|*\\]/.test(name)) return `contains "${/[<>:"|*\\]/.exec(name)![0]}", which Windows does not allow in file names`;
  if (/^[ .]|[ .]$/.test(name)) return 'starts or ends with a space or a dot';
  if (windowsDevices.test(name)) return `"${name.split('.')[0]}" is a device name on Windows`;
  if (/~\d+(?:\.|$)/.test(name)) return 'looks like a Windows short name (like GIT~1)';
  if (new TextEncoder().encode(name).length > 255) return 'is longer than 255 bytes';
  return undefined;
}

/** Why a path under the content folder cannot hold a page or file, or undefined when it can. */
export function pathProblem(relPath: string): string | undefined {
  for (const part of toPosix(relPath).split('/')) {
    const problem = nameProblem(part);
    if (problem) return `the name "${part.slice(0, 80)}" ${problem}; rename it`;
  }
  return undefined;
}

/** Why a page at this path (under the content folder) cannot be published, or undefined when it can. */
export function pageAddressProblem(relPath: string): string | undefined {
  const problem = pathProblem(relPath);
  if (problem) return problem;
  const first = sectionOf(slugFromPath(relPath)).toLowerCase();
  if (reservedSlugs.has(first)) return `"${first}" is a reserved address of the wiki (${[...reservedSlugs].filter((s) => !s.startsWith('_')).join(', ')}); rename the folder or file`;
  return undefined;
}

/**
 * The key under which two paths are the same on a case-insensitive or normalizing file system
 * (macOS, Windows): `HR/Leave.md` and `hr/leave.md`, or `é` composed and decomposed.
 */
export function foldedPath(relPath: string): string {
  return toPosix(relPath).normalize('NFC').toLowerCase();
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
