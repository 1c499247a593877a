import type { Element, Root } from 'hast';
import type { Plugin } from 'unified';
import { visit } from './visit.ts';
import type { LinkIndex, Resolution } from '../links/link-index.ts';
import { joinRelative } from '../links/link-index.ts';
import { translator } from '../i18n/strings.ts';
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

/** What every page of one wiki shares; the linking page itself is read from `file.data`. */
export interface ResolveLinksOptions {
  index: LinkIndex;
  urls: UrlScheme;
  /** Whether a non-page file (image, PDF) exists at this path under the content folder. */
  assetExists?: (path: string) => boolean;
}

/**
 * rehype plugin: turns every link into its final address, in one place — wikilinks, relative
 * Markdown links (`../finance/expenses.md`), root-relative links (`/hr/leave/`) and the same in raw
 * HTML. A link to a page that does not exist becomes a red link to `/new/?title=…`. Links found are
 * recorded on `file.data.links` for backlinks, wanted pages and the broken-link report.
 */
export const rehypeResolveLinks: Plugin<[ResolveLinksOptions], Root> = (options) => (tree, file) => {
  const { index, urls } = options;
  const slug = file.data.slug ?? '';
  const contentPath = file.data.contentPath ?? '';
  const missingLabel = translator(file.data.lang ?? 'en')('link.missing');
  const links: PageLink[] = (file.data.links ??= []);
  const fromDir = toPosix(contentPath).split('/').slice(0, -1).join('/');

  /** Points the link at the page it resolved to, or makes it a red link, and records it. */
  const apply = (el: Element, raw: string, r: Resolution) => {
    const line = el.position?.start.line ?? 1;
    const column = el.position?.start.column ?? 1;
    if (r.kind === 'page') {
      el.properties.href = urls.page(r.slug, r.hash);
      links.push({ kind: 'page', target: r.slug, title: r.title, raw, line, column });
    } else {
      el.properties.href = urls.newPage(r.title, r.path);
      el.properties.className = [...classes(el), 'red-link'];
      el.properties.title = missingLabel;
      links.push({ kind: 'missing', target: r.path ?? r.title, title: r.title, raw, line, column });
    }
  };

  visit(tree, 'element', (el: Element) => {
    if (el.tagName === 'a' && typeof el.properties.href === 'string') {
      const href = el.properties.href;
      if (href.startsWith(`${WIKILINK_PROTOCOL}:`)) {
        const target = decodeURIComponent(href.slice(WIKILINK_PROTOCOL.length + 1));
        el.properties.className = [...classes(el), 'wikilink'];
        apply(el, `[[${target}]]`, index.resolveWikilink(target, slug));
        return;
      }
      const r = index.resolveHref(href, contentPath);
      if (r) {
        apply(el, href, r);
        return;
      }
      const asset = assetPath(href, fromDir);
      if (asset && options.assetExists?.(asset)) el.properties.href = urls.media(asset);
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
