/**
 * The wiki, loaded: the content folder read (a bounded number of files open at once) and built
 * into the wiki model. Every script and the tests load it this way (`loadWiki`: the whole model in
 * memory); the site's content loader renders it in worker threads through the render cache
 * (`renderSiteWiki`: the model without HTML, which stays in the cache folder).
 */
import type { ContentPolicy } from '../content/policy.ts';
import { readContentFolder, type ContentFolder } from '../content/read-content.ts';
import type { SiteConfig } from '../config.ts';
import { urlScheme } from '../urls.ts';
import { buildWiki } from './build.ts';
import { wikiLocations } from './locations.ts';
import { renderWiki, type RenderedWiki } from './render-wiki.ts';
import type { Wiki } from './types.ts';

export interface WikiConfig {
  /** The content folder, absolute or relative to `root`. */
  contentDir: string;
  /** The project folder; messages name files relative to it (default: the working folder). */
  root?: string;
  defaultLang: string;
  /** The home page's title (the site's title), for links to `/`. */
  homeTitle?: string;
  /** The site's base path (`/`, `/handbook/`), for the addresses in the pages' HTML. */
  base?: string;
  /** How strictly pages are held: the build's policy (the default) or `contributionPolicy()` when checking. */
  policy?: ContentPolicy;
}

export interface LoadedWiki extends Wiki {
  /** What the folder holds besides pages: templates for new pages and the files pages link to. */
  folder: ContentFolder;
  /** The content folder, absolute, and as messages name it. */
  contentDir: string;
  displayDir: string;
}

export interface RenderedSiteWiki extends RenderedWiki {
  folder: ContentFolder;
  contentDir: string;
  displayDir: string;
}

/** The wiki settings of the site (`src/site.config.ts`). */
export function wikiConfig(site: SiteConfig, overrides: Partial<WikiConfig> = {}): WikiConfig {
  return { contentDir: site.contentDir, defaultLang: site.defaultLang, homeTitle: site.title, base: site.base, ...overrides };
}

export async function loadWiki(config: WikiConfig): Promise<LoadedWiki> {
  const { contentDir, displayDir } = wikiLocations(config.contentDir, config.root);
  const folder = await readContentFolder(contentDir);
  const wiki = buildWiki(folder, {
    displayDir,
    defaultLang: config.defaultLang,
    homeTitle: config.homeTitle,
    urls: urlScheme(config.base ?? '/'),
    policy: config.policy,
  });
  return { ...wiki, folder, contentDir, displayDir };
}

/** The wiki as the site's build renders it (src/lib/wiki/render-wiki.ts), in the cache folder of `locations.ts`. */
export async function renderSiteWiki(config: WikiConfig & { root: string }, threads?: number): Promise<RenderedSiteWiki> {
  const { contentDir, displayDir, cacheDir } = wikiLocations(config.contentDir, config.root);
  const folder = await readContentFolder(contentDir);
  const wiki = await renderWiki(folder, {
    displayDir,
    defaultLang: config.defaultLang,
    homeTitle: config.homeTitle,
    base: config.base ?? '/',
    policy: config.policy,
    root: config.root,
    cacheDir,
    threads,
  });
  return { ...wiki, folder, contentDir, displayDir };
}
