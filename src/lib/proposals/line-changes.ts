/**
 * What a change does to a page, line by line, for the pull request: lines added and removed and the
 * sections touched. A line diff (Myers, `diff`'s diffLines) costs time in proportion to the size of
 * the pages times the number of edits, so a rewrite of a long page could take the service tens of
 * seconds; the diff is given a bounded amount of work, and a change beyond it is summarized from
 * the lines each version has that the other has not — an estimate, and the text says so.
 */
import { diffLines } from 'diff';

export interface LineChanges {
  added: number;
  removed: number;
  /** The headings of the sections with changed lines ("Requesting leave"), in page order. */
  sections: string[];
  /** False when the change was too large for a line-by-line comparison and the numbers are estimates. */
  exact: boolean;
}

/** Edits (lines added or removed) the line diff may look for, and how long it may take. */
const MAX_EDITS = 1000;
const MAX_MS = 100;

/** The heading of the section each line of `text` is in (undefined before the first heading). */
function headingsByLine(lines: string[]): (string | undefined)[] {
  const headingAt: (string | undefined)[] = [];
  let current: string | undefined;
  let fence = false;
  lines.forEach((line, i) => {
    if (/^\s*(```|~~~)/.test(line)) fence = !fence;
    const m = !fence && /^#{1,6}\s+(.+?)\s*#*$/.exec(line);
    if (m) current = m[1]!;
    headingAt[i] = current;
  });
  return headingAt;
}

const TOP = '(top of the page)';

export function lineChanges(before: string, after: string): LineChanges {
  const lines = after.split('\n');
  const headingAt = headingsByLine(lines);
  const parts = diffLines(before, after, { maxEditLength: MAX_EDITS, timeout: MAX_MS });
  if (!parts) return estimate(before, lines, headingAt);
  const sections = new Set<string>();
  let added = 0;
  let removed = 0;
  let line = 0;
  for (const part of parts) {
    const count = part.count ?? part.value.split('\n').length - 1;
    if (part.added) added += count;
    if (part.removed) removed += count;
    if (part.added || part.removed) sections.add(headingAt[Math.min(line, lines.length - 1)] ?? TOP);
    if (!part.removed) line += count;
  }
  return { added, removed, sections: [...sections], exact: true };
}

/** Lines of `after` that `before` lacks count as added, and the other way round; in linear time. */
function estimate(before: string, lines: string[], headingAt: (string | undefined)[]): LineChanges {
  const unmatched = new Map<string, number>();
  const old = before.split('\n');
  for (const line of old) unmatched.set(line, (unmatched.get(line) ?? 0) + 1);
  const sections = new Set<string>();
  let added = 0;
  lines.forEach((line, i) => {
    const left = unmatched.get(line) ?? 0;
    if (left > 0) unmatched.set(line, left - 1);
    else {
      added++;
      sections.add(headingAt[i] ?? TOP);
    }
  });
  let removed = 0;
  for (const left of unmatched.values()) removed += left;
  return { added, removed, sections: [...sections], exact: false };
}
