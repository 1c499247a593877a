/**
 * The wiki as Astro pages see it: the `pages` collection, typed, with the navigation tree.
 * Everything here is derived from the collection; the logic lives in `src/lib/`.
 */
import { getCollection } from 'astro:content';
import type { Heading } from '../lib/markdown/render.ts';
import { buildNavTree, readingOrder, type NavNode } from '../lib/nav/tree.ts';
import { joinUrl } from '../lib/paths.ts';
import { absoluteUrl } from '../lib/urls.ts';
import { readRenderedHtml } from '../lib/wiki/render-cache.ts';
import { wikiLocations } from '../lib/wiki/locations.ts';
import { siteConfig } from '../site.config.ts';
import { handedPages } from '../loaders/hand-over.ts';
import type { PageData } from '../loaders/schemas.ts';

/** A page as Astro pages see it: its data. Its HTML is read when the page is rendered (`pageHtml`). */
export type Page = PageData;

export interface WikiModel {
  pages: Page[];
  bySlug: Map<string, Page>;
  tree: NavNode;
  order: NavNode[];
  /** Each listed page's place in `order`, by slug. */
  position: Map<string, number>;
}

/**
 * The props of a route about one wiki page (the page, its editor, its history, its section's
 * binder): the page, passed from `getStaticPaths`. src/middleware.ts takes the request's language
 * from it.
 */
export interface PageProps {
  page: Page;
}

let cached: Promise<WikiModel> | undefined;

/** The whole wiki, computed once per build (and afresh on every request in `npm run dev`). */
export function getWiki(): Promise<WikiModel> {
  if (import.meta.env.DEV || !cached) cached = load();
  return cached;
}

async function load(): Promise<WikiModel> {
  // A build reads the pages its loader (or the content rebuild) handed over; `npm run dev` the collection.
  const pages: Page[] = (import.meta.env.DEV ? undefined : handedPages()) ?? (await getCollection('pages')).map((entry) => entry.data);
  const bySlug = new Map(pages.map((p) => [p.slug, p]));
  const tree = buildNavTree(pages, siteConfig.title, siteConfig.defaultLang);
  const order = readingOrder(tree);
  return { pages, bySlug, tree, order, position: new Map(order.map((n, i) => [n.slug, i])) };
}

const cacheDir = () => wikiLocations(siteConfig.contentDir).cacheDir;

/** The page's rendered HTML, from the render cache the content loader filled ('' for a page without content). */
export function pageHtml(page: Page): Promise<string> {
  return page.hasContent ? readRenderedHtml(cacheDir(), page.renderKey) : Promise.resolve('');
}

const hrefs = new Map<string, string>();

/** A wiki address below the site's base path: `href('hr/leave')` → `/hr/leave/` (kept: every page links to its navigation's pages). */
export function href(path: string): string {
  let out = hrefs.get(path);
  if (out === undefined) {
    if (hrefs.size > 100_000) hrefs.clear();
    hrefs.set(path, (out = joinUrl(import.meta.env.BASE_URL, path)));
  }
  return out;
}

/** A wiki address that works outside the site (print-outs): absolute when `PINKAS_SITE` is set. */
export function publicHref(path: string): string {
  return absoluteUrl(siteConfig.site, import.meta.env.BASE_URL, path);
}

export type { Heading, NavNode };
