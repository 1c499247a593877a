import type { Element, ElementContent, Root } from 'hast';
import type { Plugin } from 'unified';
import { visit } from './visit.ts';

/** Elements that end the text an item's checkbox is named by (a nested list, a second paragraph). */
const blocks = new Set(['p', 'ul', 'ol', 'div', 'pre', 'table', 'blockquote', 'figure', 'details', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr']);

/**
 * rehype plugin: task lists (`- [ ] Bring your ID`) are read as checklists. GitHub-flavoured
 * Markdown makes each item a disabled checkbox with no name; here the checkbox and the item's text
 * go into one `<label>`, so a screen reader says "Bring your ID, checkbox, not checked" instead of
 * an unnamed checkbox, and the state stays the checkbox's own (printed, it is a box to tick).
 */
export const rehypeTaskLists: Plugin<[], Root> = () => (tree) => {
  visit(tree, 'element', (el: Element) => {
    if (el.tagName !== 'li' || !hasClass(el, 'task-list-item')) return;
    // A loose list puts the checkbox in the item's first paragraph.
    const host = el.children.find((c): c is Element => c.type === 'element' && c.tagName !== 'input' && blocks.has(c.tagName));
    const holder = isCheckbox(firstElement(el.children)) ? el : host && isCheckbox(firstElement(host.children)) ? host : undefined;
    if (!holder) return;
    const start = holder.children.findIndex((c) => isCheckbox(c));
    let end = start + 1;
    while (end < holder.children.length && !isBlock(holder.children[end]!)) end++;
    const label: Element = { type: 'element', tagName: 'label', properties: { className: ['task-list-label'] }, children: holder.children.slice(start, end) };
    holder.children.splice(start, end - start, label);
  });
};

function firstElement(children: ElementContent[]): ElementContent | undefined {
  return children.find((c) => c.type === 'element' || (c.type === 'text' && c.value.trim() !== ''));
}

function isCheckbox(node: ElementContent | undefined): boolean {
  return node?.type === 'element' && node.tagName === 'input' && node.properties.type === 'checkbox';
}

function isBlock(node: ElementContent): boolean {
  return node.type === 'element' && blocks.has(node.tagName);
}

function hasClass(el: Element, name: string): boolean {
  const c: unknown = el.properties.className;
  return Array.isArray(c) ? c.includes(name) : c === name;
}
