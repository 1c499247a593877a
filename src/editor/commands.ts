/**
 * What the toolbar and the shortcuts do to the source: small text edits on the selection, each one
 * undoable in one step, leaving the text to type next selected.
 */
import { EditorSelection, type ChangeSpec, type EditorState, type SelectionRange } from '@codemirror/state';
import type { EditorView } from '@codemirror/view';

function done(view: EditorView): boolean {
  view.focus();
  return true;
}

/** Wraps each selection in `marker` (`**` bold, `_` italic), or unwraps it if it is wrapped already. */
export function toggleWrap(view: EditorView, marker: string, placeholder: string): boolean {
  const { state } = view;
  const m = marker.length;
  view.dispatch(
    state.changeByRange((range) => {
      const text = state.sliceDoc(range.from, range.to);
      if (!range.empty && state.sliceDoc(range.from - m, range.from) === marker && state.sliceDoc(range.to, range.to + m) === marker) {
        return {
          changes: [{ from: range.from - m, to: range.from }, { from: range.to, to: range.to + m }],
          range: EditorSelection.range(range.from - m, range.to - m),
        };
      }
      if (text.length >= 2 * m + 1 && text.startsWith(marker) && text.endsWith(marker)) {
        return {
          changes: { from: range.from, to: range.to, insert: text.slice(m, -m) },
          range: EditorSelection.range(range.from, range.to - 2 * m),
        };
      }
      // Keep spaces outside the markers: `**word **` is not bold in Markdown.
      const lead = /^\s*/.exec(text)![0].length;
      const trail = /\s*$/.exec(text.slice(lead))![0].length;
      const inner = text.slice(lead, text.length - trail) || placeholder;
      const from = range.from + lead;
      const to = range.to - trail;
      return {
        changes: { from, to: Math.max(from, to), insert: `${marker}${inner}${marker}` },
        range: EditorSelection.range(from + m, from + m + inner.length),
      };
    }),
    { scrollIntoView: true, userEvent: 'input.format' },
  );
  return done(view);
}

export type LineKind = 'h2' | 'h3' | 'bullet' | 'number';

