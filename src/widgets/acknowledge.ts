/**
 * "I have read and understood revision N" (src/components/AcknowledgeWidget.astro): shown only to
 * a signed-in member of the page's audience, as done (which revision, when) or pending with the
 * button that sends `POST /api/acknowledgements`.
 */
import { formatDate, translator, type Translate } from '../lib/i18n/strings.ts';
import type { ReadingAnswer, ReadingItemAnswer } from '../lib/signals/wire.ts';
import { callService, serviceSession, widgetContext } from './service.ts';

function showDone(root: HTMLElement, t: Translate, lang: string, revision: number, at: string): void {
  root.querySelector<HTMLElement>('.ack-pending')!.hidden = true;
  root.querySelector<HTMLButtonElement>('.ack-confirm')!.hidden = true;
  const done = root.querySelector<HTMLElement>('.ack-done')!;
  done.textContent = t('ack.done', { revision, date: formatDate(at, lang) });
  done.hidden = false;
  root.dataset.state = 'done';
}

function showPending(root: HTMLElement, t: Translate, base: string, lang: string, item: ReadingItemAnswer): void {
  const pending = root.querySelector<HTMLElement>('.ack-pending')!;
  const button = root.querySelector<HTMLButtonElement>('.ack-confirm')!;
  const status = root.querySelector<HTMLElement>('.ack-status')!;
  pending.textContent = t('ack.pending', { revision: item.revision });
  button.textContent = t('ack.confirm', { revision: item.revision });
  pending.hidden = false;
  button.hidden = false;
  root.dataset.state = 'pending';
  button.addEventListener('click', async () => {
    button.disabled = true;
    const answer = await callService<{ revision: number; at: string }>(base, 'acknowledgements', { method: 'POST', body: { path: item.path, revision: item.revision } });
    if (answer.ok) {
      status.textContent = '';
      showDone(root, t, lang, answer.body.revision, answer.body.at);
    } else {
      status.textContent = t('ack.failed', { problem: answer.problem });
      button.disabled = answer.status === 409;
    }
  });
}

export async function startAcknowledgeWidgets(): Promise<void> {
  const root = document.querySelector<HTMLElement>('.ack-widget');
  if (!root) return;
  const { base, lang } = widgetContext(root);
  const session = await serviceSession(base);
  if (!session?.signedIn) return;
  const answer = await callService<ReadingAnswer>(base, 'reading');
  if (!answer.ok) return;
  const item = answer.body.pages.find((p) => p.path === root.dataset.path);
  // Not in this page's audience: nothing to show.
  if (!item) return;
  const t = translator(lang);
  if (item.done && item.acknowledgedRevision !== null && item.acknowledgedAt !== null) showDone(root, t, lang, item.acknowledgedRevision, item.acknowledgedAt);
  else showPending(root, t, base, lang, item);
  root.hidden = false;
}
