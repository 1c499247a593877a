/**
 * What the contributor's side of a conflict starts as: their version with every change made
 * meanwhile that does not collide with theirs already taken in (three-way, line by line, as the
 * proposal service merges), and their own text where both changed the same lines. So the side by
 * side view shows only what the contributor has to decide, and nobody else's change is undone by
 * accident.
 */
import { diff3Merge } from 'node-diff3';

export function premerge(base: string, yours: string, theirs: string): string {
  if (yours === base) return theirs;
  if (theirs === base || yours === theirs) return yours;
  const regions = diff3Merge(yours.split('\n'), base.split('\n'), theirs.split('\n'), { excludeFalseConflicts: true });
  return regions.flatMap((r) => r.ok ?? r.conflict?.a ?? []).join('\n');
}
