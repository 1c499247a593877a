/**
 * Sets the language of every request on `Astro.locals`: `lang`, its direction `dir`, and `t`, the
 * UI strings in it. A request about a wiki page — the page itself, its editor, its history, the
 * printed binder of its section — speaks that page's language; anything else (the home page,
 * search, the records pages, the proposal service) speaks the site's default language.
 *
 * The page comes from the route's props: the routes about a page pass it from `getStaticPaths`
 * as `page` (see `PageProps` in src/data/wiki.ts), a route in one language passes `lang`, and Astro resolves a route's props before its
 * middleware runs. So the middleware never loads the wiki itself, and the on-demand server (which
 * serves only /api/*) does not carry the wiki's content in its bundle.
 */
import { defineMiddleware } from 'astro:middleware';
import { dirOf, translator } from './lib/i18n/strings.ts';
import { siteConfig } from './site.config.ts';

/**
 * The language of the wiki page a route's props are about, if they are about one; else the
 * language a route is in by itself (`props.lang`: `/new/he/`).
 */
function pageLang(props: Record<string, unknown>): string | undefined {
  const page: unknown = props.page;
  if (typeof page === 'object' && page !== null && 'lang' in page && typeof page.lang === 'string') return page.lang;
  return typeof props.lang === 'string' ? props.lang : undefined;
}

export const onRequest = defineMiddleware((context, next) => {
  const lang = pageLang(context.props) ?? siteConfig.defaultLang;
  context.locals.lang = lang;
  context.locals.dir = dirOf(lang);
  context.locals.t = translator(lang);
  return next();
});
