/**
 * Builds the wiki model from a content folder: every page prepared (`preparePage`), the pages that
 * folders without an index file get, the link index, every page rendered through the one pipeline,
 * and the problems of every page. Nothing here knows about Astro.
 */
import { diagnosticsOf, type Diagnostic } from '../content/diagnostics.ts';
import { buildPolicy, type ContentPolicy } from '../content/policy.ts';
import { preparePage, type PreparedPage } from '../content/prepare.ts';
import type { ContentFolder } from '../content/read-content.ts';
import { aliasesOf } from '../links/aliases.ts';
import { LinkIndex, type LinkTarget } from '../links/link-index.ts';
import { createPipeline, renderFile, type UrlScheme } from '../markdown/render.ts';
import { humanize, mediaTypes, parentSlug, sectionOf } from '../paths.ts';
import type { BrokenLink, Wiki, WikiPage } from './types.ts';

export interface BuildOptions {
  /** How diagnostics name files: the content folder as seen from the repository, e.g. `content`. */
  displayDir: string;
  defaultLang: string;
  urls: UrlScheme;
  /** The home page's title, for links to `/`. */
  homeTitle?: string;
  /** How strictly pages are held (default: the build's, which reports and goes on). */
  policy?: ContentPolicy;
}

type Shell = Omit<WikiPage, 'html' | 'headings' | 'links' | 'sections' | 'supersededBy'>;

function shellOf(page: PreparedPage): Shell {
  const fm = page.frontmatter;
  return {
    slug: page.slug,
    path: page.path,
    format: page.format,
    title: page.title,
    description: fm.description,
    owner: fm.owner ?? [],
    tags: fm.tags ?? [],
    lang: page.lang,
    status: fm.status ?? 'active',
    effective: fm.effective,
    reviewBy: fm.review_by,
    verified: fm.verified,
    order: fm.order,
    acknowledge: fm.acknowledge ?? [],
    extra: page.extra,
    section: sectionOf(page.slug),
    generated: false,
    source: page.source,
  };
}

/** The page a folder without an index file gets: it lists what is in the folder. */
function folderPage(slug: string, lang: string): Shell {
  return {
    slug, path: '', format: 'md', title: humanize(slug.split('/').at(-1)!), owner: [], tags: [],
    lang, status: 'active', acknowledge: [], extra: {}, section: sectionOf(slug), generated: true, source: '',
  };
}

/** Prepares every page and keeps the publishable ones, one per address. */
function preparePages(folder: ContentFolder, options: BuildOptions, diagnostics: Diagnostic[]): PreparedPage[] {
  const profile = { displayDir: options.displayDir, defaultLang: options.defaultLang, policy: options.policy ?? buildPolicy };
  const bySlug = new Map<string, PreparedPage>();
  for (const source of folder.pages) {
    const page = preparePage(source.path, source.text, profile);
    if (!page.publishable) {
      diagnostics.push(...diagnosticsOf(page.file));
      continue;
    }
    const clash = bySlug.get(page.slug);
    if (clash) {
      diagnostics.push(...diagnosticsOf(page.file), {
        file: page.displayPath, line: 1, column: 1, severity: 'error', field: 'path',
        message: `this page has the same address /${page.slug}/ as ${clash.displayPath}; rename one of them`,
      });
      continue;
    }
    bySlug.set(page.slug, page);
  }
  return [...bySlug.values()];
}

export function buildWiki(folder: ContentFolder, options: BuildOptions): Wiki {
  const diagnostics: Diagnostic[] = [];
  const prepared = preparePages(folder, options, diagnostics);
  const shells = new Map<string, Shell>(prepared.map((p) => [p.slug, shellOf(p)]));
  // Folders without an index file still get a page, so every page is reachable from the navigation.
  for (const page of prepared) {
    for (let parent = parentSlug(page.slug); parent; parent = parentSlug(parent)) {
      if (!shells.has(parent)) shells.set(parent, folderPage(parent, options.defaultLang));
    }
  }

  const targets = [...shells.values()].map((p): LinkTarget => ({ slug: p.slug, title: p.title, aliases: aliasesOf(p.extra) }));
  // `/` is the home page, whether or not the content folder has an index file of its own.
  if (!shells.has('')) targets.push({ slug: '', title: options.homeTitle ?? 'Home' });
  const index = new LinkIndex(targets);
  const pipeline = createPipeline({ index, urls: options.urls, assetExists: (path) => folder.assets.has(path) && extensionOf(path) in mediaTypes });

  const pages: WikiPage[] = [];
  const brokenLinks: BrokenLink[] = [];
  for (const page of prepared) {
    const rendered = renderFile(pipeline, page.file, page.format);
    diagnostics.push(...rendered.diagnostics);
    for (const link of rendered.links) {
      if (link.kind === 'missing') brokenLinks.push({ file: page.displayPath, line: link.line, column: link.column, link: link.raw, from: page.slug });
    }
    const supersededBy = resolveSuccessor(page, index, diagnostics);
    pages.push({ ...shells.get(page.slug)!, html: rendered.html, headings: rendered.headings, links: rendered.links, sections: rendered.sections, supersededBy });
  }
  for (const shell of shells.values()) {
    if (shell.generated) pages.push({ ...shell, html: '', headings: [], links: [], sections: [] });
  }
  pages.sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
  return { pages, diagnostics, brokenLinks };
}

/** `superseded_by`, resolved like a wikilink; a successor that cannot be found is a warning. */
function resolveSuccessor(page: PreparedPage, index: LinkIndex, diagnostics: Diagnostic[]): WikiPage['supersededBy'] {
  const target = page.frontmatter.superseded_by;
  if (!target) return undefined;
  const r = index.resolveWikilink(target, page.slug);
  if (r.kind === 'page') return { slug: r.slug, title: r.title };
  diagnostics.push({
    file: page.displayPath, line: 1, column: 1, severity: 'warning', field: 'superseded_by',
    message: `superseded_by: no page is titled or found at "${target}"`,
  });
  return { missing: target };
}

function extensionOf(path: string): string {
  const dot = path.lastIndexOf('.');
  return dot === -1 ? '' : path.slice(dot).toLowerCase();
}
