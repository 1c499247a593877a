/**
 * What the editor pages read at build time: the page list for the link index and the page picker
 * (`/_wiki/pages.json`), the source chunks, the files beside the pages, the templates and sections of `/new/`.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { getCollection } from 'astro:content';
import { appPagePath, chunkCount, chunkFolder, chunkOf, INTERNAL, type App, type AppPageData } from '../lib/app-pages.ts';
import { listContentFolder, mapBounded } from '../lib/content/read-content.ts';
import { parseFrontmatter } from '../lib/content/frontmatter.ts';
import { removeYamlKey } from '../lib/content/new-page.ts';
import { aliasesOf } from '../lib/links/aliases.ts';
import { languages } from '../lib/i18n/strings.ts';
import { humanize, joinUrl, mediaTypes, slugFromPath } from '../lib/paths.ts';
import { newPagePath } from '../lib/urls.ts';
import { wikiLocations } from '../lib/wiki/locations.ts';
import { siteConfig } from '../site.config.ts';
import { handedTemplates } from '../loaders/hand-over.ts';
import type { EditorAppData, PageEntry, PagesFile, PropertyChoices, ProposalLimits, SourceChunk, TemplateEntry } from '../editor/types.ts';
import { proposalLimits as serviceLimits } from '../lib/proposals/wire.ts';
import { getWiki, href, type Page } from './wiki.ts';

let assets: Promise<string[]> | undefined;

/** Images and other files beside the pages that the site publishes under /media/. */
export function getAssets(): Promise<string[]> {
  if (import.meta.env.DEV || !assets) {
    assets = listContentFolder(wikiLocations(siteConfig.contentDir).contentDir).then((folder) =>
      [...folder.assets].filter((file) => path.extname(file).toLowerCase() in mediaTypes).sort(),
    );
  }
  return assets;
}

export async function getPagesFile(): Promise<PagesFile> {
  const wiki = await getWiki();
  const pages = wiki.pages.map((p): PageEntry => {
    const aliases = aliasesOf(p.extra);
    return { slug: p.slug, title: p.title, lang: p.lang, ...(aliases.length ? { aliases } : {}), ...(p.path ? { path: p.path } : {}) };
  });
  return { home: siteConfig.title, pages, assets: await getAssets(), propertyChoices: propertyChoices(wiki.pages) };
}

/** Every owner and tag the pages use, for the editor's properties form. */
function propertyChoices(pages: readonly Page[]): PropertyChoices {
  const sorted = (values: Iterable<string>) => [...new Set(values)].filter(Boolean).sort((a, b) => a.localeCompare(b));
  return { owners: sorted(pages.flatMap((p) => p.owner)), tags: sorted(pages.flatMap((p) => p.tags)) };
}

/** Whether a page can be edited: it is a file (not a generated folder page) in a git repository. */
export function isEditable(page: Page): page is Page & { repoPath: string; baseCommit: string } {
  return !page.generated && Boolean(page.path && page.repoPath && page.baseCommit);
}

/** The content folder as seen from the repository root (`content/`), from any page that knows both. */
export function contentPrefix(pages: Page[]): string | null {
  const page = pages.find((p) => p.repoPath && p.path && p.repoPath.endsWith(p.path));
  return page ? page.repoPath!.slice(0, page.repoPath!.length - page.path.length) : null;
}

export async function getTemplates(): Promise<TemplateEntry[]> {
  // A build reads the templates its loader handed over (src/loaders/hand-over.ts); `npm run dev` the collection.
  const entries = (import.meta.env.DEV ? undefined : handedTemplates()) ?? (await getCollection('templates'));
  return entries
    .map((e) => {
      const data = e.data;
      return {
        name: data.name,
        title: data.title,
        ...(data.description ? { description: data.description } : {}),
        format: data.path.toLowerCase().endsWith('.mdx') ? ('mdx' as const) : ('md' as const),
        lang: templateLang(e.body ?? ''),
        source: withoutTemplateKey(e.body ?? ''),
      };
    })
    .sort((a, b) => a.title.localeCompare(b.title));
}

/** The language a template is written in: its frontmatter's `lang`, else the wiki's. */
function templateLang(text: string): string {
  const lang = parseFrontmatter(text, 'template').data.lang;
  return typeof lang === 'string' && lang ? lang : siteConfig.defaultLang;
}

function withoutTemplateKey(text: string): string {
  const match = /^(---[ \t]*\r?\n)([\s\S]*?\r?\n)?(---[ \t]*(?:\r?\n|$))/.exec(text);
  if (!match?.[2]) return text;
  const yaml = removeYamlKey(match[2].replace(/\r?\n$/, ''), 'template').replace(/\n+$/, '');
  return `${match[1]}${yaml ? `${yaml}\n` : ''}${match[3]}${text.slice(match[0].length)}`;
}

/** The top-level folders of the content folder, the sections a new page can go in. */
export async function getSections(): Promise<{ folder: string; title: string }[]> {
  const wiki = await getWiki();
  const folders = new Set(wiki.pages.filter((p) => p.path.includes('/')).map((p) => p.path.split('/')[0]!));
  return [...folders]
    .map((folder) => ({ folder, title: wiki.bySlug.get(slugFromPath(folder))?.title ?? humanize(folder) }))
    .sort((a, b) => a.title.localeCompare(b.title));
}

