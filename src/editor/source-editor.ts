/**
 * The CodeMirror 6 source editor: Markdown (GFM) highlighting — MDX's components read as HTML
 * tags — line numbers, undo history, lint markers, soft wrapping, and the page's text direction.
 * `markdownLanguage` is used without `markdown()`, which would also bundle the HTML, CSS and
 * JavaScript languages for embedded code; frontmatter is its own block.
 */
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { markdownKeymap, markdownLanguage } from '@codemirror/lang-markdown';
import { HighlightStyle, Language, LanguageSupport, syntaxHighlighting } from '@codemirror/language';
import { lintGutter, lintKeymap } from '@codemirror/lint';
import { Compartment, EditorState, RangeSetBuilder, type Extension } from '@codemirror/state';
import { Decoration, Direction, drawSelection, EditorView, highlightActiveLine, highlightActiveLineGutter, keymap, lineNumbers, ViewPlugin, type DecorationSet, type KeyBinding, type ViewUpdate } from '@codemirror/view';
import { tags } from '@lezer/highlight';
import type { MarkdownConfig, MarkdownParser } from '@lezer/markdown';

/** YAML frontmatter (`---` … `---` on the first lines) as one block, not a rule and a setext heading. */
const frontmatter: MarkdownConfig = {
  defineNodes: [{ name: 'Frontmatter', block: true, style: tags.meta }],
  parseBlock: [
    {
      name: 'Frontmatter',
      before: 'HorizontalRule',
      parse(cx, line) {
        if (cx.lineStart !== 0 || !/^---[ \t]*$/.test(line.text)) return false;
        const start = cx.lineStart;
        while (cx.nextLine()) {
          if (/^(?:---|\.\.\.)[ \t]*$/.test(line.text)) {
            cx.nextLine();
            break;
          }
        }
        cx.addElement(cx.elt('Frontmatter', start, cx.prevLineEnd()));
        return true;
      },
    },
  ],
};

const pageLanguage = new Language(markdownLanguage.data, (markdownLanguage.parser as MarkdownParser).configure([frontmatter]), [], 'markdown');

/** Colours from the site's custom properties, so the editor follows light and dark themes. */
const highlightStyle = HighlightStyle.define([
  { tag: tags.heading, fontWeight: '700', color: 'var(--accent)' },
  { tag: tags.strong, fontWeight: '700' },
  { tag: tags.emphasis, fontStyle: 'italic' },
  { tag: tags.strikethrough, textDecoration: 'line-through' },
  { tag: [tags.link, tags.url], color: 'var(--accent)' },
  { tag: tags.monospace, color: 'var(--important)' },
  { tag: tags.quote, color: 'var(--fg-muted)' },
  { tag: [tags.processingInstruction, tags.contentSeparator, tags.list, tags.meta], color: 'var(--fg-muted)' },
  { tag: [tags.angleBracket, tags.tagName, tags.attributeName], color: 'var(--tip)' },
  { tag: tags.comment, color: 'var(--fg-muted)', fontStyle: 'italic' },
]);

const theme = EditorView.theme({
  '&': { color: 'var(--fg)', backgroundColor: 'var(--bg)', fontSize: '0.9375rem' },
  '.cm-scroller': { fontFamily: 'var(--font-mono)', lineHeight: '1.6' },
  '.cm-content': { caretColor: 'var(--fg)', paddingBlock: '0.5rem' },
  '&.cm-focused .cm-cursor': { borderLeftColor: 'var(--fg)' },
  '.cm-gutters': { backgroundColor: 'var(--bg-soft)', color: 'var(--fg-muted)', borderInlineEnd: '1px solid var(--border)', borderRight: 'none' },
  '.cm-activeLine': { backgroundColor: 'color-mix(in srgb, var(--accent) 6%, transparent)' },
  '.cm-activeLineGutter': { backgroundColor: 'color-mix(in srgb, var(--accent) 12%, transparent)', color: 'var(--fg)' },
  '&.cm-focused .cm-selectionBackground, .cm-selectionBackground, ::selection': { backgroundColor: 'color-mix(in srgb, var(--accent) 25%, transparent) !important' },
  '.cm-lintRange-error': { backgroundImage: 'none', textDecoration: 'underline wavy var(--danger)', textUnderlineOffset: '3px' },
  '.cm-lintRange-warning': { backgroundImage: 'none', textDecoration: 'underline wavy var(--warning)', textUnderlineOffset: '3px' },
  '.cm-tooltip': { backgroundColor: 'var(--bg)', color: 'var(--fg)', border: '1px solid var(--border)' },
});

