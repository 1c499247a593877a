/**
 * The editor island: source editor, toolbar, live preview and validation (in a worker), drafts,
 * the review step and the submit, with every answer of the proposal service handled. Mounted on
 * the markup of src/components/EditorShell.astro by /edit/<slug>/ and /new/.
 */
import { setDiagnostics, type Diagnostic as CmDiagnostic } from '@codemirror/lint';
import { ChangeSet, EditorSelection, type Text } from '@codemirror/state';
import { EditorView, type ViewUpdate } from '@codemirror/view';
import type { Diagnostic } from '../lib/content/diagnostics.ts';
import { dirOf, translator } from '../lib/i18n/strings.ts';
import { urlScheme } from '../lib/urls.ts';
import { fingerprint, getSession, newIdempotencyKey, signInUrl, submitProposal, type LineProblem, type Proposal, type ProposalBody, type Session } from './api.ts';
import { calloutBlock, insertBlock, insertImage, insertLink, insertWikilink, offsetOf, tableBlock, toggleLines, toggleWrap } from './commands.ts';
import { diffStats, lineDiff } from './diff.ts';
import { renderDiff } from './diff-view.ts';
import { DraftStore, type Draft } from './drafts.ts';
import { clearImages, loadImages, saveImages } from './image-store.ts';
import { imageFolder, imageName, imageProblem, toBase64, type PendingImage } from './images.ts';
import { pickPage, wikilinkTarget } from './page-picker.ts';
import type { RenderRequest, RenderResponse } from './preview-protocol.ts';
import { createSourceEditor } from './source-editor.ts';
import { wireToolbar } from './toolbar.ts';
import type { EditorPage, PageEntry, PagesFile } from './types.ts';

export interface MountOptions {
  root: HTMLElement;
  page: EditorPage;
  /** The page list (`/edit/pages.json`), for the preview's link index and the page picker. */
  pages: Promise<PagesFile | undefined>;
  /** Where "Back to the page" leads (absent for a new page). */
  pageHref?: string;
}

/** How long typing must pause before the preview and the check run again. */
const PREVIEW_DELAY = 250;
const SAVE_DELAY = 500;

