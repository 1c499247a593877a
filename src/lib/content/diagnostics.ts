/**
 * Problems in a content file. While a page is prepared and rendered they are vfile messages on the
 * page's `VFile` (as unified intends: every plugin reports with `file.message`); at the edges —
 * the build log, `npm run check:content`, the editor, the proposal service — they become plain
 * `Diagnostic` objects, located for humans as `file:line:col message`.
 */
import type { Node, Point, Position } from 'unist';
import type { VFile } from 'vfile';

export interface Diagnostic {
  file: string;
  line: number;
  column: number;
  message: string;
  /** The frontmatter field or construct concerned (`status`, `mdx`, `html`, `syntax`, `path`). */
  field?: string;
  /** `error` fails the build and the content check; `warning` is only reported. */
  severity: 'error' | 'warning';
}

export type Severity = Diagnostic['severity'];

export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column} ${d.severity === 'warning' ? 'warning: ' : ''}${d.message}`;
}

/** Where a problem is: a node (its start), a position, a point, or a line and column. */
export type Place = Node | Position | Point | { line: number; column: number } | undefined;

function pointOf(place: Place): Point {
  if (!place) return { line: 1, column: 1 };
  if ('type' in place) return place.position?.start ?? { line: 1, column: 1 };
  if ('start' in place) return place.start;
  return { line: place.line, column: place.column };
}

/** Records a problem on the page's file. `field` becomes the message's `ruleId`. */
export function report(file: VFile, message: string, place: Place, field?: string, severity: Severity = 'error'): void {
  const point = pointOf(place);
  const m = file.message(message, { place: { line: point.line, column: point.column }, ruleId: field, source: 'pinkas' });
  // An error is a fatal message that does not throw: the rest of the page is still checked.
  m.fatal = severity === 'error';
}

/** Records diagnostics computed elsewhere (frontmatter, schema) on the page's file. */
export function reportAll(file: VFile, diagnostics: readonly Diagnostic[]): void {
  for (const d of diagnostics) report(file, d.message, { line: d.line, column: d.column }, d.field, d.severity);
}

/** The file's messages as diagnostics, in the order of the file (line, then column). */
export function diagnosticsOf(file: VFile): Diagnostic[] {
  const name = file.path || '<input>';
  return file.messages
    .map((m): Diagnostic => ({
      file: name,
      line: m.line ?? 1,
      column: m.column ?? 1,
      message: m.reason,
      ...(m.ruleId ? { field: m.ruleId } : {}),
      severity: m.fatal ? 'error' : 'warning',
    }))
    .sort((a, b) => a.line - b.line || a.column - b.column);
}
