/**
 * The problems of the page: marked in the source editor (underline and gutter) and listed under
 * it, each a button that takes the cursor to its line. They come from the preview worker's check
 * and, after a refused submit, from the proposal service; the service's hold until the text changes.
 */
import { setDiagnostics, type Diagnostic as CmDiagnostic } from '@codemirror/lint';
import { EditorSelection, type EditorState } from '@codemirror/state';
import type { EditorView } from '@codemirror/view';
import type { Diagnostic } from '../lib/content/diagnostics.ts';
import type { Translate } from '../lib/i18n/strings.ts';
import type { LineProblem } from './api.ts';
import { offsetOf } from './commands.ts';
import type { EditorShell } from './shell.ts';

type PanelElements = Pick<EditorShell, 'problems' | 'problemsStatus' | 'problemsHeading'>;

/** A problem at a line and column, marked to the end of its line. */
function atLine(state: EditorState, p: { line: number; column: number; message: string }, severity: CmDiagnostic['severity']): CmDiagnostic {
  const from = offsetOf(state, p.line, p.column);
  return { from, to: Math.max(from, state.doc.lineAt(from).to), severity, message: p.message };
}

export class ProblemsPanel {
  readonly #el: PanelElements;
  readonly #view: EditorView;
  readonly #t: Translate;
  #server: CmDiagnostic[] = [];

  constructor(el: PanelElements, view: EditorView, t: Translate) {
    this.#el = el;
    this.#view = view;
    this.#t = t;
  }

  /** Shows the check's problems (placed in the text as it is now), with the service's. */
  show(local: CmDiagnostic[]): void {
    const view = this.#view;
    const all = [...local, ...this.#server].sort((a, b) => a.from - b.from);
    view.dispatch(setDiagnostics(view.state, all));
    this.#el.problems.replaceChildren(...all.map((d) => this.#item(d)));
    this.#el.problemsStatus.textContent = all.length ? '' : this.#t('editor.noProblems');
  }

  /** The text changed: the service's problems were about the text before. */
  textChanged(): void {
    if (this.#server.length) this.#server = [];
  }

  /**
   * The service refused the page with these problems: they replace the local ones they repeat
   * (`local`: the check's last findings), and the cursor goes to the first.
   */
  refused(problems: LineProblem[], local: readonly Diagnostic[]): void {
    const state = this.#view.state;
    this.#server = problems.map((p) => ({ ...atLine(state, p, 'error'), source: 'server' }));
    const mine = local.map((d) => atLine(state, d, d.severity));
    this.show(mine.filter((l) => !this.#server.some((s) => s.from === l.from && s.message === l.message)));
    const first = this.#server[0];
    if (first) this.#view.dispatch({ selection: EditorSelection.cursor(first.from), scrollIntoView: true });
  }

  status(text: string): void {
    this.#el.problemsStatus.textContent = text;
  }

  focus(): void {
    this.#el.problemsHeading.focus();
  }

  #item(d: CmDiagnostic): HTMLLIElement {
    const view = this.#view;
    const li = document.createElement('li');
    li.className = `problem problem-${d.severity}`;
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'link-button';
    const line = view.state.doc.lineAt(Math.min(d.from, view.state.doc.length)).number;
    button.dir = 'auto';
    button.textContent = this.#t('editor.problemAt', { line, message: d.message });
    if (d.severity === 'warning') button.prepend(`${this.#t('editor.warning')}: `);
    button.addEventListener('click', () => {
      view.dispatch({ selection: EditorSelection.cursor(Math.min(d.from, view.state.doc.length)), scrollIntoView: true });
      view.focus();
    });
    li.append(button);
    return li;
  }
}
