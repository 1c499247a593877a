/**
 * The preview follows the cursor. The rendered page carries no source positions (the pipeline
 * gives readers and the preview the very same HTML), so the two are matched by their headings:
 * each heading of the source (a `#` line outside code blocks, found in one pass over the lines, so
 * it stays cheap on a long page) is paired, in order, with the preview's heading of the same text,
 * and a line between two headings scrolls the preview to the same fraction of the way between them.
 */
import type { EditorState } from '@codemirror/state';

/** A heading of the source: its 1-based line and its text, as comparable words. */
export interface SourceHeading {
  line: number;
  words: string;
}

/** Text as comparable words: wikilinks and links by their label, no Markdown marks, lowercase. */
export function headingWords(text: string): string {
  return text
    .replace(/\[\[([^\]|]*\|)?([^\]]*)\]\]/g, '$2')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, ' ')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The ATX headings (`## Title`) of the source, outside fenced code and the frontmatter. */
export function sourceHeadings(state: EditorState): SourceHeading[] {
  const out: SourceHeading[] = [];
  let fence: string | undefined;
  let n = 0;
  let frontmatter = false;
  for (const text of state.doc.iterLines()) {
    n++;
    if (n === 1 && /^---[ \t]*$/.test(text)) frontmatter = true;
    else if (frontmatter) frontmatter = !/^(?:---|\.\.\.)[ \t]*$/.test(text);
    else if (fence) fence = text.trimStart().startsWith(fence) ? undefined : fence;
    else if (/^\s{0,3}(```|~~~)/.test(text)) fence = /^\s{0,3}(`{3,}|~{3,})/.exec(text)![1];
    else {
      const heading = /^\s{0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$/.exec(text);
      if (heading) out.push({ line: n, words: headingWords(heading[1]!) });
    }
  }
  return out;
}

/** Pairs the source's headings with the preview's, in order, skipping any without a match. */
export function pairHeadings(source: readonly SourceHeading[], preview: readonly string[]): { line: number; index: number }[] {
  const pairs: { line: number; index: number }[] = [];
  let next = 0;
  for (const heading of source) {
    if (!heading.words) continue;
    const found = preview.indexOf(heading.words, next);
    if (found === -1) continue;
    pairs.push({ line: heading.line, index: found });
    next = found + 1;
  }
  return pairs;
}

/**
 * Where the preview should be scrolled to (its scrollTop) for the cursor on `line` of `lines`:
 * `offsets[i]` is how far down the preview the paired heading `pairs[i]` is.
 */
export function scrollTarget(line: number, lines: number, pairs: readonly { line: number; offset: number }[], height: number): number {
  const points = [{ line: 1, offset: 0 }, ...pairs, { line: lines + 1, offset: height }];
  let i = 0;
  while (i < points.length - 2 && points[i + 1]!.line <= line) i++;
  const a = points[i]!;
  const b = points[i + 1]!;
  const fraction = b.line > a.line ? Math.min(1, Math.max(0, (line - a.line) / (b.line - a.line))) : 0;
  return a.offset + fraction * (b.offset - a.offset);
}

/** Scrolls `pane` (the preview, `body` holding the page) to where the cursor of `state` is. */
export function followCursor(state: EditorState, pane: HTMLElement, body: HTMLElement): void {
  if (!pane.offsetParent) return; // hidden (the Write tab on a phone)
  const elements = [...body.querySelectorAll<HTMLElement>('h1, h2, h3, h4, h5, h6')];
  const pairs = pairHeadings(sourceHeadings(state), elements.map((h) => headingWords(h.textContent ?? '')));
  const top = pane.getBoundingClientRect().top - pane.scrollTop;
  const offsets = pairs.map((p) => ({ line: p.line, offset: elements[p.index]!.getBoundingClientRect().top - top }));
  const line = state.doc.lineAt(state.selection.main.head).number;
  const target = scrollTarget(line, state.doc.lines, offsets, pane.scrollHeight);
  // The cursor's place a third of the way down, so what follows it is in view.
  pane.scrollTop = Math.max(0, target - pane.clientHeight / 3);
}
