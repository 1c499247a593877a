import type { Element, Root } from 'hast';
import type { Plugin } from 'unified';
import { visit } from 'unist-util-visit';
import type { LinkIndex } from '../links/link-index.ts';
import { joinRelative } from '../links/link-index.ts';
import { toPosix } from '../paths.ts';
import { WIKILINK_PROTOCOL } from './remark-wikilinks.ts';

/** How the renderer spells the wiki's addresses (the site's base path lives here). */
export interface UrlScheme {
  page(slug: string, hash?: string): string;
  newPage(title: string, path?: string): string;
  media(path: string): string;
}

/** A link from this page to another page, or to a page that does not exist yet. */
export interface PageLink {
  kind: 'page' | 'missing';
  /** The target page's slug, or for a missing page the path it would have (if the link said). */
  target: string;
  title: string;
  line: number;
  column: number;
  /** The link as the author wrote it. */
  raw: string;
}

export interface ResolveLinksOptions {
  index: LinkIndex;
  /** The linking page's slug and its file path under the content folder. */
  slug: string;
  file: string;
  urls: UrlScheme;
  /** Whether a non-page file (image, PDF) exists at this path under the content folder. */
  assetExists?: (path: string) => boolean;
  /** Tooltip of red links, in the page's language. */
  missingLabel?: string;
}

/**
 * rehype plugin: turns every link into its final address, in one place — wikilinks, relative
 * Markdown links (`../finance/expenses.md`), root-relative links (`/hr/leave/`) and the same in raw
 * HTML. A link to a page that does not exist becomes a red link to `/new/?title=…`. Links found are
 * recorded on `file.data.links` for backlinks, wanted pages and the broken-link report.
 */
export const rehypeResolveLinks: Plugin<[ResolveLinksOptions], Root> = (options) => (tree, file) => {
  const { index, slug, urls } = options;
  const links: PageLink[] = (file.data.links ??= []);
  const fromDir = toPosix(options.file).split('/').slice(0, -1).join('/');

  const record = (el: Element, raw: string, kind: PageLink['kind'], target: string, title: string) =>
    links.push({ kind, target, title, raw, line: el.position?.start.line ?? 1, column: el.position?.start.column ?? 1 });

  const markMissing = (el: Element, title: string, path: string | undefined) => {
    el.properties.href = urls.newPage(title, path);
    el.properties.className = [...classes(el), 'red-link'];
    if (options.missingLabel) el.properties.title = options.missingLabel;
  };

  visit(tree, 'element', (el: Element) => {
    if (el.tagName === 'a' && typeof el.properties.href === 'string') {
      const href = el.properties.href;
      if (href.startsWith(`${WIKILINK_PROTOCOL}:`)) {
        const target = decodeURIComponent(href.slice(WIKILINK_PROTOCOL.length + 1));
        const raw = `[[${target}]]`;
        const r = index.resolveWikilink(target, slug);
        el.properties.className = [...classes(el), 'wikilink'];
        if (r.kind === 'page') {
          el.properties.href = urls.page(r.slug, r.hash);
          record(el, raw, 'page', r.slug, r.title);
        } else {
          markMissing(el, r.title, r.path);
          record(el, raw, 'missing', r.path ?? r.title, r.title);
        }
        return;
      }
      const r = index.resolveHref(href, options.file);
      if (r === undefined) {
        const asset = assetPath(href, fromDir);
        if (asset && options.assetExists?.(asset)) el.properties.href = urls.media(asset);
        return;
      }
      if (r.kind === 'page') {
        el.properties.href = urls.page(r.slug, r.hash);
        record(el, href, 'page', r.slug, r.title);
      } else {
        markMissing(el, r.title, r.path);
        record(el, href, 'missing', r.path ?? r.title, r.title);
      }
    } else if (el.tagName === 'img' && typeof el.properties.src === 'string') {
      const asset = assetPath(el.properties.src, fromDir);
      if (asset && options.assetExists?.(asset)) el.properties.src = urls.media(asset);
      if (el.properties.loading === undefined) el.properties.loading = 'lazy';
    }
  });
};

/** A relative or root-relative path to a file under the content folder, or undefined for URLs. */
function assetPath(href: string, fromDir: string): string | undefined {
  if (!href || href.startsWith('#') || href.startsWith('//') || /^[a-z][a-z0-9+.-]*:/i.test(href)) return undefined;
  const raw = href.split(/[?#]/)[0] ?? '';
  let path = raw;
  try {
    path = decodeURIComponent(raw);
  } catch {
    // A stray % in an address: use it as written.
  }
  return path.startsWith('/') ? joinRelative('', path) : joinRelative(fromDir, path);
}

function classes(el: Element): string[] {
  const c: unknown = el.properties.className;
  return Array.isArray(c) ? c.map(String) : typeof c === 'string' ? c.split(/\s+/) : [];
}
