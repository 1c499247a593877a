import { diff3Merge } from 'node-diff3';
import type { ConflictPart } from './wire.ts';

export type MergeOutcome =
  | { kind: 'unchanged' }
  | { kind: 'clean'; content: string }
  | { kind: 'conflict'; conflicts: ConflictPart[] };

/**
 * Three-way merge of a page (node-diff3, line by line): `base` is the page the editor opened,
 * `yours` the contributor's version, `theirs` the page as it is now on the base branch. Changes to
 * different lines combine; the same lines changed two ways are a conflict, reported with the line
 * (in `theirs`) where each starts.
 */
export function mergePage(base: string, yours: string, theirs: string): MergeOutcome {
  if (theirs === base) return { kind: 'unchanged' };
  if (yours === base) return { kind: 'clean', content: theirs };
  if (yours === theirs) return { kind: 'clean', content: theirs };
  const regions = diff3Merge(yours.split('\n'), base.split('\n'), theirs.split('\n'), { excludeFalseConflicts: true });
  const conflicts = regions.filter((r) => r.conflict).map((r): ConflictPart => ({
    yours: r.conflict!.a.join('\n'),
    theirs: r.conflict!.b.join('\n'),
    base: r.conflict!.o.join('\n'),
    line: r.conflict!.bIndex + 1,
  }));
  if (conflicts.length) return { kind: 'conflict', conflicts };
  return { kind: 'clean', content: regions.flatMap((r) => r.ok ?? []).join('\n') };
}
