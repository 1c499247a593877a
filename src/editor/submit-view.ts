/**
 * The submit flow (submit-flow.ts) on screen: the panel of each state (editing, the review, the
 * conflict, the success), its messages and focus, and the work each state stands for — the check
 * before the review, making the request, sending it to the proposal service.
 */
import type { EditorView } from '@codemirror/view';
import { readProperties } from '../lib/content/frontmatter-edit.ts';
import type { Translate } from '../lib/i18n/strings.ts';
import { fingerprint, newIdempotencyKey, submitProposal, type ProposalBody, type Session } from './api.ts';
import type { ConflictPanel } from './conflict-panel.ts';
import { diffStats, lineDiff } from './diff.ts';
import { renderDiff } from './diff-view.ts';
import type { DraftSession } from './draft-session.ts';
import type { ImageTray } from './image-tray.ts';
import { toBase64 } from './images.ts';
import type { PreviewClient } from './preview-client.ts';
import type { ProblemsPanel } from './problems-panel.ts';
import { appendSignIn } from './sign-in.ts';
import type { EditorShell } from './shell.ts';
import type { SourceEditor } from './source-editor.ts';
import { createSubmitFlow, type EditingNotice, type Failure, type SubmitFlow, type SubmitState } from './submit-flow.ts';
import type { EditorPage } from './types.ts';

export interface SubmitViewOptions {
  root: HTMLElement;
  el: EditorShell;
  page: EditorPage;
  t: Translate;
  editor: SourceEditor;
  preview: PreviewClient;
  problems: ProblemsPanel;
  images: ImageTray;
  drafts: DraftSession;
  conflict: ConflictPanel;
  /** Who is signed in, once the service has said (for the sign-in link after a refusal). */
  session: () => Session | undefined;
  /** Where "Back to the page" leads after the submit (absent for a new page). */
  pageHref?: string;
}

type Stage = 'edit' | 'review' | 'conflict' | 'success';

function stageOf(state: SubmitState): Stage {
  switch (state.name) {
    case 'editing':
      return 'edit';
    case 'checking':
      // A resolved conflict is checked before it is sent: the conflict panel stays meanwhile.
      return state.then === 'review' ? 'edit' : 'conflict';
    case 'conflict':
      return 'conflict';
    case 'submitted':
      return 'success';
    default:
      return 'review';
  }
}

/** Shows `text` alone in `target` (hidden when there is none). */
function say(target: HTMLElement, text: string): void {
  target.replaceChildren();
  target.textContent = text;
  target.hidden = !text;
}

/** Shows the submit flow in the editor's panels; `flow` is the running state machine. */
export class SubmitView {
  readonly flow: SubmitFlow;
  readonly #o: SubmitViewOptions;
  readonly #view: EditorView;
  /** The request being made or sent. */
  #request: ProposalBody | undefined;

