import { slug as slugHeading } from 'github-slugger';
import { humanize, parentSlug, slugFromPath, toPosix } from '../paths.ts';

/** What the link index needs to know about a page. */
export interface LinkTarget {
  slug: string;
  title: string;
  /** Other addresses that lead here: `redirect_from` and `permalink` of imported handbooks. */
  aliases?: readonly string[];
}

export type Resolution =
  | { kind: 'page'; slug: string; title: string; hash: string }
  | { kind: 'missing'; title: string; path: string | undefined; hash: string };

/** A title as links name it: NFC, spaces collapsed, lower case. Remembered: a wiki's links name the same pages over and over. */
const keys = new Map<string, string>();
function key(text: string): string {
  let out = keys.get(text);
  if (out === undefined) {
    if (keys.size > 100_000) keys.clear();
    keys.set(text, (out = text.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase()));
  }
  return out;
}
const trimSlashes = (p: string) => p.replace(/^\/+|\/+$/g, '');

/**
 * Resolves the targets of wikilinks and relative links to pages.
 *
 * - By slug: `hr/leave`, `/hr/leave/`, `hr/leave.mdx`, `../hr/leave.md` (relative to the linking file).
 * - By title, case-insensitively: `[[Annual leave]]`; an ambiguous title prefers the linking page's
 *   own section.
 * - By alias (`redirect_from`, `permalink`) and, as a last resort for imported handbooks whose
 *   links assume a flat site, by a file name that is unique in the whole wiki.
 */
export class LinkIndex {
  readonly #bySlug = new Map<string, LinkTarget>();
  readonly #byTitle = new Map<string, LinkTarget[]>();
  readonly #byAlias = new Map<string, LinkTarget>();
  readonly #byBasename = new Map<string, LinkTarget[]>();

  constructor(pages: Iterable<LinkTarget>) {
    for (const page of pages) {
      this.#bySlug.set(page.slug.toLowerCase(), page);
      push(this.#byTitle, key(page.title), page);
      for (const alias of page.aliases ?? []) this.#byAlias.set(trimSlashes(alias).toLowerCase(), page);
      push(this.#byBasename, (page.slug.split('/').at(-1) ?? '').toLowerCase(), page);
    }
  }

  get(slug: string): LinkTarget | undefined {
    return this.#bySlug.get(slug.toLowerCase());
  }

  /** `[[target]]` as written between the brackets (without `|label`), from the page `fromSlug`. */
  resolveWikilink(target: string, fromSlug: string): Resolution {
    const [raw = '', ...hashParts] = target.split('#');
    // `[[Page#Some heading]]` points at the heading's id, which is its GitHub-style slug.
    const hash = hashParts.length ? `#${slugHeading(hashParts.join('#'))}` : '';
    const name = raw.trim();
    if (!name) {
      const self = this.get(fromSlug);
      return self ? { kind: 'page', slug: self.slug, title: self.title, hash } : { kind: 'missing', title: fromSlug, path: undefined, hash };
    }
    if (name.includes('/')) {
      const path = trimSlashes(toPosix(name)).replace(/\.mdx?$/i, '');
      const found = this.get(path) ?? this.get(joinRelative(parentSlug(fromSlug) ?? '', path) ?? '') ?? this.#alias(path);
      if (found) return { kind: 'page', slug: found.slug, title: found.title, hash };
      const last = path.split('/').at(-1) ?? path;
      return { kind: 'missing', title: humanize(last), path, hash };
    }
    const byTitle = this.#byTitle.get(key(name));
    if (byTitle?.length) {
      const section = fromSlug.split('/')[0];
      const best = byTitle.find((p) => p.slug.split('/')[0] === section) ?? byTitle[0]!;
      return { kind: 'page', slug: best.slug, title: best.title, hash };
    }
    const bySlug = this.get(name) ?? this.get(joinRelative(parentSlug(fromSlug) ?? '', name) ?? '') ?? this.#alias(name);
    if (bySlug) return { kind: 'page', slug: bySlug.slug, title: bySlug.title, hash };
    return { kind: 'missing', title: name, path: undefined, hash };
  }

  /**
   * An ordinary link's href, from the file `fromFile` (path under the content folder).
   * Returns undefined for links that are not wiki pages (external URLs, mail, in-page anchors,
   * files that are not Markdown).
   */
  resolveHref(href: string, fromFile: string): Resolution | undefined {
    if (!href || href.startsWith('#') || href.startsWith('//') || /^[a-z][a-z0-9+.-]*:/i.test(href)) return undefined;
    const [beforeHash = '', ...hashParts] = href.split('#');
    const hash = hashParts.length ? `#${hashParts.join('#')}` : '';
    const pathPart = safeDecode(beforeHash.split('?')[0] ?? '');
    if (/\.(?!mdx?$|html?$)[a-z0-9]{1,5}$/i.test(pathPart)) return undefined; // an asset, not a page
    const cleaned = pathPart.replace(/\.(mdx?|html?)$/i, '').replace(/(^|\/)(index|readme)$/i, '$1');
    const rootRelative = cleaned.startsWith('/');
    const fromDir = toPosix(fromFile).split('/').slice(0, -1).join('/');
    const fromSlug = slugFromPath(fromFile);
    // Where the link may point, most likely first: as written (relative to the file, as on GitHub);
    // relative to the page's address (as a browser resolves it on a site with trailing slashes);
    // from the root (as Jekyll/Eleventy `page` tags mean it).
    const candidates = rootRelative
      ? [trimSlashes(cleaned)]
      : [joinRelative(fromDir, trimSlashes(cleaned)), joinRelative(fromSlug, trimSlashes(cleaned)), trimSlashes(cleaned)];
    const found =
      firstOf(candidates, (c) => this.get(c)) ??
      firstOf(candidates, (c) => this.#alias(c)) ??
      firstOf(candidates, (c) => this.#uniqueBasename(c));
    if (found) return { kind: 'page', slug: found.slug, title: found.title, hash };
    const best = candidates[0] ?? trimSlashes(cleaned);
    return { kind: 'missing', title: humanize(best.split('/').at(-1) || best), path: best, hash };
  }

  #alias(path: string): LinkTarget | undefined {
    return this.#byAlias.get(trimSlashes(path).toLowerCase());
  }

  #uniqueBasename(path: string): LinkTarget | undefined {
    if (!path) return undefined;
    const matches = this.#byBasename.get((path.split('/').at(-1) ?? '').toLowerCase());
    return matches?.length === 1 ? matches[0] : undefined;
  }
}

/** Joins a folder and a relative path, resolving `.` and `..`; undefined if it climbs above the root. */
export function joinRelative(dir: string, rel: string): string | undefined {
  const parts = dir ? dir.split('/') : [];
  for (const seg of rel.split('/')) {
    if (!seg || seg === '.') continue;
    if (seg === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else parts.push(seg);
  }
  return parts.join('/');
}

function firstOf<T>(candidates: (string | undefined)[], lookup: (candidate: string) => T | undefined): T | undefined {
  for (const c of candidates) {
    if (c === undefined) continue;
    const found = lookup(c);
    if (found) return found;
  }
  return undefined;
}

function push<K, V>(map: Map<K, V[]>, k: K, v: V) {
  const list = map.get(k);
  if (list) list.push(v);
  else map.set(k, [v]);
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
