import type { Element, ElementContent, Root } from 'hast';
import { headingRank } from 'hast-util-heading-rank';
import type { Plugin } from 'unified';

export interface TextSection {
  /** The heading's id ('' for the text before the first heading). */
  id: string;
  heading: string;
  text: string;
}

const blocks = new Set(['p', 'li', 'td', 'th', 'dt', 'dd', 'blockquote', 'figcaption', 'summary', 'tr', 'div', 'section', 'ul', 'ol', 'table', 'details', 'figure']);

/**
 * rehype plugin: the page's text for the search index, cut into sections at second- and
 * third-level headings, so that a result can link to `page#heading`. Code blocks are left out
 * (they drown the prose); inline code stays. Stored on `file.data.sections`.
 */
export const rehypeSearchText: Plugin<[], Root> = () => (tree, file) => {
  const sections: TextSection[] = [{ id: '', heading: '', text: '' }];
  let current = sections[0]!;
  const parts: string[][] = [[]];

  const walk = (nodes: (ElementContent | Root['children'][number])[]) => {
    for (const node of nodes) {
      if (node.type === 'text') parts.at(-1)!.push(node.value);
      else if (node.type === 'element') {
        const el = node as Element;
        const rank = headingRank(el);
        if (rank === 2 || rank === 3) {
          current = { id: String(el.properties.id ?? ''), heading: textOf(el), text: '' };
          sections.push(current);
          parts.push([]);
          continue;
        }
        if (el.tagName === 'pre' || (rank && String(el.properties.className ?? '').includes('sr-only'))) continue;
        if (blocks.has(el.tagName) || rank) parts.at(-1)!.push(' ');
        walk(el.children);
        if (blocks.has(el.tagName) || rank || el.tagName === 'br') parts.at(-1)!.push(' ');
      }
    }
  };
  walk(tree.children);
  sections.forEach((s, i) => (s.text = parts[i]!.join('').replace(/\s+/g, ' ').trim()));
  file.data.sections = sections.filter((s) => s.heading || s.text);
};

function textOf(el: Element): string {
  let out = '';
  for (const child of el.children) {
    if (child.type === 'text') out += child.value;
    else if (child.type === 'element') out += textOf(child);
  }
  return out.replace(/\s+/g, ' ').trim();
}
