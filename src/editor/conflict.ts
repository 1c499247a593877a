/**
 * Resolving a conflict in the editor (loaded only when one happens): the current version of the
 * page and the contributor's side by side (`@codemirror/merge`), the differences highlighted. The
 * contributor takes a part of the current version with the arrow button beside it, or edits their
 * side; what their side says is what gets submitted.
 */
import { EditorState, type Extension } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { MergeView } from '@codemirror/merge';
import { editorBasics } from './source-editor.ts';

export interface ConflictOptions {
  parent: HTMLElement;
  theirs: string;
  /** The contributor's side to start from (see premerge.ts). */
  yours: string;
  dir: 'ltr' | 'rtl';
  lang: string;
  crlf: boolean;
  labels: { theirs: string; yours: string; take: string };
  /** CodeMirror's own words (`$ unchanged lines`), in the chrome's language. */
  phrases: Record<string, string>;
}

export interface ConflictView {
  /** The contributor's side as it is now. */
  resolved(): string;
  focus(): void;
  destroy(): void;
}

export function openConflict(options: ConflictOptions): ConflictView {
  const common = (label: string, readOnly: boolean): Extension[] => [
    editorBasics({ dir: options.dir, lang: options.lang, crlf: options.crlf, label }),
    EditorState.phrases.of(options.phrases),
    ...(readOnly ? [EditorState.readOnly.of(true), EditorView.editable.of(false), EditorView.contentAttributes.of({ 'aria-readonly': 'true', tabindex: '0' })] : []),
  ];
  const view = new MergeView({
    a: { doc: options.theirs, extensions: common(options.labels.theirs, true) },
    b: { doc: options.yours, extensions: common(options.labels.yours, false) },
    parent: options.parent,
    revertControls: 'a-to-b',
    renderRevertControl: () => {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'conflict-take';
      button.setAttribute('aria-label', options.labels.take);
      button.title = options.labels.take;
      button.textContent = options.dir === 'rtl' ? '⇜' : '⇝';
      return button;
    },
    highlightChanges: true,
    gutter: true,
    collapseUnchanged: { margin: 3, minSize: 8 },
  });
  // The merge view takes a part on mousedown only; make the buttons work from the keyboard too.
  view.dom.addEventListener('click', (event) => {
    const button = (event.target as HTMLElement).closest<HTMLButtonElement>('.conflict-take');
    if (button && event.detail === 0) button.dispatchEvent(new MouseEvent('mousedown', { bubbles: true, cancelable: true }));
  });
  return {
    resolved: () => view.b.state.doc.toString(),
    focus: () => view.b.focus(),
    destroy: () => view.destroy(),
  };
}
