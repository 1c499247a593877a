/**
 * Diff lines as people read them: inside a line replaced by one other line, the words that
 * changed are marked. Shared by the page history and the editor's review step.
 */
import { diffWordsWithSpace } from 'diff';

export interface DiffLineIn {
  type: 'context' | 'add' | 'remove';
  text: string;
  old?: number;
  new?: number;
}

export interface DiffPart {
  text: string;
  changed: boolean;
}

export interface DiffRow {
  type: 'context' | 'add' | 'remove';
  old?: number;
  new?: number;
  parts: DiffPart[];
}

export function diffRows(lines: readonly DiffLineIn[]): DiffRow[] {
  const rows: DiffRow[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const next = lines[i + 1];
    // One line replaced by one line (not part of a larger block): mark the words that differ.
    if (line.type === 'remove' && next?.type === 'add' && lines[i - 1]?.type !== 'remove' && lines[i + 2]?.type !== 'add') {
      const words = diffWordsWithSpace(line.text, next.text);
      rows.push({ type: 'remove', old: line.old, parts: words.filter((w) => !w.added).map((w) => ({ text: w.value, changed: Boolean(w.removed) })) });
      rows.push({ type: 'add', new: next.new, parts: words.filter((w) => !w.removed).map((w) => ({ text: w.value, changed: Boolean(w.added) })) });
      i++;
    } else {
      rows.push({ type: line.type, old: line.old, new: line.new, parts: [{ text: line.text, changed: false }] });
    }
  }
  return rows;
}
