import type { Paragraph, Root, RootContent } from 'mdast';
import type { MdxJsxAttribute, MdxJsxFlowElement, MdxJsxTextElement } from 'mdast-util-mdx-jsx';
import { find, html } from 'property-information';
import type { Plugin } from 'unified';
import { SKIP, visit } from './visit.ts';
import { translator } from '../i18n/strings.ts';
import { calloutData, isCalloutType, type CalloutType } from './remark-callouts.ts';

type JsxElement = MdxJsxFlowElement | MdxJsxTextElement;

const calloutAliases: Record<string, CalloutType> = {
  Note: 'note', Tip: 'tip', Important: 'important', Warning: 'warning', Caution: 'caution', Danger: 'danger',
};

/**
 * remark plugin: renders the wiki's MDX components as plain HTML, without running any code.
 * `<Callout>` and its aliases become callouts, `<Steps>` numbered steps, `<Figure>` a figure with a
 * caption, `<Details>` a disclosure; lowercase JSX (`<kbd>`, `<br />`) becomes the HTML element,
 * for the sanitizer to vet. Expressions and `import`/`export` are dropped (the policy reports them);
 * an unknown component renders its children only.
 */
export const remarkComponents: Plugin<[], Root> = () => (tree, file) => {
  const t = translator(file.data.lang ?? 'en');
  visit(tree, (node, index, parent) => {
    if (!parent || index === undefined) return;
    if (node.type === 'mdxjsEsm' || node.type === 'mdxFlowExpression' || node.type === 'mdxTextExpression') {
      parent.children.splice(index, 1);
      return [SKIP, index];
    }
    if (node.type !== 'mdxJsxFlowElement' && node.type !== 'mdxJsxTextElement') return;
    const el = node as JsxElement;
    const attrs = literalAttributes(el);
    const name = el.name ?? '';
    const calloutType = name === 'Callout' ? (isCalloutType(attrs.type) ? attrs.type : 'note') : calloutAliases[name];
    if (calloutType) {
      const data = calloutData(calloutType, attrs.title, t);
      const title: Paragraph = { type: 'paragraph', data: { hProperties: { className: ['callout-title'] } }, children: [{ type: 'text', value: data.titleText }] };
      el.children.unshift(title as never);
      el.data = { hName: data.hName, hProperties: data.hProperties };
    } else if (name === 'Steps') {
      el.data = { hName: 'div', hProperties: { className: ['steps'] } };
    } else if (name === 'Figure') {
      const caption = attrs.caption;
      const children = [
        { type: 'image', url: attrs.src ?? '', alt: attrs.alt ?? '', data: attrs.width ? { hProperties: { width: attrs.width } } : undefined, position: el.position },
        ...(caption || el.children.length
          ? [{ type: 'paragraph', data: { hName: 'figcaption' }, children: caption ? [{ type: 'text', value: caption }] : unwrapParagraphs(el.children as RootContent[]) }]
          : []),
      ];
      el.children = children as never;
      el.data = { hName: 'figure', hProperties: { className: ['figure'] } };
    } else if (name === 'Details') {
      el.children.unshift({ type: 'paragraph', data: { hName: 'summary' }, children: [{ type: 'text', value: attrs.summary ?? '' }] } as never);
      el.data = { hName: 'details', hProperties: 'open' in attrs ? { open: true } : {} };
    } else if (/^[a-z][a-z0-9-]*$/.test(name)) {
      const properties: Record<string, string | boolean> = {};
      for (const [attr, value] of Object.entries(attrs)) properties[find(html, attr).property] = value ?? true;
      el.data = { hName: name, hProperties: properties };
    } else {
      // Unknown component or fragment: keep what the author wrote inside it, drop the wrapper.
      parent.children.splice(index, 1, ...(el.children as never[]));
      return [SKIP, index];
    }
    return undefined;
  });
};

function literalAttributes(el: JsxElement): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const attr of el.attributes) {
    if (attr.type !== 'mdxJsxAttribute') continue;
    const value = (attr as MdxJsxAttribute).value;
    if (value === null || value === undefined) out[attr.name] = undefined;
    else if (typeof value === 'string') out[attr.name] = value;
  }
  return out;
}

function unwrapParagraphs(children: RootContent[]): RootContent[] {
  return children.flatMap((child) => (child.type === 'paragraph' ? child.children : [child]));
}
