/**
 * A faster parser for the one pipeline, in Node only: satteri (the Rust Markdown/MDX parser Astro 7
 * compiles MDX with) builds the same mdast as remark-parse + remark-gfm (+ remark-mdx), about thirty
 * times faster. It replaces the parser, nothing else: every plugin after it, the policies included,
 * sees the same tree, positions and all, and the browser (the editor's preview) keeps
 * remark-parse, which needs no native code.
 *
 * Where the two parsers are not known to agree, the page is parsed by remark-parse, as before:
 * - a syntax error (the message and its place are remark-parse's, as the editor shows them);
 * - in `.md`, anything that could be HTML or an autolink (`<` and a letter, `/`, `!` or `?`);
 *   in any page, a NUL, a lone carriage return, text that is not well-formed Unicode;
 * - MDX expressions and `import`/`export` (the MDX policy reads the JavaScript syntax tree that
 *   remark-mdx builds with acorn; satteri gives none);
 * - JSX written on one line with text (`<Note>Hi</Note>`): satteri unwraps the paragraph, as
 *   `@mdx-js/mdx` does, where remark-mdx keeps a paragraph with a text element.
 * tests/unit/native-parse.test.ts holds the agreement over the sample wiki, an imported handbook,
 * the fixtures and a list of edge cases; without the native binary (an unsupported platform) every
 * page is parsed by remark-parse.
 */
import type { Nodes, Root } from 'mdast';
import type { MdxJsxFlowElement, MdxJsxTextElement } from 'mdast-util-mdx-jsx';
import type { Point } from 'unist';
import type { Processor } from 'unified';
import { chunkOf } from '../search/format.ts';

type Satteri = typeof import('satteri');

let satteri: Satteri | undefined;
try {
  satteri = await import('satteri');
} catch {
  satteri = undefined;
}

/** Whether the native parser loaded on this machine. */
export function nativeParserAvailable(): boolean {
  return satteri !== undefined;
}

const FALLBACK_TYPES: ReadonlySet<string> = new Set(['mdxjsEsm', 'mdxFlowExpression', 'mdxTextExpression']);
const PHRASING: ReadonlySet<string> = new Set([
  'text', 'emphasis', 'strong', 'delete', 'inlineCode', 'break', 'link', 'linkReference', 'image', 'imageReference',
  'footnoteReference', 'html', 'mdxJsxTextElement', 'mdxTextExpression',
]);

/**
 * In `.md`, what could begin HTML or an autolink: satteri and remark-parse do not always agree on
 * what is a tag (`<img src=x onerror=a=1>` is text to CommonMark, a tag to satteri), so such a
 * page is read by remark-parse.
 */
const MARKDOWN_FALLBACK = /<[A-Za-z/!?]/;
/**
 * In any page: a NUL (CommonMark turns it into U+FFFD, satteri keeps it) and a line ending of a
 * lone carriage return (`pointsOf` counts lines at line feeds). Text that is not well-formed
 * Unicode (satteri's strings cannot hold half a surrogate pair) goes to remark-parse too.
 */
const ANY_FALLBACK = /\r(?!\n)|\u0000/;

/** Line and column of offsets in one document, as unist points. */
function pointsOf(doc: string) {
  const starts = [0];
  for (let i = doc.indexOf('\n'); i !== -1; i = doc.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset: number) => {
    // The line: the last whose start is not after the offset.
    const line = chunkOf(starts, offset);
    return { line: line + 1, column: offset - starts[line]! + 1, offset };
  };
}

const SPACE = /[ \t\r\n]/;

/**
 * Gives a JSX element's attributes the positions remark-mdx gives them (satteri gives none), read
 * from the opening tag in the source; false when the tag is not as plain as that reading needs.
 */
function placeAttributes(el: MdxJsxFlowElement | MdxJsxTextElement, doc: string, point: (offset: number) => Point): boolean {
  const at = el.position?.start.offset;
  if (at === undefined || doc[at] !== '<') return false;
  let i = at + 1;
  const skipSpace = () => {
    while (i < doc.length && SPACE.test(doc[i]!)) i++;
  };
  skipSpace();
  if (!el.name || !doc.startsWith(el.name, i)) return false;
  i += el.name.length;
  for (const attribute of el.attributes) {
    if (attribute.type !== 'mdxJsxAttribute') return false;
    const before: number = i;
    skipSpace();
    if (i === before || !doc.startsWith(attribute.name, i)) return false;
    const start = i;
    i += attribute.name.length;
    if (attribute.value !== null && attribute.value !== undefined) {
      skipSpace();
      if (doc[i] !== '=') return false;
      i++;
      skipSpace();
      const quote = doc[i];
      if (quote !== '"' && quote !== "'") return false;
      const close = doc.indexOf(quote, i + 1);
      if (close === -1) return false;
      i = close + 1;
    } else if (/[\w$:.-]/.test(doc[i] ?? '')) return false;
    attribute.position = { start: point(start), end: point(i) };
  }
  skipSpace();
  return doc[i] === '>' || (doc[i] === '/' && doc[i + 1] !== '*' && doc[i + 1] !== '/');
}

/**
 * Whether remark-parse would build this tree too, mending on the way what satteri writes otherwise
 * (JSX attributes without positions, the `_mdxExplicitJsx` mark of `@mdx-js/mdx`).
 */
function agrees(node: Nodes, doc: string, point: () => (offset: number) => Point): boolean {
  if (FALLBACK_TYPES.has(node.type)) return false;
  if (node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') {
    if (node.attributes.some((a) => a.type === 'mdxJsxExpressionAttribute' || (a.value !== null && typeof a.value === 'object'))) return false;
    if (node.type === 'mdxJsxFlowElement' && node.children.some((c) => PHRASING.has(c.type))) return false;
    if (node.attributes.length > 0 && !placeAttributes(node, doc, point())) return false;
    if (node.data) {
      delete (node.data as Record<string, unknown>)._mdxExplicitJsx;
      if (Object.keys(node.data).length === 0) delete node.data;
    }
  }
  if ('children' in node) {
    for (const child of node.children) if (!agrees(child, doc, point)) return false;
  }
  return true;
}

/** The page's tree from satteri, or undefined where remark-parse must read it. */
export function nativeTree(doc: string, mdx: boolean): Root | undefined {
  if (!satteri || !doc.isWellFormed() || ANY_FALLBACK.test(doc) || (!mdx && MARKDOWN_FALLBACK.test(doc))) return undefined;
  let tree: Root;
  try {
    const options = { features: { gfm: true, frontmatter: false } };
    tree = (mdx ? satteri.mdxToMdast(doc, options) : satteri.markdownToMdast(doc, options)) as Root;
  } catch {
    return undefined;
  }
  let points: ((offset: number) => Point) | undefined;
  return agrees(tree, doc, () => (points ??= pointsOf(doc))) ? tree : undefined;
}

/**
 * The unified plugin: used after remark-parse (and remark-mdx, remark-gfm), it parses with satteri
 * and hands a page to remark-parse's parser where the two might differ.
 */
export function remarkNativeParse(this: Processor, options: { mdx: boolean }) {
  const fallback = this.parser;
  if (!fallback || !satteri) return;
  this.parser = (doc, file) => nativeTree(doc, options.mdx) ?? fallback(doc, file);
}
