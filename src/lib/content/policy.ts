/**
 * The safe-content policy (DESIGN.md, principle 3). Contributed pages are untrusted: MDX could run
 * code at build time and in readers' browsers, raw HTML could carry scripts. Pinkas never executes
 * MDX — it reads it as data — and this module says what a page may contain:
 *
 * - MDX: only the wiki's own components (`allowedComponents`) with literal attributes; no
 *   `import`/`export`, no `{expressions}` (a lone `{/* comment *\/}` is allowed), no spread attributes.
 * - HTML (raw HTML in `.md`, lowercase JSX elements in `.mdx`): only the tags and attributes of the
 *   sanitize schema below (GitHub's, plus the wiki's own classes); never `<script>`, `<style>`,
 *   `<iframe>`, event-handler attributes, or `javascript:`/`data:`/`vbscript:` URLs.
 *
 * The same module runs in the build, in the editor preview, in the proposal service and in
 * `npm run check:content`. Violations are reported with line and column; the renderer then drops
 * the offending construct (sanitizes), so even a page that slipped through renders inert.
 */
import type { Element, Root as HastRoot } from 'hast';
import { defaultSchema, type Schema } from 'hast-util-sanitize';
import type { Root as MdastRoot } from 'mdast';
import type { MdxJsxAttribute, MdxJsxExpressionAttribute, MdxJsxFlowElement, MdxJsxTextElement } from 'mdast-util-mdx-jsx';
import type { Plugin } from 'unified';
import type { Node } from 'unist';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { report, type Severity } from './diagnostics.ts';

/** The wiki's own MDX components and the attributes each accepts. */
export const allowedComponents: Readonly<Record<string, { attributes: readonly string[]; required?: readonly string[] }>> = {
  Callout: { attributes: ['type', 'title'] },
  Note: { attributes: ['title'] },
  Tip: { attributes: ['title'] },
  Important: { attributes: ['title'] },
  Warning: { attributes: ['title'] },
  Caution: { attributes: ['title'] },
  Danger: { attributes: ['title'] },
  Steps: { attributes: [] },
  Figure: { attributes: ['src', 'alt', 'caption', 'width'], required: ['src', 'alt'] },
  Details: { attributes: ['summary', 'open'], required: ['summary'] },
};

const forbiddenTags = new Set(['script', 'style', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'form', 'button', 'textarea', 'select', 'link', 'meta', 'base', 'svg', 'math', 'template', 'noscript']);
const urlAttributes = new Set(['href', 'src', 'srcset', 'srcSet', 'action', 'formaction', 'formAction', 'cite', 'longdesc', 'longDesc', 'poster', 'background', 'xlink:href', 'data']);
const unsafeUrl = /^\s*(?:javascript|vbscript|data|file):/i;

/** What the renderer keeps of HTML: GitHub's schema, plus the classes of the wiki's own components. */
export const sanitizeSchema: Schema = {
  ...defaultSchema,
  // Heading ids are added after sanitizing, so user ids only need the usual clobber prefix.
  clobberPrefix: 'user-content-',
  protocols: { ...defaultSchema.protocols, href: [...(defaultSchema.protocols?.href ?? []), 'wikilink'] },
  tagNames: [...(defaultSchema.tagNames ?? []), 'figure', 'figcaption', 'mark', 'abbr', 'u'],
  attributes: {
    ...defaultSchema.attributes,
    div: [...(defaultSchema.attributes?.div ?? []), ['className', 'callout', /^callout-[a-z]+$/, 'steps'], 'role', 'ariaLabel'],
    p: [...(defaultSchema.attributes?.p ?? []), ['className', 'callout-title']],
    figure: [['className', 'figure']],
    img: [...(defaultSchema.attributes?.img ?? []), 'width', 'height', 'loading'],
    details: [...(defaultSchema.attributes?.details ?? []), 'open'],
    abbr: ['title'],
  },
};

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

/**
 * rehype plugin: reports raw HTML outside the policy, before the sanitizer removes it. Runs on
 * the tree after `rehype-raw`, so it sees raw HTML of `.md` files as elements with positions.
 * HTML written as JSX in `.mdx` arrives here too (see `remark-components`), so each HTML rule
 * lives only here.
 */
export const rehypeHtmlPolicy: Plugin<[], HastRoot> = () => (tree, file) => {
  const severity: Severity = file.data.rawHtmlSeverity ?? 'error';
  visit(tree, (node) => {
    if (node.type === 'comment' || node.type === 'doctype') return;
    if (node.type !== 'element') return;
    const el = node as Element;
    if (forbiddenTags.has(el.tagName)) {
      report(file, `<${el.tagName}> is not allowed in wiki pages and was removed`, el, 'html', severity);
    }
    for (const [prop, value] of Object.entries(el.properties)) {
      const text = Array.isArray(value) ? value.join(' ') : value === true ? '' : String(value ?? '');
      if (/^on/i.test(prop)) {
        report(file, `event-handler attribute ${prop.toLowerCase()} on <${el.tagName}> is not allowed and was removed`, el, 'html', severity);
      } else if (urlAttributes.has(prop) && unsafeUrl.test(text)) {
        report(file, `${text.trim().split(':')[0]!.toLowerCase()}: URLs are not allowed (${prop} on <${el.tagName}>) and were removed`, el, 'html', severity);
      } else if (prop === 'style') {
        report(file, `style attributes are removed from wiki pages (on <${el.tagName}>); the wiki's stylesheet handles presentation`, el, 'html', 'warning');
      }
    }
  });
};

function truncate(text: string, max = 40): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}
