/**
 * What the toolbar, its shortcuts and the source editor's own events do: formatting commands by
 * name, the wikilink page picker, and images pasted or dropped into the text.
 */
import { EditorSelection, type Extension } from '@codemirror/state';
import { EditorView, type KeyBinding } from '@codemirror/view';
import type { Translate } from '../lib/i18n/strings.ts';
import { calloutBlock, insertBlock, insertLink, insertWikilink, tableBlock, toggleLines, toggleWrap } from './commands.ts';
import { pickPage, wikilinkTarget } from './page-picker.ts';
import type { EditorShell } from './shell.ts';
import type { EditorPage, PageEntry } from './types.ts';

export interface SourceActionsOptions {
  /** The source editor (made after the actions it runs). */
  view: () => EditorView;
  page: EditorPage;
  /** The page's strings, for the text the commands put into it. */
  tc: Translate;
  picker: Pick<EditorShell, 'picker' | 'pickerInput' | 'pickerList' | 'pickerNone' | 'pickerCancel'>;
  /** Every page, for the picker. */
  pages: () => readonly PageEntry[];
  pickImage: () => void;
}

/** Runs a toolbar command by name; nothing while the text is read-only (a draft waiting, a proposal sent). */
export type RunCommand = (name: string) => unknown;

export function sourceActions(o: SourceActionsOptions): RunCommand {
  const { page, tc } = o;
  const actions: Record<string, (view: EditorView) => unknown> = {
    h2: (view) => toggleLines(view, 'h2', tc('editor.text.heading')),
    h3: (view) => toggleLines(view, 'h3', tc('editor.text.heading')),
    bold: (view) => toggleWrap(view, '**', tc('editor.text.bold')),
    italic: (view) => toggleWrap(view, '_', tc('editor.text.italic')),
    bullet: (view) => toggleLines(view, 'bullet', tc('editor.text.item')),
    number: (view) => toggleLines(view, 'number', tc('editor.text.item')),
    link: (view) => insertLink(view, tc('editor.text.link')),
    wikilink: (view) => void linkPage(view, o),
    table: (view) => {
      const table = tableBlock((n) => tc('editor.text.column', { n }));
      return insertBlock(view, table.text, table.select);
    },
    callout: (view) => {
      const callout = calloutBlock(page.format, tc('editor.text.callout'));
      return insertBlock(view, callout.text, callout.select);
    },
    image: () => o.pickImage(),
  };
  return (name) => {
    const view = o.view();
    return view.state.readOnly ? false : actions[name]?.(view);
  };
}

/** Opens the page picker on the selected words, and links the page chosen. */
async function linkPage(view: EditorView, o: SourceActionsOptions): Promise<void> {
  const { from, to } = view.state.selection.main;
  const selected = view.state.sliceDoc(from, to);
  const { picker, pickerInput, pickerList, pickerNone, pickerCancel } = o.picker;
  const pages = o.pages();
  const chosen = await pickPage({ dialog: picker, input: pickerInput, list: pickerList, none: pickerNone, cancel: pickerCancel }, pages, selected.includes('\n') ? '' : selected.trim());
  if (chosen) insertWikilink(view, wikilinkTarget(chosen, pages, o.page.slug));
  else view.focus();
}

/** The toolbar's keyboard shortcuts. */
export function shortcutKeys(command: RunCommand): KeyBinding[] {
  return [
    { key: 'Mod-b', run: () => Boolean(command('bold')) },
    { key: 'Mod-i', run: () => Boolean(command('italic')) },
    { key: 'Mod-k', run: () => Boolean(command('link')) },
    { key: 'Mod-Shift-k', run: () => (command('wikilink'), true) },
  ];
}

const imagesOf = (files: FileList | undefined) => [...(files ?? [])].filter((f) => f.type.startsWith('image/'));

/** Images pasted or dropped into the source are added to the proposal (where dropped); Ctrl/Cmd+K stays here. */
export function sourceEvents(addImages: (files: File[]) => void): Extension {
  return EditorView.domEventHandlers({
    // Ctrl/Cmd+K makes a link here: keep it from the search box's page-wide shortcut.
    keydown: (event) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k') event.stopPropagation();
      return false;
    },
    paste: (event, view) => {
      const files = imagesOf(event.clipboardData?.files);
      if (!files.length || view.state.readOnly) return false;
      event.preventDefault();
      addImages(files);
      return true;
    },
    drop: (event, view) => {
      const files = imagesOf(event.dataTransfer?.files);
      if (!files.length || view.state.readOnly) return false;
      event.preventDefault();
      const pos = view.posAtCoords({ x: event.clientX, y: event.clientY });
      if (pos !== null) view.dispatch({ selection: EditorSelection.cursor(pos) });
      addImages(files);
      return true;
    },
  });
}
