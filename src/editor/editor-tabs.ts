/**
 * Write / Preview tabs where the screen is too narrow for the source and the preview side by side
 * (src/styles/editor/panes.css shows the tabs and one pane below 64rem; on wider screens the
 * tabs are hidden and both panes show). ARIA tabs: one tab stop, the arrow keys move between them.
 */
import type { EditorShell } from './shell.ts';

export type EditorViewName = 'write' | 'preview';

export interface EditorTabsOptions {
  el: Pick<EditorShell, 'tabs' | 'panes'>;
  /** The tab shown changed (the preview then scrolls to the cursor, the source takes focus). */
  onShow: (view: EditorViewName) => void;
}

export function wireEditorTabs({ el, onShow }: EditorTabsOptions): { show(view: EditorViewName): void } {
  const tabs = [...el.tabs.querySelectorAll<HTMLButtonElement>('[role="tab"]')];
  const show = (view: EditorViewName, focus = false) => {
    el.panes.dataset.view = view;
    for (const tab of tabs) {
      const selected = tab.dataset.view === view;
      tab.setAttribute('aria-selected', String(selected));
      tab.tabIndex = selected ? 0 : -1;
      if (selected && focus) tab.focus();
    }
    onShow(view);
  };
  for (const tab of tabs) {
    tab.addEventListener('click', () => show(tab.dataset.view as EditorViewName));
    tab.addEventListener('keydown', (event) => {
      if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight' && event.key !== 'Home' && event.key !== 'End') return;
      event.preventDefault();
      const other = tabs.find((t) => t !== tab)!;
      const target = event.key === 'Home' ? tabs[0]! : event.key === 'End' ? tabs.at(-1)! : other;
      show(target.dataset.view as EditorViewName, true);
    });
  }
  return { show };
}
