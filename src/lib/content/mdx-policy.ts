/**
 * remark plugin: the MDX half of the safe-content policy (see policy.ts). Only the wiki's own
 * components with literal attributes; no `import`/`export`, no `{expressions}` (a comment alone is
 * fine), no spread attributes. Each finding is an error at its line and column.
 */
import type { Root as MdastRoot } from 'mdast';
import type { MdxJsxAttribute, MdxJsxExpressionAttribute, MdxJsxFlowElement, MdxJsxTextElement } from 'mdast-util-mdx-jsx';
import type { Plugin } from 'unified';
import type { Node } from 'unist';
import { visit } from '../markdown/visit.ts';
import type { VFile } from 'vfile';
import { report } from './diagnostics.ts';
import { allowedComponents } from './policy.ts';
import { truncate } from './truncate.ts';

/**
 * True when an MDX expression holds only comments (`{/* a note *\/}`), decided from the program that
 * remark-mdx parsed with acorn (`data.estree`), never by pattern-matching the text: the text of
 * `{/* *\/ code /* *\/}` looks like comments at both ends and is code.
 */
function isOnlyComments(node: { data?: { estree?: { body: unknown[]; comments?: unknown[] } | null } }): boolean {
  const program = node.data?.estree;
  if (!program) return false;
  return program.body.length === 0 && (program.comments?.length ?? 0) > 0;
}

type JsxElement = MdxJsxFlowElement | MdxJsxTextElement;

/** remark plugin: reports MDX constructs outside the policy (in `.mdx` files). */
export const remarkMdxPolicy: Plugin<[], MdastRoot> = () => (tree, file) => {
  visit(tree, (node) => {
    switch (node.type) {
      case 'mdxjsEsm':
        report(file, '`import`/`export` is not allowed in wiki pages: the wiki\'s components (Callout, Steps, Figure, …) need no import', node, 'mdx');
        return;
      case 'mdxFlowExpression':
      case 'mdxTextExpression':
        if (!isOnlyComments(node)) {
          report(file, `{expressions} are not allowed in wiki pages (found {${truncate(node.value)}}); to show a literal brace write \\{`, node, 'mdx');
        }
        return;
      case 'mdxJsxFlowElement':
      case 'mdxJsxTextElement':
        checkJsxElement(node, file);
        return;
      default:
        return;
    }
  });
};

function checkJsxElement(node: JsxElement, file: VFile) {
  const name = node.name;
  if (name === null) {
    report(file, 'fragments (<>…</>) are not allowed; remove the empty tags', node, 'mdx');
    return;
  }
  const isComponent = /^[A-Z]/.test(name) || name.includes('.');
  const spec = isComponent ? allowedComponents[name] : undefined;
  if (isComponent && !spec) {
    report(file, `unknown component <${name}>; pages may use ${Object.keys(allowedComponents).map((c) => `<${c}>`).join(', ')}`, node, 'mdx');
  }
  const seen = new Set<string>();
  for (const attr of node.attributes) {
    if (attr.type === 'mdxJsxExpressionAttribute') {
      report(file, `spread attributes ({${truncate(attr.value)}}) are not allowed on <${name}>`, attributeNode(attr, node), 'mdx');
      continue;
    }
    seen.add(attr.name);
    if (attr.value !== null && typeof attr.value === 'object') {
      report(file, `attribute ${attr.name} on <${name}> must be a literal string like ${attr.name}="…", not {${truncate(attr.value.value)}}`, attributeNode(attr, node), 'mdx');
      continue;
    }
    if (spec && !spec.attributes.includes(attr.name)) {
      report(file, `<${name}> has no attribute "${attr.name}"${spec.attributes.length ? `; it accepts ${spec.attributes.join(', ')}` : ''}`, attributeNode(attr, node), 'mdx');
    }
  }
  for (const required of spec?.required ?? []) {
    if (!seen.has(required)) report(file, `<${name}> needs a ${required}="…" attribute`, node, 'mdx');
  }
  if (name === 'Callout') {
    const type = node.attributes.find((a): a is MdxJsxAttribute => a.type === 'mdxJsxAttribute' && a.name === 'type')?.value;
    if (typeof type === 'string' && !['note', 'tip', 'important', 'warning', 'caution', 'danger'].includes(type)) {
      report(file, `<Callout type="${type}"> is not a callout type; use note, tip, important, warning, caution or danger`, node, 'mdx');
    }
  }
}

function attributeNode(attr: MdxJsxAttribute | MdxJsxExpressionAttribute, element: JsxElement): Node {
  return attr.position ? (attr as Node) : element;
}