  constructor(options: SubmitViewOptions) {
    this.#o = options;
    this.#view = options.editor.view;
    this.flow = createSubmitFlow({ pageBytes: options.page.limits.pageBytes, newKey: newIdempotencyKey }, (state, from) => this.#enter(state, from));
    const { el } = options;
    el.form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.flow.send({ type: 'review', summary: el.summary.value });
    });
    el.back.addEventListener('click', () => this.flow.send({ type: 'back' }));
    el.submit.addEventListener('click', () => this.flow.send({ type: 'send' }));
    el.conflictSubmit.addEventListener('click', () => this.#resolve('submit'));
    el.conflictCancel.addEventListener('click', () => this.#resolve('edit'));
    this.#showStage(this.flow.state);
  }

  /** Shows a state the flow has entered, and starts the work it stands for. */
  #enter(state: SubmitState, from: SubmitState): void {
    const { el, t } = this.#o;
    // The conflict panel shows once its editors are loaded; every other state at once.
    if (state.name !== 'conflict') this.#showStage(state);
    switch (state.name) {
      case 'editing':
        if (state.notice) this.#notify(state.notice);
        else if (from.name !== 'editing') this.#view.focus();
        return;
      case 'checking':
        return void this.#check();
      case 'reviewing':
        this.#o.drafts.saveNow();
        return this.#openReview();
      case 'preparing':
        if (from.name === 'checking') this.#openReview();
        say(el.submitMessage, t('editor.submitting'));
        return void this.#prepare();
      case 'submitting':
        return void this.#post(state.attempt.key);
      case 'failed':
        return this.#failed(state.failure);
      case 'conflict':
        if (state.notice) return this.#o.conflict.showOpen(state.notice.count);
        return void this.#o.conflict.show(this.#o.drafts.original, state.yours, state.theirs).then(() => {
          this.#showStage(state);
          el.conflictHeading.focus();
        });
      case 'submitted':
        return this.#succeed(state);
    }
  }

  #showStage(state: SubmitState): void {
    const { el, root } = this.#o;
    const stage = stageOf(state);
    el.workspace.hidden = stage !== 'edit';
    el.review.hidden = stage !== 'review';
    el.conflict.hidden = stage !== 'conflict';
    el.success.hidden = stage !== 'success';
    root.dataset.stage = stage;
    el.reviewButton.disabled = state.name === 'checking';
    const busy = state.name === 'preparing' || state.name === 'submitting';
    el.submit.disabled = busy;
    // After a failure, Retry (beside the message) is the one thing to do.
    el.submit.hidden = state.name === 'failed';
    if (busy) el.review.setAttribute('aria-busy', 'true');
    else el.review.removeAttribute('aria-busy');
  }

  /** The check of the text as it is now, before the review. */
  async #check(): Promise<void> {
    const { el, t, preview, problems, drafts, images } = this.#o;
    say(el.formMessage, '');
    if (preview.behind) problems.status(t('editor.checking'));
    const found = await preview.checked();
    const content = this.#view.state.doc.toString();
    this.flow.send({
      type: 'checked',
      errors: found.filter((d) => d.severity === 'error').length,
      changed: content !== drafts.original || images.images.length > 0,
      bytes: new TextEncoder().encode(content).length,
    });
  }

  #notify(notice: EditingNotice): void {
    const { el, t, problems, preview } = this.#o;
    switch (notice.kind) {
      case 'summaryRequired':
        say(el.formMessage, t('editor.summaryRequired'));
        return el.summary.focus();
      case 'problems':
        say(el.formMessage, t('editor.fixProblems', { count: notice.count }));
        return problems.focus();
      case 'noChanges':
        return say(el.formMessage, t('editor.noChanges'));
      case 'tooLarge':
        return say(el.formMessage, t('editor.errorRejected', { error: `the page may be at most ${notice.pageBytes / 1024} KB` }));
      case 'rejected':
        problems.refused(notice.problems, preview.diagnostics ?? []);
        say(el.formMessage, `${t('editor.errorRejected', { error: notice.message })} ${t('editor.draftKept')}`);
        return el.formMessage.focus();
    }
  }

  #openReview(): void {
    const { el, t, page, drafts } = this.#o;
    const content = this.#view.state.doc.toString();
    const { original } = drafts;
    const added = this.#o.images.images;
    el.reviewIntro.textContent = t('editor.reviewIntro', { path: page.repoPath });
    el.reviewStats.textContent = `${t('editor.diffStats', diffStats(original, content))}${added.length ? ` · ${t('editor.imagesAdded', { names: added.map((i) => i.name).join(', ') })}` : ''}`;
    el.reviewMerge.hidden = drafts.baseCommit === page.baseCommit;
    el.minorField.hidden = !(page.mode === 'edit' && asksAcknowledgement(original));
    el.reviewDiff.replaceChildren(renderDiff(lineDiff(original, content), { caption: t('editor.diffLabel', { path: page.repoPath }), added: t('editor.diffAdded'), removed: t('editor.diffRemoved') }));
    say(el.submitMessage, '');
    el.reviewHeading.focus();
  }

  /** Makes the request (the images in base64) and fingerprints it, to tell a retry from a new attempt. */
  async #prepare(): Promise<void> {
    const { el, page, drafts } = this.#o;
    const summary = el.summary.value.trim();
    const reason = el.reason.value.trim();
    const images = this.#o.images.images;
    const request: ProposalBody = {
      path: page.repoPath,
      baseCommit: drafts.baseCommit,
      content: this.#view.state.doc.toString(),
      summary,
      ...(reason ? { reason } : {}),
      ...(images.length ? { images: await Promise.all(images.map(async (i) => ({ path: i.path, base64: await toBase64(i.blob) }))) } : {}),
      ...(!el.minorField.hidden && el.minor.checked ? { minor: true } : {}),
    };
    this.#request = request;
    this.flow.send({ type: 'prepared', fingerprint: fingerprint(request) });
  }

  async #post(key: string): Promise<void> {
    const body = this.#request!;
    // The draft keeps the key: a retry after a reload is still the same attempt.
    this.#o.drafts.saveNow();
    const outcome = await submitProposal(this.#o.page.base, body, key);
    this.flow.send({ type: 'answered', outcome: outcome.kind === 'conflict' ? { ...outcome, yours: body.content } : outcome });
  }

  #failed(failure: Failure): void {
    const { el, t } = this.#o;
    say(el.submitMessage, failureMessage(failure, t, navigator.onLine));
    appendSignIn(el.submitMessage, failure.kind === 'signin' ? (failure.loginUrl ?? this.#o.session()?.loginUrl) : undefined, t);
    const retry = document.createElement('button');
    retry.type = 'button';
    retry.className = 'button button-primary';
    retry.textContent = t('editor.retry');
    retry.addEventListener('click', () => this.flow.send({ type: 'send' }));
    const actions = document.createElement('span');
    actions.className = 'editor-actions';
    actions.append(retry);
    el.submitMessage.append(actions);
    retry.focus();
  }

  #succeed({ proposal }: Extract<SubmitState, { name: 'submitted' }>): void {
    const { el, t, root, pageHref } = this.#o;
    this.#o.drafts.finish();
    this.#o.editor.setReadOnly(true);
    el.successLink.href = inEditorLanguage(proposal.url, el.myProposals.getAttribute('href'));
    el.successBranch.textContent = proposal.branch;
    el.successReviewers.textContent = proposal.reviewers.length ? proposal.reviewers.join(', ') : t('editor.successNoReviewers');
    el.successMerged.hidden = !proposal.mergedWithNewerChanges;
    if (pageHref) el.successBack.href = pageHref;
    else el.successBack.hidden = true;
    root.dataset.proposal = proposal.id;
    el.successHeading.focus();
  }

  /**
   * "Submit the resolved version" or "Back to editing" in the conflict panel. Once every part is
   * decided, the resolution becomes the contributor's text, based on the page as it is now; before
   * that, going back keeps their own text on the old base, and submitting says what is left.
   */
  #resolve(then: 'submit' | 'edit'): void {
    const state = this.flow.state;
    if (state.name !== 'conflict') return;
    const { conflict, editor, drafts } = this.#o;
    const open = conflict.undecided;
    const resolved = open === 0 ? conflict.resolved() : undefined;
    if (resolved === undefined) {
      if (then === 'edit') {
        conflict.close();
        this.flow.send({ type: 'back' });
      } else this.flow.send({ type: 'resolved', then, open: Math.max(open, 1) });
      return;
    }
    conflict.close();
    editor.setText(resolved);
    drafts.rebase(state.head, state.theirs);
    this.flow.send({ type: 'resolved', then, open: 0 });
    drafts.saveNow();
  }
}

