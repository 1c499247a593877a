/**
 * "Was this page helpful?" (src/components/FeedbackWidget.astro): yes, or no with an optional
 * comment, sent to `POST /api/signals/feedback`. After a comment, a link opens the page's editor
 * with the comment as the proposal's reason (`?reason=…`).
 */
import { translator } from '../lib/i18n/strings.ts';
import { PROPOSAL_REASON_PARAM } from '../lib/signals/wire.ts';
import { callService, serviceSession, widgetContext } from './service.ts';

/** The editor of the page with `comment` prefilled as the reason of the proposal. */
export function proposalHref(editHref: string, comment: string): string {
  const url = new URL(editHref, location.href);
  url.searchParams.set(PROPOSAL_REASON_PARAM, comment);
  return url.pathname + url.search;
}

function mount(root: HTMLElement): void {
  const { base, lang } = widgetContext(root);
  const t = translator(lang);
  const answers = root.querySelector<HTMLElement>('.feedback-answers')!;
  const form = root.querySelector<HTMLFormElement>('.feedback-comment')!;
  const comment = form.querySelector<HTMLTextAreaElement>('textarea')!;
  const status = root.querySelector<HTMLElement>('.feedback-status')!;
  const propose = root.querySelector<HTMLAnchorElement>('.feedback-propose')!;

  const send = async (helpful: boolean, text?: string) => {
    for (const button of root.querySelectorAll('button')) button.disabled = true;
    const answer = await callService(base, 'signals/feedback', { method: 'POST', body: { path: root.dataset.path, helpful, ...(text ? { comment: text } : {}) } });
    if (!answer.ok) {
      status.textContent = t('feedback.failed', { problem: answer.problem });
      for (const button of root.querySelectorAll('button')) button.disabled = false;
      return;
    }
    answers.hidden = true;
    form.hidden = true;
    status.textContent = t('feedback.thanks');
    if (text && root.dataset.edit) {
      propose.href = proposalHref(root.dataset.edit, text);
      propose.hidden = false;
    }
  };

  root.querySelector<HTMLButtonElement>('[data-answer="yes"]')!.addEventListener('click', () => void send(true));
  root.querySelector<HTMLButtonElement>('[data-answer="no"]')!.addEventListener('click', (event) => {
    (event.currentTarget as HTMLButtonElement).setAttribute('aria-pressed', 'true');
    form.hidden = false;
    comment.focus();
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void send(false, comment.value.trim());
  });
  root.hidden = false;
}

export async function startFeedbackWidgets(): Promise<void> {
  const roots = [...document.querySelectorAll<HTMLElement>('.feedback-widget')];
  if (!roots.length || !(await serviceSession(widgetContext(roots[0]!).base))) return;
  roots.forEach(mount);
}
