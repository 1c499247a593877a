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
 * A page of the wiki's own that exists once per UI language (`new`, `proposals`), as a link from a
 * page in `lang`, below the base path: `<name>/` in the wiki's own language, `<name>/<lang>/` in
 * another language of the UI (so a Hebrew page's link opens it in Hebrew).
 */
export function uiPagePath(name: 'new' | 'proposals', lang: string, defaultLang: string): string {
  const ui = uiLang(lang);
  return ui === uiLang(defaultLang) ? `${name}/` : `${name}/${ui}/`;
}

/** Where "New page" leads from a page in `lang`: `new/` or `new/<lang>/`. */
export const newPagePath = (lang: string, defaultLang: string): string => uiPagePath('new', lang, defaultLang);

/** Where "My proposals" leads from a page in `lang`: `proposals/` or `proposals/<lang>/`. */
export const proposalsPath = (lang: string, defaultLang: string): string => uiPagePath('proposals', lang, defaultLang);
