/**
 * Line diffs for the review step and the draft prompt: hunks with old/new line numbers, and inside
 * a changed line the words that changed (the same reading as the page history's diff view).
 */
import { structuredPatch } from 'diff';
import { lineStats } from '../lib/line-stats.ts';
import { diffRows, type DiffPart, type DiffRow } from '../lib/diff-rows.ts';

export type { DiffPart, DiffRow };

export interface DiffHunk {
  /** `@@ -12,7 +12,8 @@`, for orientation. */
  header: string;
  rows: DiffRow[];
}

const lf = (text: string) => text.replace(/\r\n?/g, '\n');

/** The changes from `before` to `after`, in hunks with `context` unchanged lines around each. */
export function lineDiff(before: string, after: string, context = 3): DiffHunk[] {
  const patch = structuredPatch('before', 'after', lf(before), lf(after), '', '', { context });
  return patch.hunks.map((hunk) => {
    let oldLine = hunk.oldStart;
    let newLine = hunk.newStart;
    const lines = hunk.lines
      .filter((l) => !l.startsWith('\\'))
      .map((l) => {
        const type = l[0] === '+' ? ('add' as const) : l[0] === '-' ? ('remove' as const) : ('context' as const);
        const row = { type, text: l.slice(1), old: type === 'add' ? undefined : oldLine, new: type === 'remove' ? undefined : newLine };
        if (type !== 'add') oldLine++;
        if (type !== 'remove') newLine++;
        return row;
      });
    const rows = diffRows(lines);
    return { header: `@@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@`, rows };
  });
}

/** How many lines were added and removed from `before` to `after` (line endings ignored). */
export function diffStats(before: string, after: string): { added: number; removed: number } {
  return lineStats(lf(before), lf(after));
}
