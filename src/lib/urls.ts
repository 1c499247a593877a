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