export function mountEditor({ root, page, pages, pageHref }: MountOptions) {
  const el = <T extends HTMLElement = HTMLElement>(name: string) => {
    const found = root.querySelector<T>(`[data-ed="${name}"]`);
    if (!found) throw new Error(`The editor's markup has no [data-ed="${name}"]`);
    return found;
  };
  const chromeLang = document.documentElement.lang || page.defaultLang;
  const t = translator(chromeLang);
  const tc = translator(page.lang); // text inserted into the page, in the page's language
  const dir = dirOf(page.lang);
  const crlf = page.source.includes('\r\n');
  const store = DraftStore.local();
  store.prune();
  const contentPrefix = page.repoPath.slice(0, page.repoPath.length - page.contentPath.length);
  const urls = urlScheme(page.base);
  const timeFormat = new Intl.DateTimeFormat(chromeLang === 'he' ? 'he-IL' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' });

  // What the proposal is made of, besides the text in the editor.
  let original = page.source;
  let baseCommit = page.baseCommit;
  let images: PendingImage[] = [];
  let attempt: Draft['submit'];
  let session: Session | undefined;
  let pageList: PageEntry[] = [];
  let assets = new Set<string>();
  /** Autosave is off while a draft waits to be restored or discarded, and after a successful submit. */
  let saving = false;
  let submitted = false;

  const summary = el<HTMLInputElement>('summary');
  const reason = el<HTMLTextAreaElement>('reason');
  summary.maxLength = page.limits.summary;
  reason.maxLength = page.limits.reason;

  // ── The source editor ────────────────────────────────────────────────────────────────────
  let version = 0;
  let previewTimer: ReturnType<typeof setTimeout> | undefined;
  let saveTimer: ReturnType<typeof setTimeout> | undefined;
  let serverProblems: CmDiagnostic[] = [];
  let nextId = 1;
  /** The request the preview worker is working on, with the edits made since (to place its diagnostics). */
  let inFlight: { id: number; version: number; doc: Text; changes: ChangeSet } | undefined;
  let queued = false;
  let diagnostics: Diagnostic[] | undefined;
  let checkedVersion = -1;
  let waiters: ((d: Diagnostic[]) => void)[] = [];
  /** A browser that cannot run the worker still edits and submits: the service checks the page. */
  let workerBroken = false;

  const onUpdate = (update: ViewUpdate) => {
    if (!update.docChanged) return;
    version++;
    if (inFlight) inFlight.changes = inFlight.changes.compose(update.changes);
    if (serverProblems.length) serverProblems = [];
    clearTimeout(previewTimer);
    previewTimer = setTimeout(requestRender, PREVIEW_DELAY);
    scheduleSave();
  };

  // Nothing changes the text while it is read-only (a draft waiting to be restored, a proposal sent).
  const actions: Record<string, () => unknown> = {
    h2: () => toggleLines(view, 'h2', tc('editor.text.heading')),
    h3: () => toggleLines(view, 'h3', tc('editor.text.heading')),
    bold: () => toggleWrap(view, '**', tc('editor.text.bold')),
    italic: () => toggleWrap(view, '_', tc('editor.text.italic')),
    bullet: () => toggleLines(view, 'bullet', tc('editor.text.item')),
    number: () => toggleLines(view, 'number', tc('editor.text.item')),
    link: () => insertLink(view, tc('editor.text.link')),
    wikilink: () => void openPicker(),
    table: () => {
      const table = tableBlock((n) => tc('editor.text.column', { n }));
      return insertBlock(view, table.text, table.select);
    },
    callout: () => {
      const callout = calloutBlock(page.format, tc('editor.text.callout'));
      return insertBlock(view, callout.text, callout.select);
    },
    image: () => el<HTMLInputElement>('image-input').click(),
  };
  const command = (name: string) => (view.state.readOnly ? false : actions[name]?.());

  const editor = createSourceEditor({
    parent: el('cm'),
    doc: page.source,
    dir,
    lang: page.lang,
    crlf,
    label: t('editor.source', { format: page.format === 'mdx' ? 'MDX' : 'Markdown' }),
    readOnly: false,
    onUpdate,
    keys: [
      { key: 'Mod-b', run: () => Boolean(command('bold')) },
      { key: 'Mod-i', run: () => Boolean(command('italic')) },
      { key: 'Mod-k', run: () => Boolean(command('link')) },
      { key: 'Mod-Shift-k', run: () => (command('wikilink'), true) },
    ],
    extensions: [
      EditorView.domEventHandlers({
        // Ctrl/Cmd+K makes a link here: keep it from the search box's page-wide shortcut.
        keydown: (event) => {
          if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k') event.stopPropagation();
          return false;
        },
        paste: (event, v) => {
          const files = [...(event.clipboardData?.files ?? [])].filter((f) => f.type.startsWith('image/'));
          if (!files.length || v.state.readOnly) return false;
          event.preventDefault();
          void addImages(files);
          return true;
        },
        drop: (event, v) => {
          const files = [...(event.dataTransfer?.files ?? [])].filter((f) => f.type.startsWith('image/'));
          if (!files.length || v.state.readOnly) return false;
          event.preventDefault();
          const pos = v.posAtCoords({ x: event.clientX, y: event.clientY });
          if (pos !== null) v.dispatch({ selection: EditorSelection.cursor(pos) });
          void addImages(files);
          return true;
        },
      }),
    ],
  });
  const view = editor.view;
  el('loading').hidden = true;
  el('source-title').textContent = t('editor.source', { format: page.format === 'mdx' ? 'MDX' : 'Markdown' });
  wireToolbar(el('toolbar'), command);

  // ── Preview and validation, in a worker ──────────────────────────────────────────────────
  const worker = new Worker(new URL('./preview-worker.ts', import.meta.url), { type: 'module' });

  function requestRender() {
    clearTimeout(previewTimer);
    if (workerBroken) return;
    if (inFlight) {
      queued = true;
      return;
    }
    const id = nextId++;
    inFlight = { id, version, doc: view.state.doc, changes: ChangeSet.empty(view.state.doc.length) };
    el('preview').setAttribute('aria-busy', 'true');
    worker.postMessage({
      type: 'render',
      id,
      source: view.state.doc.toString(),
      repoPath: page.repoPath,
      contentPath: page.contentPath,
      slug: page.slug,
      format: page.format,
      extraAssets: images.map((i) => i.contentPath),
    } satisfies RenderRequest);
  }

  worker.onmessage = (event: MessageEvent<RenderResponse>) => {
    const request = inFlight;
    inFlight = undefined;
    if (request && event.data.id === request.id) applyResult(event.data, request);
    if (queued) {
      queued = false;
      requestRender();
    } else el('preview').removeAttribute('aria-busy');
  };

  worker.onerror = () => {
    workerBroken = true;
    inFlight = undefined;
    el('preview').removeAttribute('aria-busy');
    el('problems-status').textContent = t('editor.previewFailed');
    const done = waiters;
    waiters = [];
    for (const resolve of done) resolve([]);
  };

  void pages.then((file) => {
    pageList = file?.pages ?? [];
    assets = new Set(file?.assets ?? []);
    worker.postMessage({ type: 'init', pages: pageList, home: file?.home ?? '', assets: file?.assets ?? [], base: page.base, defaultLang: page.defaultLang });
    requestRender();
  });

  function applyResult(result: RenderResponse, request: NonNullable<typeof inFlight>) {
    // The preview, in the page's language and direction, as readers will see it.
    const preview = el('preview');
    preview.lang = result.lang;
    preview.dir = result.dir;
    el('preview-title').textContent = result.title;
    const description = el('preview-description');
    description.textContent = result.description ?? '';
    description.hidden = !result.description;
    const body = el('preview-body');
    body.innerHTML = result.html;
    for (const img of body.querySelectorAll('img')) {
      const pending = images.find((i) => img.getAttribute('src') === urls.media(i.contentPath));
      if (pending) img.src = pending.url;
    }
    for (const a of body.querySelectorAll<HTMLAnchorElement>('a[href]')) {
      if (!a.getAttribute('href')!.startsWith('#')) {
        a.target = '_blank';
        a.rel = 'noopener';
      }
    }
    // The check, placed in the text as it is now.
    const mapped = result.diagnostics.map((d) => {
      const line = request.doc.line(Math.min(Math.max(1, d.line), request.doc.lines));
      const from = Math.min(line.to, line.from + Math.max(0, d.column - 1));
      const to = line.to > from ? line.to : from;
      const a = request.changes.mapPos(from, 1);
      return { d, from: a, to: Math.max(a, request.changes.mapPos(to, -1)) };
    });
    if (request.version === version) {
      diagnostics = result.diagnostics;
      checkedVersion = version;
      const done = waiters;
      waiters = [];
      for (const resolve of done) resolve(result.diagnostics);
    }
    showProblems(mapped.map(({ d, from, to }) => ({ from, to, severity: d.severity, message: d.message, source: d.field ?? undefined })));
  }

  function showProblems(local: CmDiagnostic[]) {
    const all = [...local, ...serverProblems].sort((a, b) => a.from - b.from);
    view.dispatch(setDiagnostics(view.state, all));
    const list = el<HTMLUListElement>('problems');
    list.replaceChildren(
      ...all.map((d) => {
        const li = document.createElement('li');
        li.className = `problem problem-${d.severity}`;
        const button = document.createElement('button');
        button.type = 'button';
        button.className = 'link-button';
        const line = view.state.doc.lineAt(Math.min(d.from, view.state.doc.length)).number;
        button.dir = 'auto';
        button.textContent = t('editor.problemAt', { line, message: d.message });
        if (d.severity === 'warning') button.prepend(`${t('editor.warning')}: `);
        button.addEventListener('click', () => {
          view.dispatch({ selection: EditorSelection.cursor(Math.min(d.from, view.state.doc.length)), scrollIntoView: true });
          view.focus();
        });
        li.append(button);
        return li;
      }),
    );
    el('problems-status').textContent = all.length ? '' : t('editor.noProblems');
  }

  /** The check of the text as it is now (waits for the worker if it is behind). */
  function checked(): Promise<Diagnostic[]> {
    if (workerBroken) return Promise.resolve([]);
    if (diagnostics && checkedVersion === version) return Promise.resolve(diagnostics);
    el('problems-status').textContent = t('editor.checking');
    requestRender();
    return new Promise((resolve) => waiters.push(resolve));
  }

  // ── Wikilink picker ──────────────────────────────────────────────────────────────────────
  async function openPicker() {
    const selected = view.state.sliceDoc(view.state.selection.main.from, view.state.selection.main.to);
    const chosen = await pickPage(
      { dialog: el<HTMLDialogElement>('picker'), input: el<HTMLInputElement>('picker-input'), list: el<HTMLUListElement>('picker-list'), none: el('picker-none'), cancel: el<HTMLButtonElement>('picker-cancel') },
      pageList,
      selected.includes('\n') ? '' : selected.trim(),
    );
    if (chosen) insertWikilink(view, wikilinkTarget(chosen, pageList, page.slug));
    else view.focus();
  }

  // ── Images ───────────────────────────────────────────────────────────────────────────────
  const imageInput = el<HTMLInputElement>('image-input');
  imageInput.accept = page.limits.imageExtensions.join(',');
  imageInput.addEventListener('change', () => {
    const files = [...(imageInput.files ?? [])];
    imageInput.value = '';
    if (files.length) void addImages(files);
  });

  async function addImages(files: File[]) {
    const problems: string[] = [];
    const folder = imageFolder(page.contentPath);
    for (const file of files) {
      const problem = imageProblem(file, images, page.limits, view.state.doc.length * 3);
      if (problem) {
        problems.push(t(problem.key, problem.vars));
        continue;
      }
      const name = imageName(file.name, file.type, (n) => assets.has(`${folder}/${n}`) || images.some((i) => i.name === n));
      const contentPath = `${folder}/${name}`;
      const image: PendingImage = { path: `${contentPrefix}${contentPath}`, contentPath, link: `./images/${name}`, name, type: file.type, blob: file, url: URL.createObjectURL(file) };
      images.push(image);
      insertImage(view, page.format, image.link, tc('editor.text.imageAlt'));
    }
    el('image-message').textContent = problems.join(' ');
    showImages();
    void saveImages(page.repoPath, images.map(({ path, link, type, blob }) => ({ path, link, type, blob })));
    requestRender();
  }

  function showImages() {
    el('images').hidden = images.length === 0;
    el('image-list').replaceChildren(
      ...images.map((image) => {
        const li = document.createElement('li');
        const img = document.createElement('img');
        img.src = image.url;
        img.alt = '';
        const name = document.createElement('code');
        name.textContent = image.link;
        const size = document.createElement('span');
        size.className = 'muted';
        size.textContent = ` ${Math.ceil(image.blob.size / 1024)} KB `;
        const remove = document.createElement('button');
        remove.type = 'button';
        remove.className = 'button';
        remove.textContent = t('editor.imageRemove', { name: image.name });
        remove.addEventListener('click', () => {
          URL.revokeObjectURL(image.url);
          images = images.filter((i) => i !== image);
          showImages();
          void saveImages(page.repoPath, images.map(({ path, link, type, blob }) => ({ path, link, type, blob })));
          requestRender();
          scheduleSave();
        });
        li.append(img, name, size, remove);
        return li;
      }),
    );
  }

  // ── Drafts ───────────────────────────────────────────────────────────────────────────────
  function scheduleSave() {
    if (!saving) return;
    clearTimeout(saveTimer);
    saveTimer = setTimeout(saveNow, SAVE_DELAY);
  }

  function saveNow() {
    clearTimeout(saveTimer);
    if (!saving || submitted) return;
    const content = view.state.doc.toString();
    if (content === original && !summary.value.trim() && !reason.value.trim() && images.length === 0) {
      store.remove(page.repoPath, baseCommit);
      el('draft-status').textContent = '';
      return;
    }
    const draft: Draft = {
      v: 1,
      repoPath: page.repoPath,
      baseCommit,
      isNew: page.mode === 'new',
      page: { contentPath: page.contentPath, slug: page.slug, format: page.format, lang: page.lang, title: page.title },
      original,
      content,
      summary: summary.value,
      reason: reason.value,
      images: images.map((i) => ({ path: i.path, link: i.link, type: i.type, size: i.blob.size })),
      savedAt: Date.now(),
      ...(attempt ? { submit: attempt } : {}),
    };
    const ok = store.save(draft);
    el('draft-status').textContent = ok ? t('editor.draftSaved', { time: timeFormat.format(draft.savedAt) }) : t('editor.draftNotSaved');
  }

  summary.addEventListener('input', scheduleSave);
  reason.addEventListener('input', scheduleSave);
  addEventListener('pagehide', saveNow);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') saveNow();
  });

  const drafts = store.find(page.repoPath);
  const draft = drafts[0];
  if (draft) {
    editor.setReadOnly(true);
    const prompt = el('draft-prompt');
    const stats = diffStats(page.source, draft.content);
    el('draft-title').textContent = t('editor.draftFound', { time: timeFormat.format(draft.savedAt) });
    el('draft-detail').textContent = `${t('editor.draftStats', stats)}${draft.baseCommit !== page.baseCommit ? ` ${t('editor.draftStale')}` : ''}`;
    prompt.hidden = false;
    const finish = () => {
      prompt.hidden = true;
      editor.setReadOnly(false);
      saving = true;
    };
    el('draft-restore').addEventListener('click', async () => {
      editor.setText(draft.content);
      original = draft.original;
      baseCommit = draft.baseCommit;
      summary.value = draft.summary;
      reason.value = draft.reason;
      attempt = draft.submit;
      const stored = await loadImages(page.repoPath);
      images = stored.map((s) => ({ ...s, contentPath: s.path.slice(contentPrefix.length), name: s.path.split('/').at(-1)!, url: URL.createObjectURL(s.blob) }));
      showImages();
      finish();
      requestRender();
      view.focus();
    }, { once: true });
    el('draft-discard').addEventListener('click', () => {
      store.remove(page.repoPath);
      void clearImages(page.repoPath);
      finish();
      view.focus();
    }, { once: true });
  } else saving = true;

  // ── Who is signed in ─────────────────────────────────────────────────────────────────────
  const sessionEl = el('session');
  const showSignIn = (target: HTMLElement, loginUrl: string | undefined) => {
    if (!loginUrl) return;
    const a = document.createElement('a');
    a.href = signInUrl(loginUrl, location.pathname + location.search);
    a.textContent = t('editor.signIn');
    target.append(' ', a);
  };
  void getSession(page.base).then((s) => {
    if ('error' in s) {
      sessionEl.textContent = t('editor.serviceUnavailable');
      return;
    }
    session = s;
    if (s.signedIn && s.user) {
      const who = document.createElement('bdi');
      who.textContent = s.user.email ? `${s.user.name} <${s.user.email}>` : s.user.name;
      const [before = '', after = ''] = t('editor.signedInAs', { name: '\u0000' }).split('\u0000');
      sessionEl.replaceChildren(before, who, after);
    } else {
      sessionEl.textContent = t('editor.notSignedIn', { problem: s.problem ?? '' });
      showSignIn(sessionEl, s.loginUrl);
    }
  });

  // ── Review and submit ────────────────────────────────────────────────────────────────────
  const formMessage = el('form-message');
  const submitMessage = el('submit-message');
  const show = (stage: 'edit' | 'review' | 'conflict' | 'success') => {
    el('workspace').hidden = stage !== 'edit';
    el('review').hidden = stage !== 'review';
    el('conflict').hidden = stage !== 'conflict';
    el('success').hidden = stage !== 'success';
    root.dataset.stage = stage;
  };
  const say = (target: HTMLElement, text: string) => {
    target.replaceChildren();
    target.textContent = text;
    target.hidden = !text;
  };

  el<HTMLFormElement>('form').addEventListener('submit', async (event) => {
    event.preventDefault();
    say(formMessage, '');
    if (!summary.value.trim()) {
      say(formMessage, t('editor.summaryRequired'));
      summary.focus();
      return;
    }
    const reviewButton = el<HTMLButtonElement>('review-button');
    reviewButton.disabled = true;
    const found = await checked().finally(() => (reviewButton.disabled = false));
    const errors = found.filter((d) => d.severity === 'error');
    if (errors.length) {
      say(formMessage, errors.length === 1 ? t('editor.fixProblemsOne') : t('editor.fixProblems', { count: errors.length }));
      el('problems-heading').focus();
      return;
    }
    const content = view.state.doc.toString();
    if (content === original && images.length === 0) {
      say(formMessage, t('editor.noChanges'));
      return;
    }
    if (new TextEncoder().encode(content).length > page.limits.pageBytes) {
      say(formMessage, `${t('editor.errorRejected', { error: `the page may be at most ${page.limits.pageBytes / 1024} KB` })}`);
      return;
    }
    saveNow();
    openReview(content);
  });

  function openReview(content: string) {
    const stats = diffStats(original, content);
    el('review-intro').textContent = t('editor.reviewIntro', { path: page.repoPath });
    el('review-stats').textContent = `${t('editor.diffStats', stats)}${images.length ? ` · ${t('editor.imagesAdded', { names: images.map((i) => i.name).join(', ') })}` : ''}`;
    el('review-merge').hidden = baseCommit === page.baseCommit;
    el('review-diff').replaceChildren(renderDiff(lineDiff(original, content), { caption: t('editor.diffLabel', { path: page.repoPath }), added: t('editor.diffAdded'), removed: t('editor.diffRemoved') }));
    say(submitMessage, '');
    show('review');
    el('review-heading').focus();
  }

  el('back').addEventListener('click', () => {
    show('edit');
    view.focus();
  });
  el('submit').addEventListener('click', () => void submit());

  async function submit() {
    const button = el<HTMLButtonElement>('submit');
    button.disabled = true;
    el('review').setAttribute('aria-busy', 'true');
    say(submitMessage, t('editor.submitting'));
    try {
      const content = view.state.doc.toString();
      const body: ProposalBody = {
        path: page.repoPath,
        baseCommit,
        content,
        summary: summary.value.trim(),
        ...(reason.value.trim() ? { reason: reason.value.trim() } : {}),
        ...(images.length ? { images: await Promise.all(images.map(async (i) => ({ path: i.path, base64: await toBase64(i.blob) }))) } : {}),
      };
      // One key per submit attempt: a retry of the same proposal reuses it, a changed one gets a new one.
      const print = fingerprint(body);
      if (!attempt || attempt.fingerprint !== print) attempt = { key: newIdempotencyKey(), fingerprint: print };
      saveNow();
      const outcome = await submitProposal(page.base, body, attempt.key);
      switch (outcome.kind) {
        case 'created':
          return succeed(outcome.proposal);
        case 'invalid':
          return rejected(outcome.message, outcome.problems);
        case 'conflict':
          return conflict(outcome.head, outcome.theirs, content);
        case 'signin':
          return failed(t('editor.errorSignIn', { error: outcome.message }), outcome.loginUrl ?? session?.loginUrl);
        case 'error':
          return failed(outcome.status === 0 ? t('editor.errorNetwork', { error: outcome.message }) : t('editor.errorServer', { error: outcome.message }));
      }
    } finally {
      button.disabled = false;
      el('review').removeAttribute('aria-busy');
    }
  }

  function failed(message: string, loginUrl?: string) {
    const sentence = /[.!?…)]$/.test(message) ? message : `${message}.`;
    say(submitMessage, `${sentence}${/draft/i.test(message) ? '' : ` ${t('editor.draftKept')}`}`);
    showSignIn(submitMessage, loginUrl);
    const retry = document.createElement('button');
    retry.type = 'button';
    retry.className = 'button button-primary';
    retry.textContent = t('editor.retry');
    retry.addEventListener('click', () => void submit());
    submitMessage.append(' ', retry);
    retry.focus();
  }

  function rejected(message: string, problems: LineProblem[]) {
    serverProblems = problems.map((p) => {
      const from = offsetOf(view.state, p.line, p.column);
      return { from, to: Math.max(from, view.state.doc.lineAt(from).to), severity: 'error' as const, message: p.message, source: 'server' };
    });
    show('edit');
    say(formMessage, `${t('editor.errorRejected', { error: message })} ${t('editor.draftKept')}`);
    const local = (diagnostics ?? []).map((d) => {
      const from = offsetOf(view.state, d.line, d.column);
      return { from, to: Math.max(from, view.state.doc.lineAt(from).to), severity: d.severity, message: d.message };
    });
    // The service's own findings replace the local ones they repeat.
    showProblems(local.filter((l) => !serverProblems.some((s) => s.from === l.from && s.message === l.message)));
    const first = serverProblems[0];
    if (first) view.dispatch({ selection: EditorSelection.cursor(first.from), scrollIntoView: true });
    formMessage.focus();
  }

  function succeed(proposal: Proposal) {
    submitted = true;
    saving = false;
    clearTimeout(saveTimer);
    store.remove(page.repoPath);
    void clearImages(page.repoPath);
    editor.setReadOnly(true);
    const link = el<HTMLAnchorElement>('success-link');
    link.href = proposal.url;
    el('success-branch').textContent = proposal.branch;
    el('success-reviewers').textContent = proposal.reviewers.length ? proposal.reviewers.join(', ') : t('editor.successNoReviewers');
    el('success-merged').hidden = !proposal.mergedWithNewerChanges;
    const back = root.querySelector<HTMLAnchorElement>('[data-ed="success-back"]');
    if (back) {
      if (pageHref) back.href = pageHref;
      else back.hidden = true;
    }
    root.dataset.proposal = proposal.id;
    show('success');
    el('success-heading').focus();
  }

  // ── Conflicts ────────────────────────────────────────────────────────────────────────────
  let conflictView: { resolved(): string; focus(): void; destroy(): void } | undefined;

  async function conflict(head: string, theirs: string, yours: string) {
    const [{ openConflict }, { premerge }] = await Promise.all([import('./conflict.ts'), import('./premerge.ts')]);
    conflictView?.destroy();
    const parent = el('merge');
    parent.replaceChildren();
    conflictView = openConflict({
      parent,
      theirs,
      yours: premerge(original, yours, theirs),
      dir,
      lang: page.lang,
      crlf,
      labels: { theirs: t('editor.conflictTheirs'), yours: t('editor.conflictYours'), take: t('editor.conflictTake') },
      phrases: { '$ unchanged lines': t('editor.unchangedLines') },
    });
    const resolve = () => {
      // The resolution is now the contributor's text, based on the page as it is now.
      const resolved = conflictView!.resolved();
      store.remove(page.repoPath, baseCommit);
      baseCommit = head;
      original = theirs;
      attempt = undefined;
      editor.setText(resolved);
      saveNow();
      conflictView!.destroy();
      conflictView = undefined;
    };
    el('conflict-submit').onclick = async () => {
      resolve();
      const found = await checked();
      if (found.some((d) => d.severity === 'error')) {
        show('edit');
        say(formMessage, t('editor.fixProblems', { count: found.filter((d) => d.severity === 'error').length }));
        return;
      }
      show('review');
      openReview(view.state.doc.toString());
      await submit();
    };
    el('conflict-cancel').onclick = () => {
      resolve();
      show('edit');
      view.focus();
    };
    show('conflict');
    el('conflict-heading').focus();
  }

  show('edit');
  return { view, root };
}

