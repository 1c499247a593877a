import type { Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { humanize } from '../paths.ts';

const mdParser = unified().use(remarkParse).freeze();
const mdxParser = unified().use(remarkParse).use(remarkMdx).freeze();

/** The text of the first heading in a Markdown/MDX body, if it has one. */
export function firstHeading(body: string, format: 'md' | 'mdx'): string | undefined {
  let tree: Root;
  try {
    tree = (format === 'mdx' ? mdxParser : mdParser).parse(body);
  } catch {
    // A page with an MDX syntax error is reported by the renderer; fall back to plain Markdown here.
    tree = mdParser.parse(body);
  }
  const heading = tree.children.find((n) => n.type === 'heading');
  const text = heading ? toString(heading).trim() : '';
  return text || undefined;
}

/**
 * A page's title: the frontmatter `title`, else the first heading of the body, else the file name
 * made readable (`paid-parental-leave.md` → "Paid parental leave"; a folder's index page takes the
 * folder's name).
 */
export function pageTitle(frontmatterTitle: string | undefined, body: string, format: 'md' | 'mdx', path: string): string {
  if (frontmatterTitle) return frontmatterTitle;
  const heading = firstHeading(body, format);
  if (heading) return heading;
  const parts = path.replace(/\.mdx?$/i, '').split('/');
  let name = parts.pop() ?? path;
  if (/^(index|readme)$/i.test(name) && parts.length) name = parts.pop()!;
  return humanize(name);
}
