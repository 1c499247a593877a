/**
 * The pipeline's tree walk (src/lib/markdown/visit.ts) sees and does what unist-util-visit does:
 * the same nodes in the same order with the same index and parent, the same tests by type, and the
 * same answers to SKIP, EXIT, a sibling index and `[SKIP, index]` — on the trees of real pages,
 * while visitors change them as the pipeline's plugins do (splicing in nodes, removing them).
 */
import { readFile } from 'node:fs/promises';
import type { Node, Parent } from 'unist';
import remarkGfm from 'remark-gfm';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import * as reference from 'unist-util-visit';
import { describe, expect, it } from 'vitest';
import * as lean from '../../src/lib/markdown/visit.ts';

type Visit = typeof reference.visit;
type Consts = { SKIP: unknown; EXIT: unknown; CONTINUE: unknown };

const mdast = unified().use(remarkParse).use(remarkMdx).use(remarkGfm);
const toHast = unified().use(remarkRehype);

async function trees(): Promise<[string, Node][]> {
  const out: [string, Node][] = [];
  for (const file of ['content/hr/annual-leave.mdx', 'content/it-security/vpn.mdx', 'content/hr/annual-leave-israel.mdx']) {
    const text = await readFile(file, 'utf8').catch(() => undefined);
    if (text === undefined) continue;
    const tree = mdast.runSync(mdast.parse(text.replace(/^---[\s\S]*?\n---\n/, '')));
    out.push([`${file} (mdast)`, tree], [`${file} (hast)`, toHast.runSync(structuredClone(tree) as never) as Node]);
  }
  return out;
}

const label = (node: Node | undefined) => (node ? `${node.type}${'tagName' in node ? `<${String(node.tagName)}>` : ''}` : '-');

/** Visitors like the pipeline's, written once for either implementation. */
const visitors: Record<string, (visit: Visit, c: Consts, tree: Node, log: string[]) => void> = {
  'every node, with index and parent': (visit, _c, tree, log) => {
    visit(tree, (node, index, parent) => void log.push(`${label(node)} ${index} ${label(parent)}`));
  },
  'a test by type': (visit, _c, tree, log) => {
    visit(tree, 'text', (node, index, parent) => void log.push(`${(node as { value: string }).value.slice(0, 12)} ${index} ${label(parent)}`));
    visit(tree, 'element', (node) => void log.push(label(node)));
  },
  'SKIP leaves a node\u2019s children out': (visit, c, tree, log) => {
    visit(tree, (node) => {
      log.push(label(node));
      if (['list', 'table', 'blockquote'].includes(node.type) || ['ul', 'table', 'pre'].includes(String((node as { tagName?: string }).tagName))) return c.SKIP as never;
    });
  },
  'EXIT stops the walk': (visit, c, tree, log) => {
    visit(tree, (node) => {
      log.push(label(node));
      if (log.length === 40) return c.EXIT as never;
    });
  },
  'splicing nodes in, going on after them with [SKIP, index]': (visit, c, tree, log) => {
    visit(tree, 'text', (node, index, parent) => {
      const value = (node as { value: string }).value;
      const at = value.indexOf(' ');
      if (at < 1 || !parent || index === undefined) return;
      log.push(value.slice(0, at));
      (parent as Parent).children.splice(index, 1, { type: 'text', value: value.slice(0, at) } as Node, { type: 'break' } as Node, { type: 'text', value: value.slice(at + 1) } as Node);
      return [c.SKIP, index + 3] as never;
    });
  },
  'removing a node and visiting its index again': (visit, _c, tree, log) => {
    visit(tree, (node, index, parent) => {
      log.push(label(node));
      if (node.type === 'thematicBreak' || node.type === 'heading' || (node as { tagName?: string }).tagName === 'h2') {
        if (parent && index !== undefined) {
          (parent as Parent).children.splice(index, 1);
          return index;
        }
      }
    });
  },
};

describe('the lean tree walk, beside unist-util-visit', async () => {
  const cases = await trees();
  it('has real pages to walk', () => expect(cases.length).toBeGreaterThanOrEqual(4));
  for (const [name, run] of Object.entries(visitors)) {
    it(name, () => {
      for (const [page, tree] of cases) {
        const a = structuredClone(tree);
        const b = structuredClone(tree);
        const expected: string[] = [];
        const actual: string[] = [];
        run(reference.visit, reference, a, expected);
        run(lean.visit as unknown as Visit, lean, b, actual);
        expect(expected.length, page).toBeGreaterThan(5);
        expect(actual, page).toEqual(expected);
        expect(JSON.stringify(b), page).toBe(JSON.stringify(a));
      }
    });
  }
});
