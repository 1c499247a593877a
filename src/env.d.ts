/// <reference types="astro/client" />

/** What src/middleware.ts sets on every request, for pages and components to read. */
declare namespace App {
  interface Locals {
    /** The language of the request: its wiki page's (`he`, `en-GB`…), else the site's default. */
    lang: string;
    /** The direction `lang` is written in. */
    dir: 'ltr' | 'rtl';
    /**
     * The UI strings in `lang`: `Astro.locals.t('page.editThisPage')`,
     * `Astro.locals.t('history.revision', { n: 3 })`.
     */
    t: import('./lib/i18n/strings.ts').Translate;
  }
}
