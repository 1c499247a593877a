/**
 * Wiki pages as the search worker reads them (src/lib/search/page-text.ts), for the tools and tests
 * that build a search index without building the site: each page's description and rendered
 * content in the markup of a wiki page — inside the chrome of a real built page when one is given
 * (so that the bytes a search downloads are counted honestly), else with nothing around them.
 */
import type { LoadPage } from '../../src/lib/search/engine.ts';
import { CONTENT_START, contentRange, DESCRIPTION_START, type TextSection } from '../../src/lib/search/page-text.ts';

export interface SearchedPage {
  slug: string;
  description?: string;
  /** The rendered content; pages known only by their sections (test fixtures) get it made from those. */
  html?: string;
  sections?: TextSection[];
}

/** A built page around its content: what comes before it (without its own description) and after. */
export interface PageShell {
  before: string;
  after: string;
}

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function contentOf(sections: TextSection[]): string {
  return sections.map((s) => `${s.id || s.heading ? `<h2 id="${escape(s.id)}">${escape(s.heading)}</h2>` : ''}<p>${escape(s.text)}</p>`).join('\n');
}

/** The chrome of a built wiki page (one with content). */
export function shellOf(pageHtml: string): PageShell {
  const range = contentRange(pageHtml);
  if (!range) throw new Error('not a wiki page with content');
  const before = pageHtml.slice(0, pageHtml.lastIndexOf(CONTENT_START, range[0])).replace(new RegExp(`${DESCRIPTION_START}[^>]*>[\\s\\S]*?</p>`), '');
  return { before, after: pageHtml.slice(range[1]) };
}

export function pageHtmlOf(page: SearchedPage, shell: PageShell = { before: '', after: '</div>' }): string {
  const description = page.description ? `${DESCRIPTION_START} dir="auto">${escape(page.description)}</p>` : '';
  return `${shell.before}${description}${CONTENT_START}>${page.html ?? contentOf(page.sections ?? [])}${shell.after}`;
}

/** The engine's `loadPage` over these pages; `loaded` lists the slugs it was asked for, in order. */
export function pageLoader(pages: readonly SearchedPage[], shell?: PageShell): LoadPage & { loaded: string[] } {
  const bySlug = new Map(pages.map((p) => [p.slug, p]));
  const loaded: string[] = [];
  const load = async (slug: string) => {
    loaded.push(slug);
    const page = bySlug.get(slug);
    if (!page) throw new Error(`${slug}: no such page`);
    return pageHtmlOf(page, shell);
  };
  return Object.assign(load, { loaded });
}