/**
 * The static paths of a page of the wiki's own that exists once per UI language (`/new/`,
 * `/proposals/`): `[...lang]` empty in the wiki's language, `<lang>` in each other; the middleware
 * takes the request's language from the `lang` prop.
 */
export function uiLanguagePaths(): { params: { lang: string | undefined }; props: { lang: string } }[] {
  return languages.map((lang) => ({ params: { lang: lang === siteConfig.defaultLang ? undefined : lang }, props: { lang } }));
}

/** The address of `/new/` in each language of the UI: the wiki's at `/new/`, each other at `/new/<lang>/`. */
export function newPageRoutes(): Record<string, string> {
  const base = import.meta.env.BASE_URL;
  return Object.fromEntries(languages.map((lang) => [lang, joinUrl(base, newPagePath(lang, siteConfig.defaultLang))]));
}

/** The proposal service's limits, for the editor to check before submitting. */
export function proposalLimits(): ProposalLimits {
  return serviceLimits;
}

/**
 * About this many pages' sources in one chunk file: ~180 KB gzip to fetch when the editor opens (its
 * scripts are ~440 KB), and one file for every 128 editable pages in the site.
 */
export const SOURCES_PER_CHUNK = 128;

let editable: Promise<Map<number, Page[]>> | undefined;

/** The editable pages, by source chunk. */
export function getSourceChunks(): Promise<Map<number, Page[]>> {
  if (import.meta.env.DEV || !editable) {
    editable = getWiki().then((wiki) => {
      const pages = wiki.pages.filter(isEditable);
      const count = chunkCount(pages.length, SOURCES_PER_CHUNK);
      const chunks = new Map<number, Page[]>(Array.from({ length: count }, (_, i) => [i, []]));
      for (const page of pages) chunks.get(chunkOf(page.slug, count))!.push(page);
      return chunks;
    });
  }
  return editable;
}

/**
 * What a source chunk is made of, as one hash: the `cacheKey` its route gives Astro's incremental
 * build. A page's `renderKey` stands for its file's path and text (src/lib/wiki/render-cache.ts).
 */
export function sourceChunkKey(pages: readonly Page[]): string {
  const facts = pages.map((p) => [p.slug, p.repoPath, p.path, p.title, p.lang, p.format, p.renderKey]);
  return createHash('sha256').update(JSON.stringify(facts)).digest('base64url');
}

/** One source chunk: each page's source as the build read it, with what the editor shows about it. */
export async function sourceChunk(pages: readonly Page[]): Promise<SourceChunk> {
  const dir = wikiLocations(siteConfig.contentDir).contentDir;
  const sources = await mapBounded(pages, (p) => readFile(path.join(dir, p.path), 'utf8'));
  return {
    pages: Object.fromEntries(pages.map((p, i) => [p.slug, { repoPath: p.repoPath!, contentPath: p.path, title: p.title, lang: p.lang, format: p.format, source: sources[i]! }])),
  };
}

/** The UI languages other than the site's that editable pages are written in: each gets its own editor page. */
export async function uiVariants(): Promise<string[]> {
  const wiki = await getWiki();
  const used = new Set(wiki.pages.filter(isEditable).map((p) => p.lang));
  return languages.filter((lang) => lang !== siteConfig.defaultLang && used.has(lang));
}

/**
 * The static paths of an app page (`/_wiki/edit/`, `/_wiki/history/`): one in the wiki's language
 * and one per other UI language pages are written in (`/_wiki/edit/he/`). The middleware takes the
 * request's language from `page.lang`.
 */
export async function appPageLanguagePaths(): Promise<{ params: { internal: string; lang: string | undefined }; props: { page: Pick<Page, 'lang'> } }[]> {
  const langs = [undefined, ...(await uiVariants())];
  return langs.map((lang) => ({ params: { internal: INTERNAL, lang }, props: { page: { lang: lang ?? siteConfig.defaultLang } } }));
}

/** What an app page in `lang` embeds to find its wiki page's data, in `chunks` chunks. */
export async function appPageData(app: App, lang: string, chunks: number): Promise<AppPageData> {
  const variants = Object.fromEntries([[siteConfig.defaultLang, href(appPagePath(app))], ...(await uiVariants()).map((l) => [l, href(appPagePath(app, l))])]);
  return { prefix: href(app), chunkPath: href(chunkFolder[app]), chunks, base: import.meta.env.BASE_URL, lang, defaultLang: siteConfig.defaultLang, variants };
}

/** The editor page's data in `lang`. */
export async function editorData(lang: string): Promise<EditorAppData> {
  const [wiki, chunks] = await Promise.all([getWiki(), getSourceChunks()]);
  return { ...(await appPageData('edit', lang, chunks.size)), baseCommit: wiki.pages.find((p) => p.baseCommit)?.baseCommit ?? null, limits: proposalLimits() };
}
