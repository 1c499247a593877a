import type { Element, Root } from 'hast';
import type { Plugin } from 'unified';
import { SKIP, visit } from './visit.ts';

/**
 * rehype plugin: wide content scrolls on its own instead of widening the page on a phone, and
 * keyboard users can scroll it: code blocks become focusable, tables get a focusable wrapper.
 */
export const rehypeScrollables: Plugin<[], Root> = () => (tree) => {
  visit(tree, 'element', (el: Element, index, parent) => {
    if (el.tagName === 'pre') {
      el.properties.tabIndex = 0;
      return SKIP;
    }
    if (el.tagName === 'table' && parent && index !== undefined) {
      parent.children[index] = { type: 'element', tagName: 'div', properties: { className: ['table-wrap'], tabIndex: 0 }, children: [el] };
      return SKIP;
    }
    return undefined;
  });
};
