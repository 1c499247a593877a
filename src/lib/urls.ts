import { uiLang } from './i18n/strings.ts';
import { joinUrl } from './paths.ts';
import type { UrlScheme } from './markdown/render.ts';

/** The wiki's addresses below the site's base path. */
export function urlScheme(base: string): UrlScheme {
  return {
    page: (slug, hash = '') => joinUrl(base, slug) + hash,
    newPage: (title, path) => joinUrl(base, `new/?title=${encodeURIComponent(title)}${path ? `&path=${encodeURIComponent(path)}` : ''}`),
    media: (file) => joinUrl(base, `media/${file}`, false),
  };
}

/**
 * A wiki address as a link that works outside the site (feeds, print-outs, pull requests, issues):
 * absolute when the site's public URL is known (`PINKAS_SITE`), else below the base path.
 */
export function absoluteUrl(site: string | undefined, base: string, path: string): string {
  const local = joinUrl(base, path);
  return site ? new URL(local, site).href : local;
}

/**
 * Where "New page" leads from a page in `lang`, below the base path: `new/` in the wiki's own
 * language, `new/<lang>/` in another language of the UI (so a Hebrew page's link opens it in Hebrew).
 */
export function newPagePath(lang: string, defaultLang: string): string {
  const ui = uiLang(lang);
  return ui === uiLang(defaultLang) ? 'new/' : `new/${ui}/`;
}
