/**
 * The editor island: source editor, toolbar, live preview and validation (in a worker), drafts,
 * the review step and the submit, with every answer of the proposal service handled. Mounted on
 * the markup of src/components/EditorShell.astro by /edit/<slug>/ and /new/; each part is a module
 * of its own, and this one puts them together.
 */
import { dirOf, translator } from '../lib/i18n/strings.ts';
import { urlScheme } from '../lib/urls.ts';
import type { Session } from './api.ts';
import { ConflictPanel } from './conflict-panel.ts';
import { DraftSession } from './draft-session.ts';
import { ImageTray } from './image-tray.ts';
import { PreviewClient } from './preview-client.ts';
import { previewBusy, showPreview } from './preview-pane.ts';
import { ProblemsPanel } from './problems-panel.ts';
import { bindEditorShell } from './shell.ts';
import { showSession } from './sign-in.ts';
import { shortcutKeys, sourceActions, sourceEvents } from './source-actions.ts';
import { createSourceEditor } from './source-editor.ts';
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
      if (!update.docChanged) return;
      preview.changed(update.changes);
      problems.textChanged();
      drafts.schedule();
    },
    keys: shortcutKeys(command),
    extensions: [sourceEvents((files) => images.add(files))],
  });
  const { view } = editor;
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
    setReadOnly: (readOnly) => editor.setReadOnly(readOnly),
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
    editor,
    preview,
    problems,
    images,
    drafts,
    conflict: new ConflictPanel({ el, t, dir, lang: page.lang, crlf }),
    session: () => session,
    pageHref,
  });

  void pages.then((file) => {
    pageList = file?.pages ?? [];
    images.setAssets(file?.assets ?? []);
    preview.init(file);
  });
  drafts.offer();
  void showSession(el.session, page.base, t).then((s) => (session = s));
  return { view, root };
}
