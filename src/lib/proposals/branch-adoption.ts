/**
 * What the local backend finds on a proposal's branch when it is already there at create time:
 * a branch a crash left behind (its commit written, its record not yet), which a retried submit
 * adopts; a torn ref (empty, not a commit id, or naming a commit the repository cannot read),
 * which it writes again; or someone else's work, which it refuses to touch.
 */
import git, { type CommitObject, type FsClient } from 'isomorphic-git';
import type { PreparedProposal } from './types.ts';

export type BranchState =
  /** The branch holds this proposal's commit: same author, message and change on the same parent. */
  | { kind: 'own'; commit: string; createdAt: string }
  /** The ref cannot be used as it is; `reason` says why. */
  | { kind: 'torn'; reason: string }
  /** The branch holds another commit. */
  | { kind: 'taken'; commit: string };

export interface BranchCheck {
  fs: FsClient;
  dir: string;
  ref: string;
  proposal: PreparedProposal;
  /** The tree of this proposal's change on `proposal.parent`. */
  tree: string;
  /** The tree of this proposal's change on another parent (when the base branch moved since the crash). */
  treeOn: (parent: string) => Promise<string>;
}

const withNewline = (message: string) => (message.endsWith('\n') ? message : `${message}\n`);

export async function branchState({ fs, dir, ref, proposal: p, tree, treeOn }: BranchCheck): Promise<BranchState> {
  let tip: string;
  try {
    tip = await git.resolveRef({ fs, dir, ref });
  } catch (error) {
    return { kind: 'torn', reason: `the ref cannot be resolved (${(error as Error).message})` };
  }
  let commit: CommitObject;
  try {
    ({ commit } = await git.readCommit({ fs, dir, oid: tip }));
  } catch (error) {
    return { kind: 'torn', reason: `its commit ${tip.slice(0, 7)} cannot be read (${(error as Error).message})` };
  }
  const sameAuthor = commit.author.name === p.author.name && commit.author.email === p.author.email;
  const parent = commit.parent.length === 1 ? commit.parent[0]! : undefined;
  if (!sameAuthor || parent === undefined || withNewline(commit.message) !== withNewline(p.message)) return { kind: 'taken', commit: tip };
  const sameChange = parent === p.parent ? commit.tree === tree : commit.tree === (await treeOn(parent).catch(() => undefined));
  if (!sameChange) return { kind: 'taken', commit: tip };
  return { kind: 'own', commit: tip, createdAt: new Date(commit.author.timestamp * 1000).toISOString() };
}
