/**
 * Builds the wiki model from a content folder: validated frontmatter, titles, the link index,
 * rendered HTML, and the diagnostics of every page. Astro's content loader, the content check and
 * the benchmarks all go through here; nothing in it knows about Astro.
 */
import type { Diagnostic } from './content/frontmatter.ts';
import { parseFrontmatter } from './content/frontmatter.ts';
import { liquidToMarkdown } from './content/liquid-compat.ts';
import type { ContentFolder } from './content/read-content.ts';
import { validateFrontmatter, type Status } from './content/schema.ts';
import { pageTitle } from './content/title.ts';
import { LinkIndex, type LinkTarget } from './links/link-index.ts';
import { createRenderer, type Format, type Heading, type PageLink, type TextSection, type UrlScheme } from './markdown/render.ts';
import { humanize, mediaTypes, parentSlug, sectionOf, slugFromPath, slugProblem } from './paths.ts';

export interface WikiPage {
  slug: string;
  /** Path under the content folder (`hr/leave.mdx`); empty for a folder without an index file. */
  path: string;
  format: Format;
  title: string;
  description?: string;
  owner: string[];
  tags: string[];
  lang: string;
  status: Status;
  effective?: string;
  reviewBy?: string;
  verified?: string;
  /** The page that replaces this one, resolved. */
  supersededBy?: { slug: string; title: string } | { missing: string };
  order?: number;
  /** Frontmatter keys Pinkas does not know, kept as they were. */
  extra: Record<string, unknown>;
  section: string;
  /** True for a folder that has no index file: its page lists the folder's pages. */
  generated: boolean;
  html: string;
  headings: Heading[];
  links: PageLink[];
  /** The text by section, for the search index. */
  sections: TextSection[];
  /** The source as written (for the editor and search). */
  source: string;
}

export interface BrokenLink {
  file: string;
  line: number;
  column: number;
  link: string;
  from: string;
}

export interface Wiki {
  pages: WikiPage[];
  diagnostics: Diagnostic[];
  brokenLinks: BrokenLink[];
}

export interface BuildOptions {
  /** How diagnostics name files: the content folder as seen from the repository, e.g. `content`. */
  displayDir: string;
  defaultLang: string;
  urls: UrlScheme;
  /** The home page's title, for links to `/`. */
  homeTitle?: string;
  /**
   * Raw HTML outside the policy in `.md` files is always removed; this says whether it is an
   * `error` (the content check, contributions) or only a `warning` (building imported handbooks).
   */
  mdHtmlPolicy?: Diagnostic['severity'];
}

const knownKeys = new Set(['title', 'description', 'owner', 'tags', 'lang', 'status', 'effective', 'review_by', 'verified', 'superseded_by', 'order']);

interface Prepared {
  page: Omit<WikiPage, 'html' | 'headings' | 'links' | 'sections' | 'supersededBy'>;
  body: string;
  displayPath: string;
  supersededBy?: string;
}

