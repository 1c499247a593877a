/**
 * What the pipeline knows about the page it is rendering, and what it learns: unified's way is one
 * frozen processor for every page and the per-page values in `file.data`. Plugins read the page's
 * slug, path, language and policy from here and leave their findings here.
 */
import type { ContentPolicy } from '../content/policy.ts';
import type { Heading } from './rehype-headings.ts';
import type { PageLink } from './rehype-resolve-links.ts';

export type Format = 'md' | 'mdx';

declare module 'vfile' {
  interface DataMap {
    /** In: the page's slug (`hr/leave`). */
    slug: string;
    /** In: the page's path under the content folder (`hr/leave.mdx`), for relative links. */
    contentPath: string;
    /** In: the page's language (`en`, `he`): UI words in callouts and red links, text direction. */
    lang: string;
    /** In: how strictly the page is held (contributions: errors; the build: warnings). */
    policy: ContentPolicy;
    /** Out: links to other pages, for backlinks, wanted pages and the broken-link report. */
    links: PageLink[];
    /** Out: the headings, for the table of contents. */
    headings: Heading[];
    /** Out: the first heading's text (removed from the HTML when it was a leading `# Title`). */
    firstHeading: string;
  }
}

export {};
