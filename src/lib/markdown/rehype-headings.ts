import GithubSlugger from 'github-slugger';
import type { Element, Root } from 'hast';
import { headingRank } from 'hast-util-heading-rank';
import { toString } from 'hast-util-to-string';
import type { Plugin } from 'unified';
import { visit } from './visit.ts';

export interface Heading {
  depth: number;
  slug: string;
  text: string;
}

/**
 * rehype plugin: gives every heading an id (GitHub's slugs, so `#annual-leave` links made for
 * GitHub keep working) and records the headings on `file.data.headings` for the table of
 * contents and the search index.
 */
export const rehypeHeadings: Plugin<[], Root> = () => (tree, file) => {
  const slugger = new GithubSlugger();
  const headings: Heading[] = (file.data.headings = []);
  visit(tree, 'element', (el: Element) => {
    const depth = headingRank(el);
    if (!depth) return;
    const text = toString(el).trim();
    // An id the author gave in HTML (prefixed by the sanitizer) or the footnotes label keeps its id.
    const id = typeof el.properties.id === 'string' ? el.properties.id : slugger.slug(text || 'section');
    el.properties.id = id;
    // Visually hidden headings (the footnotes label) are not part of the table of contents.
    if (!String(el.properties.className ?? '').includes('sr-only')) headings.push({ depth, slug: id, text });
  });
};