/** Whether the page, as readers have it, asks its audience to acknowledge it (`acknowledge:`). */
export function asksAcknowledgement(source: string): boolean {
  const read = readProperties(source, ['acknowledge']);
  const audience = read.ok ? read.values.acknowledge : undefined;
  return Array.isArray(audience) ? audience.some((a) => a.trim()) : Boolean(audience?.trim());
}

/** What went wrong, in words, with what happens to the draft: never a browser's bare "Failed to fetch". */
export function failureMessage(failure: Failure, t: Translate, online: boolean): string {
  if (failure.kind === 'signin') return `${sentence(t('editor.errorSignIn', { error: failure.message }))} ${t('editor.draftKept')}`;
  if (failure.status === 0) return online ? t('editor.errorUnreachable') : t('editor.errorOffline');
  const message = sentence(t('editor.errorServer', { error: failure.message }));
  return /draft/i.test(failure.message) ? message : `${message} ${t('editor.draftKept')}`;
}

const sentence = (text: string) => (/[.!?…)]$/.test(text) ? text : `${text}.`);

/**
 * A local proposal's address is an entry of "My proposals" in the wiki's language
 * (`/proposals/#<id>`); from an editor in another language it leads to that language's list
 * (`/proposals/he/#<id>`), the one the editor's own "My proposals" link names. Any other address
 * (a pull request on GitHub) is kept as it is.
 */
export function inEditorLanguage(url: string, myProposals: string | null): string {
  if (!myProposals) return url;
  const hash = url.indexOf('#');
  const list = hash < 0 ? url : url.slice(0, hash);
  if (!/\/proposals\/$/.test(list) || list === myProposals || !myProposals.startsWith(list)) return url;
  return myProposals + (hash < 0 ? '' : url.slice(hash));
}