const BLOCK_PREFIX = /^(\s*)(#{1,6}[ \t]+|[-*+][ \t]+|\d{1,9}[.)][ \t]+)?/;

function kindOf(prefix: string | undefined): LineKind | 'other' | undefined {
  if (!prefix) return undefined;
  if (/^##[ \t]/.test(prefix)) return 'h2';
  if (/^###[ \t]/.test(prefix)) return 'h3';
  if (/^[-*+]/.test(prefix)) return 'bullet';
  if (/^\d/.test(prefix)) return 'number';
  return 'other';
}

/**
 * Makes the selected lines headings or list items (replacing another heading level or list kind),
 * or plain text again if they already are of that kind. On an empty line, adds a placeholder.
 */
export function toggleLines(view: EditorView, kind: LineKind, placeholder: string): boolean {
  const { state } = view;
  const changes: ChangeSpec[] = [];
  let select: SelectionRange | undefined;
  const seen = new Set<number>();
  for (const range of state.selection.ranges) {
    const first = state.doc.lineAt(range.from).number;
    const last = state.doc.lineAt(range.to).number;
    const lines = [];
    for (let n = first; n <= last; n++) if (!seen.has(n)) lines.push(state.doc.line(n));
    lines.forEach((l) => seen.add(l.number));
    const nonEmpty = lines.filter((l) => l.text.trim() !== '' || lines.length === 1);
    const allOfKind = nonEmpty.every((l) => kindOf(BLOCK_PREFIX.exec(l.text)![2]) === kind);
    nonEmpty.forEach((line, i) => {
      const match = BLOCK_PREFIX.exec(line.text)!;
      const indent = kind === 'bullet' || kind === 'number' ? match[1]! : '';
      const from = line.from;
      const to = line.from + match[0].length;
      const prefix = allOfKind ? '' : { h2: '## ', h3: '### ', bullet: '- ', number: `${i + 1}. ` }[kind];
      if (!allOfKind && line.text.trim() === '' && state.selection.ranges.length === 1) {
        changes.push({ from: line.from, to: line.to, insert: `${prefix}${placeholder}` });
        const start = line.from + prefix.length;
        select = EditorSelection.range(start, start + placeholder.length);
      } else {
        changes.push({ from, to, insert: `${indent}${prefix}` });
      }
    });
  }
  const tr = state.update({ changes, scrollIntoView: true, userEvent: 'input.format' });
  view.dispatch(select ? { changes: tr.changes, selection: select, scrollIntoView: true, userEvent: 'input.format' } : tr);
  return done(view);
}

/** `[text](https://)`, with the address selected (or the text, when the selection was an address). */
export function insertLink(view: EditorView, placeholder: string): boolean {
  const { state } = view;
  view.dispatch(
    state.changeByRange((range) => {
      const text = state.sliceDoc(range.from, range.to);
      if (/^(https?:\/\/|mailto:|\/)\S*$/.test(text)) {
        const insert = `[${placeholder}](${text})`;
        return { changes: { from: range.from, to: range.to, insert }, range: EditorSelection.range(range.from + 1, range.from + 1 + placeholder.length) };
      }
      const label = text || placeholder;
      const insert = `[${label}](https://)`;
      const urlStart = range.from + label.length + 3;
      return { changes: { from: range.from, to: range.to, insert }, range: EditorSelection.range(urlStart, urlStart + 'https://'.length) };
    }),
    { scrollIntoView: true, userEvent: 'input.format' },
  );
  return done(view);
}

/** `[[Target]]`, or `[[Target|selected text]]`. */
export function insertWikilink(view: EditorView, target: string): boolean {
  const { state } = view;
  view.dispatch(
    state.changeByRange((range) => {
      const text = state.sliceDoc(range.from, range.to).trim().replace(/[\[\]|]/g, '');
      const insert = text && text.toLowerCase() !== target.toLowerCase() ? `[[${target}|${text}]]` : `[[${target}]]`;
      return { changes: { from: range.from, to: range.to, insert }, range: EditorSelection.cursor(range.from + insert.length) };
    }),
    { scrollIntoView: true, userEvent: 'input.format' },
  );
  return done(view);
}

/**
 * Inserts a block (table, callout, figure) on its own lines with a blank line before and after:
 * on the cursor's line if it is empty, else after it. `select` is a range within `block`.
 */
export function insertBlock(view: EditorView, block: string, select: [number, number]): boolean {
  const { state } = view;
  const head = state.selection.main.head;
  const line = state.doc.lineAt(head);
  const empty = line.text.trim() === '';
  const from = empty ? line.from : line.to;
  const to = line.to;
  const before = empty ? (line.number > 1 && state.doc.line(line.number - 1).text.trim() !== '' ? '\n' : '') : '\n\n';
  const nextLine = line.number < state.doc.lines ? state.doc.line(line.number + 1) : undefined;
  // The line break after the block is the one already there; add a blank line before the next text.
  const after = nextLine && nextLine.text.trim() !== '' ? '\n' : '';
  const insert = `${before}${block}${after}`;
  const start = from + before.length;
  view.dispatch({
    changes: { from, to, insert },
    selection: EditorSelection.range(start + select[0], start + select[1]),
    scrollIntoView: true,
    userEvent: 'input.format',
  });
  return done(view);
}

export function tableBlock(column: (n: number) => string): { text: string; select: [number, number] } {
  const a = column(1);
  const b = column(2);
  const text = `| ${a} | ${b} |\n| --- | --- |\n|  |  |`;
  return { text, select: [2, 2 + a.length] };
}

export function calloutBlock(format: 'md' | 'mdx', placeholder: string): { text: string; select: [number, number] } {
  if (format === 'mdx') {
    const text = `<Note>\n\n${placeholder}\n\n</Note>`;
    return { text, select: [8, 8 + placeholder.length] };
  }
  const text = `> [!NOTE]\n> ${placeholder}`;
  return { text, select: [12, 12 + placeholder.length] };
}

/** An image: `![alt](./images/x.png)` inline in Markdown, a `<Figure>` block in MDX; the alt text selected. */
export function insertImage(view: EditorView, format: 'md' | 'mdx', link: string, alt: string): boolean {
  if (format === 'mdx') {
    const text = `<Figure src="${link}" alt="${alt.replace(/"/g, '')}" />`;
    const at = text.indexOf('alt="') + 5;
    return insertBlock(view, text, [at, at + alt.replace(/"/g, '').length]);
  }
  const { state } = view;
  const range = state.selection.main;
  const insert = `![${alt}](${link})`;
  view.dispatch({
    changes: { from: range.from, to: range.to, insert },
    selection: EditorSelection.range(range.from + 2, range.from + 2 + alt.length),
    scrollIntoView: true,
    userEvent: 'input.format',
  });
  return done(view);
}

/** The offset of line `line`, column `column` (1-based) in the document, clamped into it. */
export function offsetOf(state: EditorState, line: number, column: number): number {
  const l = state.doc.line(Math.min(Math.max(1, line), state.doc.lines));
  return Math.min(l.to, l.from + Math.max(0, column - 1));
}
