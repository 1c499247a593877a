/**
 * The editor island: source editor, toolbar, live preview and validation (in a worker), drafts,
 * the review step and the submit, with every answer of the proposal service handled. Mounted on
 * the markup of src/components/EditorShell.astro by /edit/<slug>/ and /new/; each part is a module
 * of its own, and this one puts them together.
 */
import { dirOf, translator, type Translate } from '../lib/i18n/strings.ts';
import { urlScheme } from '../lib/urls.ts';
import type { Session } from './api.ts';
import { ConflictPanel } from './conflict-panel.ts';
import { DraftSession } from './draft-session.ts';
import { wireEditorTabs } from './editor-tabs.ts';
import { ImageTray } from './image-tray.ts';
import { PreviewClient } from './preview-client.ts';
import { previewBusy, showPreview } from './preview-pane.ts';
import { ProblemsPanel } from './problems-panel.ts';
import { warnOfPending } from './pending-warning.ts';
import { PropertiesForm } from './properties-form.ts';
import { followCursor } from './preview-sync.ts';
import { bindEditorShell, type EditorShell } from './shell.ts';
import { showSession } from './sign-in.ts';
import { shortcutKeys, sourceActions, sourceEvents } from './source-actions.ts';
import { createSourceEditor, type SourceEditor } from './source-editor.ts';
import { SubmitView } from './submit-view.ts';
import { wireToolbar } from './toolbar.ts';
import type { EditorPage, PageEntry, PagesFile } from './types.ts';

export interface MountOptions {
  root: HTMLElement;
  page: EditorPage;
  /** The page list (`/_wiki/pages.json`), for the preview's link index and the page picker. */
  pages: Promise<PagesFile | undefined>;
  /** Where "Back to the page" leads (absent for a new page). */
  pageHref?: string;
}

export function mountEditor({ root, page, pages, pageHref }: MountOptions) {
  const el = bindEditorShell(root);
  const chromeLang = document.documentElement.lang || page.defaultLang;
  const t = translator(chromeLang);
  const tc = translator(page.lang); // text inserted into the page, in the page's language
  const dir = dirOf(page.lang);
  const crlf = page.source.includes('\r\n');
  const contentPrefix = page.repoPath.slice(0, page.repoPath.length - page.contentPath.length);
  const urls = urlScheme(page.base);
  const timeFormat = new Intl.DateTimeFormat(chromeLang === 'he' ? 'he-IL' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' });
  const sourceLabel = t('editor.source', { format: page.format === 'mdx' ? 'MDX' : 'Markdown' });
  el.summary.maxLength = page.limits.summary;
  el.summaryHint.textContent = t('editor.summaryHintTitled', { title: page.mode === 'new' ? 'New page' : page.title });
  el.reason.maxLength = page.limits.reason;
  let pageList: PageEntry[] = [];
  let session: Session | undefined;

  // The parts below are made after the source editor; it reaches them only once the text changes.
  const command = sourceActions({ view: () => editor.view, page, tc, picker: el, pages: () => pageList, pickImage: () => images.pick() });
  const editor = createSourceEditor({
    parent: el.cm,
    doc: page.source,
    dir,
    lang: page.lang,
    crlf,
    label: sourceLabel,
    readOnly: false,
    onUpdate: (update) => {
      // The preview follows the cursor when it moves; while typing, once the next render is in.
      if (update.selectionSet && !update.docChanged) follow();
      if (!update.docChanged) return;
      properties.sourceChanged(update);
      preview.changed(update.changes);
      problems.textChanged();
      drafts.schedule();
    },
    // Tab leaves the source for the summary, past the preview's links (the preview is one stop of its own).
    keys: [...shortcutKeys(command), { key: 'Tab', run: () => (el.summary.focus(), true) }],
    extensions: [sourceEvents((files) => images.add(files))],
  });
  const { view } = editor;
  const { properties, setReadOnly, follow } = wireWorkspace(el, editor, page, t);
  el.loading.hidden = true;
  el.sourceTitle.textContent = sourceLabel;
  wireToolbar(el.toolbar, command);

  const problems = new ProblemsPanel(el, view, t);
  const images: ImageTray = new ImageTray({
    el,
    page,
    view,
    t,
    tc,
    contentPrefix,
    onChange: () => {
      drafts.imagesChanged(images.images);
      preview.render();
      drafts.schedule();
    },
  });
  const preview: PreviewClient = new PreviewClient({
    page,
    source: () => view.state,
    extraAssets: () => images.images.map((i) => i.contentPath),
    onResult: (result, placed) => {
      showPreview(el, result, (src) => images.previewUrl(src, urls.media));
      problems.show(placed);
      follow();
    },
    onBusy: previewBusy(el),
    onBroken: () => problems.status(t('editor.previewFailed')),
  });
  const drafts: DraftSession = new DraftSession({
    el,
    page,
    t,
    timeFormat,
    current: () => ({ content: view.state.doc.toString(), images: images.images, attempt: flow.state.name === 'submitted' ? undefined : flow.state.attempt }),
    setReadOnly,
    onRestore: (draft, stored) => {
      editor.setText(draft.content);
      flow.send({ type: 'restored', attempt: draft.submit });
      images.restore(stored);
      preview.render();
    },
    onChosen: () => view.focus(),
  });
  const { flow } = new SubmitView({
    root,
    el,
    page,
    t,
    editor: { ...editor, setReadOnly },
    preview,
    problems,
    images,
    drafts,
    conflict: new ConflictPanel({ el, t, dir, lang: page.lang }),
    session: () => session,
    pageHref,
  });

  void pages.then((file) => {
    pageList = file?.pages ?? [];
    properties.setChoices(file?.propertyChoices);
    images.setAssets(file?.assets ?? []);
    preview.init(file);
  });
  drafts.offer();
  void warnOfPending(el, page, t, chromeLang);
  void showSession(el.session, page.base, t).then((s) => (session = s));
  return { view, root };
}

/**
 * What sits around the source: the properties form (read-only with it), the preview following
 * the cursor, and the Write / Preview tabs of a narrow screen.
 */
function wireWorkspace(el: EditorShell, editor: SourceEditor, page: EditorPage, t: Translate) {
  const { view } = editor;
  const properties = new PropertiesForm({ el, view, t, defaultLang: page.defaultLang });
  // On a phone an existing page's properties start folded, so the source is on the first screen.
  if (page.mode === 'edit' && matchMedia('(max-width: 40rem)').matches) el.properties.open = false;
  const setReadOnly = (readOnly: boolean) => {
    editor.setReadOnly(readOnly);
    properties.disabled = readOnly;
  };
  let frame = 0;
  const follow = () => {
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(() => followCursor(view.state, el.preview, el.previewBody));
  };
  wireEditorTabs({ el, onShow: (shown) => (shown === 'preview' ? follow() : view.focus()) });
  return { properties, setReadOnly, follow };
}
