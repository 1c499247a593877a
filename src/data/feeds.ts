/**
 * The change feeds as pages link them: the wiki's (`/changes.xml`), each section's
 * (`/changes/<section>.xml`, static) and each page's (`/api/feeds/<slug>.xml`, served on demand by
 * the Node server, so the static site keeps one file per page). A site deployed without the Node
 * server (`PINKAS_STATIC_ONLY`) links pages to their section's feed instead.
 */
import { joinUrl } from '../lib/paths.ts';
import { absoluteUrl } from '../lib/urls.ts';
import { siteConfig } from '../site.config.ts';
import { getWiki, type Page } from './wiki.ts';

/** A feed as a link: where it is and what it follows. */
export interface FeedLink {
  href: string;
  kind: 'page' | 'section' | 'wiki';
  /** The section's or page's title; undefined for the whole wiki. */
  title?: string;
  lang?: string;
}

const file = (path: string) => joinUrl(import.meta.env.BASE_URL, path, false);

/** An address in a feed: absolute when the site's URL is configured (`PINKAS_SITE`), else below the base path. */
export const feedUrl = (path: string) => absoluteUrl(siteConfig.site ?? 'http://localhost/', siteConfig.base, path);

export const wikiFeed: FeedLink = { href: file('changes.xml'), kind: 'wiki' };

/** The sections that have a feed: the top-level folders (the same that print as binders). */
export async function feedSections(): Promise<Page[]> {
  const wiki = await getWiki();
  return wiki.tree.children.filter((node) => node.children.length > 0).flatMap((node) => wiki.bySlug.get(node.slug) ?? []);
}

/** The feed of the section the page is in (or is), if it is in a section. */
export async function sectionFeed(page: Page): Promise<FeedLink | undefined> {
  const section = (await feedSections()).find((s) => s.slug === page.slug.split('/')[0]);
  return section && { href: file(`changes/${section.slug}.xml`), kind: 'section', title: section.title, lang: section.lang };
}

/** The page's own feed, when a Node server serves them; generated folder pages have no file to follow. */
export function pageFeed(page: Page): FeedLink | undefined {
  if (siteConfig.staticOnly || !page.path || page.slug === '') return undefined;
  return { href: file(`api/feeds/${page.slug}.xml`), kind: 'page', title: page.title, lang: page.lang };
}