export function buildWiki(folder: ContentFolder, options: BuildOptions): Wiki {
  const diagnostics: Diagnostic[] = [];
  const prepared: Prepared[] = [];
  const bySlug = new Map<string, Prepared>();

  for (const source of folder.pages) {
    const displayPath = options.displayDir ? `${options.displayDir}/${source.path}` : source.path;
    const format: Format = source.path.toLowerCase().endsWith('.mdx') ? 'mdx' : 'md';
    const fm = parseFrontmatter(source.text, displayPath);
    diagnostics.push(...fm.diagnostics);
    const validated = validateFrontmatter(fm.data, displayPath, fm.lines);
    diagnostics.push(...validated.diagnostics);
    const data = validated.data ?? {};
    const body = format === 'md' ? liquidToMarkdown(fm.body) : fm.body;
    const slug = slugFromPath(source.path);
    const problem = slugProblem(slug);
    if (problem) {
      diagnostics.push({ file: displayPath, line: 1, column: 1, severity: 'error', field: 'path', message: problem });
      continue;
    }
    const clash = bySlug.get(slug);
    if (clash) {
      diagnostics.push({
        file: displayPath, line: 1, column: 1, severity: 'error', field: 'path',
        message: `this page has the same address /${slug}/ as ${clash.displayPath}; rename one of them`,
      });
      continue;
    }
    const extra = Object.fromEntries(Object.entries(fm.data).filter(([k]) => !knownKeys.has(k)));
    const item: Prepared = {
      displayPath,
      body,
      supersededBy: data.superseded_by,
      page: {
        slug,
        path: source.path,
        format,
        title: pageTitle(data.title, body, format, source.path),
        description: data.description,
        owner: data.owner ?? [],
        tags: data.tags ?? [],
        lang: data.lang ?? options.defaultLang,
        status: data.status ?? 'active',
        effective: data.effective,
        reviewBy: data.review_by,
        verified: data.verified,
        order: data.order,
        extra,
        section: sectionOf(slug),
        generated: false,
        source: source.text,
      },
    };
    prepared.push(item);
    bySlug.set(slug, item);
  }

  // Folders without an index file still get a page, so every page is reachable from the navigation.
  for (const item of [...prepared]) {
    for (let parent = parentSlug(item.page.slug); parent; parent = parentSlug(parent)) {
      if (bySlug.has(parent)) continue;
      const generated: Prepared = {
        displayPath: `${options.displayDir}/${parent}/`,
        body: '',
        page: {
          slug: parent, path: '', format: 'md', title: humanize(parent.split('/').at(-1)!), owner: [], tags: [],
          lang: options.defaultLang, status: 'active', extra: {}, section: sectionOf(parent), generated: true, source: '',
        },
      };
      prepared.push(generated);
      bySlug.set(parent, generated);
    }
  }

  const targets = prepared.map((p): LinkTarget => ({ slug: p.page.slug, title: p.page.title, aliases: aliasesOf(p.page.extra) }));
  // `/` is the home page, whether or not the content folder has an index file of its own.
  if (!bySlug.has('')) targets.push({ slug: '', title: options.homeTitle ?? 'Home' });
  const index = new LinkIndex(targets);
  const render = createRenderer({ index, urls: options.urls, assetExists: (path) => folder.assets.has(path) && extensionOf(path) in mediaTypes });

  const pages: WikiPage[] = [];
  const brokenLinks: BrokenLink[] = [];
  for (const item of prepared) {
    const { page } = item;
    let result = { html: '', headings: [] as Heading[], links: [] as PageLink[], sections: [] as TextSection[] };
    if (!page.generated) {
      const rendered = render({
        source: item.body,
        file: item.displayPath,
        contentPath: page.path,
        slug: page.slug,
        format: page.format,
        lang: page.lang,
        htmlPolicy: page.format === 'md' ? (options.mdHtmlPolicy ?? 'warning') : 'error',
      });
      diagnostics.push(...rendered.diagnostics);
      result = { html: rendered.html, headings: rendered.headings, links: rendered.links, sections: rendered.sections };
      for (const link of rendered.links) {
        if (link.kind === 'missing') brokenLinks.push({ file: item.displayPath, line: link.line, column: link.column, link: link.raw, from: page.slug });
      }
    }
    let supersededBy: WikiPage['supersededBy'];
    if (item.supersededBy) {
      const r = index.resolveWikilink(item.supersededBy, page.slug);
      supersededBy = r.kind === 'page' ? { slug: r.slug, title: r.title } : { missing: item.supersededBy };
      if (r.kind === 'missing') {
        diagnostics.push({
          file: item.displayPath, line: 1, column: 1, severity: 'warning', field: 'superseded_by',
          message: `superseded_by: no page is titled or found at "${item.supersededBy}"`,
        });
      }
    }
    pages.push({ ...page, ...result, supersededBy });
  }
  pages.sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
  return { pages, diagnostics, brokenLinks };
}

/** Other addresses of a page (`redirect_from`, `aliases`, `permalink`), for the link index. */
export function aliasesOf(extra: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const key of ['redirect_from', 'aliases', 'permalink']) {
    const value = extra[key];
    if (typeof value === 'string') out.push(value);
    else if (Array.isArray(value)) out.push(...value.filter((v): v is string => typeof v === 'string'));
  }
  return out;
}

function extensionOf(path: string): string {
  const dot = path.lastIndexOf('.');
  return dot === -1 ? '' : path.slice(dot).toLowerCase();
}
