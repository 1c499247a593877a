import type { Link, PhrasingContent, Root, Text } from 'mdast';
import type { Plugin } from 'unified';
import { SKIP, visit } from './visit.ts';

/** The URL scheme a parsed wikilink carries until `rehype-resolve-links` turns it into a page address. */
export const WIKILINK_PROTOCOL = 'wikilink';

const WIKILINK = /\[\[([^[\]\n]+?)\]\]/g;

/**
 * remark plugin: parses `[[Target]]`, `[[Target|label]]` and `[[Target#Heading|label]]` in text
 * into links whose URL is `wikilink:Target`. Resolution to a page (or a red link) happens later,
 * in one place for every kind of link. In tables, write the separator as `\|`.
 *
 * Without a label, a link to a heading reads as MediaWiki's section links do: `[[Travel
 * expenses#Receipts]]` shows "Travel expenses § Receipts", `[[#Receipts]]` shows "§ Receipts".
 *
 * Wikilinks inside code, inline code and existing links are left alone.
 */
export const remarkWikilinks: Plugin<[], Root> = () => (tree) => {
  visit(tree, 'text', (node: Text, index, parent) => {
    if (!parent || index === undefined || parent.type === 'link' || parent.type === 'linkReference') return;
    if (!node.value.includes('[[')) return;
    const parts: PhrasingContent[] = [];
    let last = 0;
    const start = node.position?.start;
    for (const match of node.value.matchAll(WIKILINK)) {
      const inner = match[1]!;
      const at = match.index;
      if (at > last) parts.push({ type: 'text', value: node.value.slice(last, at) });
      const bar = inner.search(/\\?\|/);
      const target = (bar === -1 ? inner : inner.slice(0, bar)).trim();
      const label = (bar === -1 ? '' : inner.slice(bar + (inner[bar] === '\\' ? 2 : 1))).trim() || labelOf(target);
      const link: Link = {
        type: 'link',
        url: `${WIKILINK_PROTOCOL}:${encodeURIComponent(target)}`,
        children: [{ type: 'text', value: label }],
      };
      // Positions are exact when the text node is on one line, which wikilinks are.
      if (start && start.offset !== undefined) {
        link.position = {
          start: { line: start.line, column: start.column + at, offset: start.offset + at },
          end: { line: start.line, column: start.column + at + match[0].length, offset: start.offset + at + match[0].length },
        };
      }
      parts.push(link);
      last = at + match[0].length;
    }
    if (parts.length === 0) return;
    if (last < node.value.length) parts.push({ type: 'text', value: node.value.slice(last) });
    parent.children.splice(index, 1, ...(parts as typeof parent.children));
    return [SKIP, index + parts.length];
  });
};

/** What a wikilink without a label shows: the target as written, a heading as "Page § Heading". */
export function labelOf(target: string): string {
  const hash = target.indexOf('#');
  if (hash === -1) return target;
  const page = target.slice(0, hash).trim();
  const heading = target.slice(hash + 1).trim();
  if (!heading) return page || target;
  return page ? `${page} § ${heading}` : `§ ${heading}`;
}
