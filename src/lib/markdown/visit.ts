/**
 * The tree walk of the pipeline's own plugins: `unist-util-visit`'s `visit` (preorder, the same
 * tests by type, the same `SKIP`, `EXIT`, `CONTINUE` and sibling indices, the same types), without
 * its cost. Per node, unist-util-visit makes a closure, names it with a coloured string
 * (`defineProperty`) and copies the array of ancestors: with a dozen walks a page, that was a third
 * of the render time of a page of 800 words. tests/unit/visit.test.ts runs visitors through both
 * and compares what they see and do.
 */
import type { Node, Parent } from 'unist';
import type { BuildVisitor } from 'unist-util-visit';

export const CONTINUE = true;
export const EXIT = false;
export const SKIP = 'skip';

type Result = [unknown, number | undefined];

/** Calls `visitor` on every node of `tree` of type `check` (on every node when there is none). */
export function visit<Tree extends Node, C extends string>(tree: Tree, check: C, visitor: BuildVisitor<Tree, C>): undefined;
export function visit<Tree extends Node>(tree: Tree, visitor: BuildVisitor<Tree>): undefined;
export function visit(tree: Node, checkOrVisitor: string | AnyVisitor, maybeVisitor?: AnyVisitor): undefined {
  const visitor = (maybeVisitor ?? checkOrVisitor) as AnyVisitor;
  const check = maybeVisitor ? (checkOrVisitor as string) : undefined;
  walk(tree, undefined, undefined, check, visitor);
  return undefined;
}

type AnyVisitor = (node: Node, index: number | undefined, parent: Parent | undefined) => unknown;

/** What a visitor's answer means, as unist-util-visit reads it: `[action, index]`. */
function result(value: unknown): Result {
  if (Array.isArray(value)) return [value[0], value[1] as number | undefined];
  if (typeof value === 'number') return [CONTINUE, value];
  return [value, undefined];
}

const NOTHING: Result = [undefined, undefined];

/** Visits `node` and below; its answer says whether to stop and at which sibling to go on. */
function walk(node: Node, index: number | undefined, parent: Parent | undefined, check: string | undefined, visitor: AnyVisitor): Result {
  const answer = check === undefined || node.type === check ? result(visitor(node, index, parent)) : NOTHING;
  if (answer[0] === EXIT) return answer;
  if (answer[0] !== SKIP && (node as Partial<Parent>).children) {
    const self = node as Parent;
    // The children are read afresh at every step: a visitor may splice or replace them.
    for (let i = 0; i >= 0 && i < self.children.length; ) {
      const sub = walk(self.children[i]!, i, self, check, visitor);
      if (sub[0] === EXIT) return sub;
      i = typeof sub[1] === 'number' ? sub[1] : i + 1;
    }
  }
  return answer;
}
