import type { Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { Plugin } from 'unified';

const invisible = new Set(['yaml', 'toml', 'mdxjsEsm', 'definition']);

/**
 * remark plugin: the page header shows the title, so a `# Title` that opens the body is taken out
 * (it would show twice) and kept as `file.data.firstHeading`. When the body does not open with a
 * level-1 heading, the first heading of any level is kept instead (the title of last resort
 * before the file name), and nothing is removed.
 */
export const remarkLeadingTitle: Plugin<[], Root> = () => (tree, file) => {
  const firstIndex = tree.children.findIndex((n) => !invisible.has(n.type) && !(n.type === 'html' && /^<!--[\s\S]*-->$/.test(n.value.trim())));
  const first = tree.children[firstIndex];
  if (first?.type === 'heading' && first.depth === 1) {
    file.data.firstHeading = toString(first).trim();
    tree.children.splice(firstIndex, 1);
    return;
  }
  const heading = tree.children.find((n) => n.type === 'heading');
  if (heading) file.data.firstHeading = toString(heading).trim();
};
