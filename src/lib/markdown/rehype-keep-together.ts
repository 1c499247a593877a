import type { Element, ElementContent, Root, Text } from 'hast';
import type { Plugin } from 'unified';
import { SKIP, visit } from './visit.ts';

/** A time range: `07:00–15:30`, `7:00 - 15:30`, `22:00—06:00`. */
const TIME_RANGE = /\b\d{1,2}:\d{2}\s?[–—-]\s?\d{1,2}:\d{2}\b/g;

/**
 * rehype plugin: a time range stays on one line. Browsers may break a line after a dash, which in
 * a narrow table cell leaves `07:00–` above `15:30`; each range is wrapped in
 * `<span class="nowrap">` (styled `white-space: nowrap`). Code is left as written.
 */
export const rehypeKeepTogether: Plugin<[], Root> = () => (tree) => {
  visit(tree, 'element', (el: Element) => {
    if (el.tagName === 'code' || el.tagName === 'pre' || isKept(el)) return SKIP;
    for (let i = el.children.length - 1; i >= 0; i--) {
      const child = el.children[i]!;
      if (child.type === 'text' && child.value.includes(':')) el.children.splice(i, 1, ...split(child));
    }
    return undefined;
  });
};

/** The text with each time range in a `nowrap` span (the text node itself when it has none). */
function split(text: Text): ElementContent[] {
  const out: ElementContent[] = [];
  let last = 0;
  for (const match of text.value.matchAll(TIME_RANGE)) {
    if (match.index > last) out.push({ type: 'text', value: text.value.slice(last, match.index) });
    out.push({ type: 'element', tagName: 'span', properties: { className: ['nowrap'] }, children: [{ type: 'text', value: match[0] }] });
    last = match.index + match[0].length;
  }
  if (last === 0) return [text];
  if (last < text.value.length) out.push({ type: 'text', value: text.value.slice(last) });
  return out;
}

function isKept(el: Element): boolean {
  const c: unknown = el.properties.className;
  return el.tagName === 'span' && Array.isArray(c) && c.includes('nowrap');
}