const strong = /[A-Za-z\u00C0-\u024F\u0370-\u03FF\u0400-\u04FF]|[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/;
const directionOf = (text: string): 'ltr' | 'rtl' | undefined => {
  const letter = strong.exec(text)?.[0];
  return letter === undefined ? undefined : /[A-Za-z\u00C0-\u04FF]/.test(letter) ? 'ltr' : 'rtl';
};
/** A frontmatter line `key: value` (the key, with its colon and the space after it). */
const keyLine = /^([A-Za-z_][\w-]*[ \t]*:[ \t]*)(.*)$/;

/** The last line of the frontmatter (its closing `---`), or 0 when the page has none. */
function frontmatterLines(doc: EditorView['state']['doc']): number {
  if (doc.lines < 2 || !/^---[ \t]*$/.test(doc.line(1).text)) return 0;
  for (let n = 2; n <= Math.min(doc.lines, 500); n++) if (/^(?:---|\.\.\.)[ \t]*$/.test(doc.line(n).text)) return n;
  return 0;
}

/**
 * Lines written in the other script read in their own direction (English lines of a Hebrew page
 * left to right, a Hebrew line of an English page right to left), judged by the line's first
 * strong letter, as the site's paragraphs are. A frontmatter line is judged by its value
 * (`title: חופשה שנתית` reads right to left, `review_by: 2027-01-31` left to right), and its key
 * stays one left-to-right piece (`title:`) inside a right-to-left line.
 */
function lineDirections(pageDir: 'ltr' | 'rtl'): Extension {
  const lineMark = { ltr: Decoration.line({ attributes: { dir: 'ltr' } }), rtl: Decoration.line({ attributes: { dir: 'rtl' } }) };
  const keyMark = Decoration.mark({ attributes: { dir: 'ltr' }, bidiIsolate: Direction.LTR });
  const build = (view: EditorView): { lines: DecorationSet; keys: DecorationSet } => {
    const lines = new RangeSetBuilder<Decoration>();
    const keys = new RangeSetBuilder<Decoration>();
    const lastFrontmatter = frontmatterLines(view.state.doc);
    for (const { from, to } of view.visibleRanges) {
      for (let pos = from; pos <= to; ) {
        const line = view.state.doc.lineAt(pos);
        const key = line.number > 1 && line.number < lastFrontmatter ? keyLine.exec(line.text) : null;
        const dir = key ? (directionOf(key[2]!) ?? 'ltr') : directionOf(line.text);
        if (dir && dir !== pageDir) lines.add(line.from, line.from, lineMark[dir]);
        if (key && dir === 'rtl' && key[2]) keys.add(line.from, line.from + key[1]!.trimEnd().length, keyMark);
        pos = line.to + 1;
      }
    }
    return { lines: lines.finish(), keys: keys.finish() };
  };
  const plugin = ViewPlugin.fromClass(
    class {
      lines: DecorationSet;
      keys: DecorationSet;
      constructor(view: EditorView) {
        ({ lines: this.lines, keys: this.keys } = build(view));
      }
      update(update: ViewUpdate) {
        if (update.docChanged || update.viewportChanged) ({ lines: this.lines, keys: this.keys } = build(update.view));
      }
    },
    {
      decorations: (v) => v.lines,
      provide: (p) => {
        const keys = (view: EditorView) => view.plugin(p)?.keys ?? Decoration.none;
        return [EditorView.decorations.of(keys), EditorView.bidiIsolatedRanges.of(keys)];
      },
    },
  );
  return [EditorView.perLineTextDirection.of(true), plugin];
}

export interface BasicsOptions {
  dir: 'ltr' | 'rtl';
  lang: string;
  /** The page uses Windows line ends: keep them. */
  crlf: boolean;
  /** The editor's accessible name. */
  label: string;
}

/** What every editor of page source shares (the source editor and both sides of a conflict). */
export function editorBasics(options: BasicsOptions): Extension {
  return [
    new LanguageSupport(pageLanguage),
    syntaxHighlighting(highlightStyle),
    EditorView.lineWrapping,
    lineNumbers(),
    theme,
    EditorView.editorAttributes.of({ dir: options.dir }),
    lineDirections(options.dir),
    // tabindex: the editor is focusable as it is (contenteditable), but say so for checkers (axe).
    EditorView.contentAttributes.of({ 'aria-label': options.label, lang: options.lang, dir: options.dir, spellcheck: 'true', autocapitalize: 'sentences', tabindex: '0' }),
    ...(options.crlf ? [EditorState.lineSeparator.of('\r\n')] : []),
  ];
}

export interface SourceEditorOptions extends BasicsOptions {
  parent: HTMLElement;
  doc: string;
  /** Toolbar shortcuts (Mod-b, Mod-i, …), before the default keys. */
  keys: KeyBinding[];
  readOnly: boolean;
  onUpdate: (update: ViewUpdate) => void;
  /** More extensions (paste and drop handlers). */
  extensions?: Extension[];
}

export interface SourceEditor {
  view: EditorView;
  setReadOnly(readOnly: boolean): void;
  setText(text: string): void;
}

export function createSourceEditor(options: SourceEditorOptions): SourceEditor {
  const readOnly = new Compartment();
  const readOnlyExtension = (on: boolean) => [EditorState.readOnly.of(on), EditorView.editable.of(!on), EditorView.contentAttributes.of(on ? { 'aria-readonly': 'true', tabindex: '0' } : {})];
  const view = new EditorView({
    parent: options.parent,
    state: EditorState.create({
      doc: options.doc,
      extensions: [
        editorBasics(options),
        history(),
        drawSelection(),
        highlightActiveLine(),
        highlightActiveLineGutter(),
        lintGutter(),
        keymap.of([...options.keys, ...markdownKeymap, ...defaultKeymap, ...historyKeymap, ...lintKeymap]),
        readOnly.of(readOnlyExtension(options.readOnly)),
        EditorView.updateListener.of(options.onUpdate),
        ...(options.extensions ?? []),
      ],
    }),
  });
  return {
    view,
    setReadOnly: (on) => view.dispatch({ effects: readOnly.reconfigure(readOnlyExtension(on)) }),
    setText: (text) => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text }, userEvent: 'input.replace' }),
  };
}
