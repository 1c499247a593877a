import type { Element, Root } from 'hast';
import type { Plugin } from 'unified';
import { SKIP, visit } from './visit.ts';
import { dirOf } from '../i18n/strings.ts';

const RTL = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/gu;
const LTR = /[A-Za-z\u00C0-\u024F\u0370-\u03FF\u0400-\u04FF]/gu;
const blocks = new Set(['p', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'td', 'th', 'dt', 'dd', 'figcaption', 'summary']);

/**
 * rehype plugin: mixed Hebrew/English content reads correctly.
 *
 * - A paragraph, list item, heading or cell written mostly in the other script than the page gets
 *   an explicit `dir` (a whole English sentence in a Hebrew procedure keeps its full stop on the
 *   right side). Unlike `dir="auto"`, which looks only at the first letter, this counts letters, so
 *   a Hebrew sentence that begins with "Slack" stays right to left.
 * - Code blocks are always left to right.
 *
 * The page's direction comes from its language (`file.data.lang`).
 */
export const rehypeBidi: Plugin<[], Root> = () => (tree, file) => {
  const dir = dirOf(file.data.lang ?? 'en');
  visit(tree, 'element', (el: Element) => {
    if (el.tagName === 'pre') {
      el.properties.dir = 'ltr';
      return SKIP;
    }
    if (blocks.has(el.tagName) && el.properties.dir === undefined) {
      const text = textOf(el);
      const rtl = text.match(RTL)?.length ?? 0;
      const ltr = text.match(LTR)?.length ?? 0;
      if (dir === 'rtl' && ltr > rtl * 2 && ltr >= 3) el.properties.dir = 'ltr';
      else if (dir === 'ltr' && rtl > ltr * 2 && rtl >= 3) el.properties.dir = 'rtl';
    }
    return undefined;
  });
};

/** Text of an element, leaving out code (which never decides direction). */
function textOf(node: Element): string {
  let out = '';
  for (const child of node.children) {
    if (child.type === 'text') out += child.value;
    else if (child.type === 'element' && child.tagName !== 'code' && child.tagName !== 'pre' && !['ul', 'ol'].includes(child.tagName)) out += textOf(child);
  }
  return out;
}
