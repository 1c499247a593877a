/**
 * The draft of the page being edited, so that nothing a contributor types is lost: saved as they
 * type (text, summary and reason in drafts.ts, images in image-store.ts), offered back when the
 * editor opens again, and removed only when the proposal is accepted or the contributor discards it.
 * It also holds what the change is compared with: the page at the commit the draft started from.
 */
import type { Translate } from '../lib/i18n/strings.ts';
import { diffStats } from './diff.ts';
import { DraftStore, type Draft } from './drafts.ts';
import { clearImages, loadImages, saveImages, type StoredImage } from './image-store.ts';
import type { PendingImage } from './images.ts';
import type { EditorShell } from './shell.ts';
import type { Attempt } from './submit-flow.ts';
import type { EditorPage } from './types.ts';

const SAVE_DELAY = 500;

export interface DraftSessionOptions {
  el: Pick<EditorShell, 'draftPrompt' | 'draftTitle' | 'draftDetail' | 'draftRestore' | 'draftDiscard' | 'draftStatus' | 'summary' | 'reason'>;
  page: EditorPage;
  t: Translate;
  timeFormat: Intl.DateTimeFormat;
  /** What the editor holds now, besides the summary and the reason. */
  current: () => { content: string; images: readonly PendingImage[]; attempt: Attempt | undefined };
  /** Nothing changes the text while a draft waits to be restored or discarded. */
  setReadOnly: (readOnly: boolean) => void;
  /** The contributor restored `draft`: put its text, attempt and images in the editor. */
  onRestore: (draft: Draft, images: StoredImage[]) => void;
  /** The contributor restored or discarded the draft: editing goes on. */
  onChosen: () => void;
  store?: DraftStore;
}

export class DraftSession {
  readonly #o: DraftSessionOptions;
  readonly #store: DraftStore;
  #original: string;
  #baseCommit: string;
  /** Off while a draft waits to be restored or discarded, and after a successful submit. */
  #saving = false;
  #submitted = false;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(options: DraftSessionOptions) {
    this.#o = options;
    this.#store = options.store ?? DraftStore.local();
    this.#store.prune();
    this.#original = options.page.source;
    this.#baseCommit = options.page.baseCommit;
    const save = () => this.schedule();
    options.el.summary.addEventListener('input', save);
    options.el.reason.addEventListener('input', save);
    addEventListener('pagehide', () => this.saveNow());
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'hidden') this.saveNow();
    });
  }

  /** The page as it was at the base commit: what the change is compared with. */
  get original(): string {
    return this.#original;
  }

  /** The commit the change is based on (an older one for a draft saved before the page changed). */
  get baseCommit(): string {
    return this.#baseCommit;
  }

  /** Offers the page's newest draft, if it has one; saving starts once the contributor has chosen. */
  offer(): void {
    const { el, page, t, timeFormat } = this.#o;
    const draft = this.#store.find(page.repoPath)[0];
    if (!draft) {
      this.#saving = true;
      return;
    }
    this.#o.setReadOnly(true);
    el.draftTitle.textContent = t('editor.draftFound', { time: timeFormat.format(draft.savedAt) });
    el.draftDetail.textContent = `${t('editor.draftStats', diffStats(page.source, draft.content))}${draft.baseCommit !== page.baseCommit ? ` ${t('editor.draftStale')}` : ''}`;
    el.draftPrompt.hidden = false;
    const chosen = () => {
      el.draftPrompt.hidden = true;
      this.#o.setReadOnly(false);
      this.#saving = true;
      this.#o.onChosen();
    };
    el.draftRestore.addEventListener('click', async () => {
      this.#original = draft.original;
      this.#baseCommit = draft.baseCommit;
      el.summary.value = draft.summary;
      el.reason.value = draft.reason;
      this.#o.onRestore(draft, await loadImages(page.repoPath));
      chosen();
    }, { once: true });
    el.draftDiscard.addEventListener('click', () => {
      this.#store.remove(page.repoPath);
      void clearImages(page.repoPath);
      chosen();
    }, { once: true });
  }

  /** Saves when typing pauses. */
  schedule(): void {
    if (!this.#saving) return;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.saveNow(), SAVE_DELAY);
  }

  saveNow(): void {
    clearTimeout(this.#timer);
    if (!this.#saving || this.#submitted) return;
    const { el, page, t, timeFormat } = this.#o;
    const { content, images, attempt } = this.#o.current();
    if (content === this.#original && !el.summary.value.trim() && !el.reason.value.trim() && images.length === 0) {
      this.#store.remove(page.repoPath, this.#baseCommit);
      el.draftStatus.textContent = '';
      return;
    }
    const draft: Draft = {
      v: 1,
      repoPath: page.repoPath,
      baseCommit: this.#baseCommit,
      isNew: page.mode === 'new',
      page: { contentPath: page.contentPath, slug: page.slug, format: page.format, lang: page.lang, title: page.title },
      original: this.#original,
      content,
      summary: el.summary.value,
      reason: el.reason.value,
      images: images.map((i) => ({ path: i.path, link: i.link, type: i.type, size: i.blob.size })),
      savedAt: Date.now(),
      ...(attempt ? { submit: attempt } : {}),
    };
    const ok = this.#store.save(draft);
    el.draftStatus.textContent = ok ? t('editor.draftSaved', { time: timeFormat.format(draft.savedAt) }) : t('editor.draftNotSaved');
  }

  /** Keeps the images (they are too large for the text's storage). */
  imagesChanged(images: readonly PendingImage[]): void {
    void saveImages(this.#o.page.repoPath, images.map(({ path, link, type, blob }) => ({ path, link, type, blob })));
  }

  /**
   * A conflict was resolved: the change is now based on `head`, where the page reads `theirs`.
   * The draft started from the old base goes; the caller saves the resolution.
   */
  rebase(head: string, theirs: string): void {
    this.#store.remove(this.#o.page.repoPath, this.#baseCommit);
    this.#baseCommit = head;
    this.#original = theirs;
  }

  /** The proposal was accepted: it has the change now, so the drafts of the page go. */
  finish(): void {
    this.#submitted = true;
    this.#saving = false;
    clearTimeout(this.#timer);
    this.#store.remove(this.#o.page.repoPath);
    void clearImages(this.#o.page.repoPath);
  }
}
