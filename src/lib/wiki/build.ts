/**
 * Builds the wiki model from a content folder: every page prepared (`preparePage`), the pages that
 * folders without an index file get, the link index, every page rendered through the one pipeline,
 * and the problems of every page. Nothing here knows about Astro.
 *
 * The steps are exported one by one so that the site's build (src/lib/wiki/render-wiki.ts, which
 * renders in worker threads and keeps a render cache) goes through exactly the same ones.
 */
import { diagnosticsOf, type Diagnostic } from '../content/diagnostics.ts';
import { buildPolicy, type ContentPolicy } from '../content/policy.ts';
import { preparePage, type PreparedPage, type PrepareOptions } from '../content/prepare.ts';
import type { ContentFolder } from '../content/read-content.ts';
import { aliasesOf } from '../links/aliases.ts';
import { LinkIndex, type LinkTarget } from '../links/link-index.ts';
import { remarkNativeParse } from '../markdown/native-parse.ts';
import { createPipeline, renderFile, type Heading, type PageLink, type RenderContext, type TextSection, type UrlScheme } from '../markdown/render.ts';
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

/** What preparing a page found out, without the page's `VFile`: plain data, cheap to send and to cache. */
export type PageFacts = Omit<PreparedPage, 'file' | 'source'> & {
  /** The problems found while preparing. */
  diagnostics: Diagnostic[];
};

/** What rendering a page gives, besides its HTML. */
export interface RenderedFacts {
  headings: Heading[];
  links: PageLink[];
  sections: TextSection[];
  /** Every message on the page: those of preparing first, then rendering's. */
  diagnostics: Diagnostic[];
}

export type Shell = Omit<WikiPage, 'html' | 'headings' | 'links' | 'sections' | 'supersededBy' | 'source'>;

export function prepareOptions(options: Pick<BuildOptions, 'displayDir' | 'defaultLang' | 'policy'>): PrepareOptions {
  return { displayDir: options.displayDir, defaultLang: options.defaultLang, policy: options.policy ?? buildPolicy };
}

export function factsOf(page: PreparedPage): PageFacts {
  const { file, source: _source, ...facts } = page;
  return { ...facts, diagnostics: diagnosticsOf(file) };
}

function shellOf(page: PageFacts): Shell {
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
  };
}

/** The page a folder without an index file gets: it lists what is in the folder. */
function folderPage(slug: string, lang: string): Shell {
  return {
    slug, path: '', format: 'md', title: humanize(slug.split('/').at(-1)!), owner: [], tags: [],
    lang, status: 'active', acknowledge: [], extra: {}, section: sectionOf(slug), generated: true,
  };
}

/** Keeps the publishable pages, one per address; the others' problems go to `diagnostics`. */
export function publishablePages<T extends PageFacts>(pages: readonly T[], diagnostics: Diagnostic[]): T[] {
  const bySlug = new Map<string, T>();
  for (const page of pages) {
    if (!page.publishable) {
      diagnostics.push(...page.diagnostics);
      continue;
    }
    const clash = bySlug.get(page.slug);
    if (clash) {
      diagnostics.push(...page.diagnostics, {
        file: page.displayPath, line: 1, column: 1, severity: 'error', field: 'path',
        message: `this page has the same address /${page.slug}/ as ${clash.displayPath}; rename one of them`,
      });
      continue;
    }
    bySlug.set(page.slug, page);
  }
  return [...bySlug.values()];
}

/** Every page of the wiki without its content (generated folder pages included), and the link index's targets. */
export function wikiShells(pages: readonly PageFacts[], options: Pick<BuildOptions, 'defaultLang' | 'homeTitle'>): { shells: Map<string, Shell>; targets: LinkTarget[] } {
  const shells = new Map<string, Shell>(pages.map((p) => [p.slug, shellOf(p)]));
  // Folders without an index file still get a page, so every page is reachable from the navigation.
  for (const page of pages) {
    for (let parent = parentSlug(page.slug); parent; parent = parentSlug(parent)) {
      if (!shells.has(parent)) shells.set(parent, folderPage(parent, options.defaultLang));
    }
  }
  const targets = [...shells.values()].map((p): LinkTarget => ({ slug: p.slug, title: p.title, aliases: aliasesOf(p.extra) }));
  // `/` is the home page, whether or not the content folder has an index file of its own.
  if (!shells.has('')) targets.push({ slug: '', title: options.homeTitle ?? 'Home' });
  return { shells, targets };
}

/** Whether a file beside the pages is one the site publishes (and so one a page may link to). */
export function publishedAsset(assets: ReadonlySet<string>) {
  return (path: string) => assets.has(path) && extensionOf(path) in mediaTypes;
}

/** What every page of the wiki shares while rendering. */
export function renderContext(index: LinkIndex, assets: ReadonlySet<string>, urls: UrlScheme): RenderContext {
  return { index, urls, assetExists: publishedAsset(assets) };
}

/**
 * The wiki-level findings about one rendered page: its broken links and its successor, resolved
 * like a wikilink (a successor that cannot be found is a warning).
 */
export function finishPage(page: PageFacts, rendered: RenderedFacts, index: LinkIndex, diagnostics: Diagnostic[], brokenLinks: BrokenLink[]): Pick<WikiPage, 'supersededBy'> {
  diagnostics.push(...rendered.diagnostics);
  for (const link of rendered.links) {
    if (link.kind === 'missing') brokenLinks.push({ file: page.displayPath, line: link.line, column: link.column, link: link.raw, from: page.slug });
  }
  return { supersededBy: resolveSuccessor(page, index, diagnostics) };
}

export function sortBySlug<T extends { slug: string }>(pages: T[]): T[] {
  return pages.sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
}

export function buildWiki(folder: ContentFolder, options: BuildOptions): Wiki {
  const diagnostics: Diagnostic[] = [];
  const profile = prepareOptions(options);
  const prepared = new Map(folder.pages.map((source) => {
    const page = preparePage(source.path, source.text, profile);
    return [page, factsOf(page)] as const;
  }));
  const facts = publishablePages([...prepared.values()], diagnostics);
  const { shells, targets } = wikiShells(facts, options);
  const index = new LinkIndex(targets);
  const pipeline = createPipeline(renderContext(index, folder.assets, options.urls), { parser: remarkNativeParse });
  const sources = new Map([...prepared.keys()].map((p) => [p.path, p]));

  const pages: WikiPage[] = [];
  const brokenLinks: BrokenLink[] = [];
  for (const page of facts) {
    const prepared = sources.get(page.path)!;
    const rendered = renderFile(pipeline, prepared.file, prepared.format);
    const { supersededBy } = finishPage(page, rendered, index, diagnostics, brokenLinks);
    pages.push({ ...shells.get(page.slug)!, source: prepared.source, html: rendered.html, headings: rendered.headings, links: rendered.links, sections: rendered.sections, supersededBy });
  }
  for (const shell of shells.values()) {
    if (shell.generated) pages.push({ ...shell, source: '', html: '', headings: [], links: [], sections: [] });
  }
  return { pages: sortBySlug(pages), diagnostics, brokenLinks };
}

function resolveSuccessor(page: PageFacts, index: LinkIndex, diagnostics: Diagnostic[]): WikiPage['supersededBy'] {
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
