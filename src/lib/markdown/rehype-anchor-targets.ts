import type { Element, Root } from 'hast';
import type { Plugin } from 'unified';
import { visit } from './visit.ts';

/**
 * rehype plugin: in-page links keep working after sanitizing. The sanitizer prefixes ids written
 * by authors (and footnote ids) with `user-content-` so they cannot clobber the page's own ids;
 * GitHub fixes the links to them with JavaScript, we fix them at build time: `#fn-1` becomes
 * `#user-content-fn-1` when only the latter exists.
 */
export const rehypeAnchorTargets: Plugin<[], Root> = () => (tree) => {
  const ids = new Set<string>();
  visit(tree, 'element', (el: Element) => {
    if (typeof el.properties.id === 'string') ids.add(el.properties.id);
  });
  visit(tree, 'element', (el: Element) => {
    const href = el.tagName === 'a' ? el.properties.href : undefined;
    if (typeof href !== 'string' || !href.startsWith('#')) return;
    let target: string;
    try {
      target = decodeURIComponent(href.slice(1));
    } catch {
      return; // a malformed %-escape: reported by the HTML policy, left as written
    }
    if (!ids.has(target) && ids.has(`user-content-${target}`)) el.properties.href = `#user-content-${target}`;
  });
};
