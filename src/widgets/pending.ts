/**
 * "2 proposed changes waiting for review" on a page with open proposals
 * (src/components/PendingProposals.astro): hidden until the service has answered with at least
 * one, the list folded under the count.
 */
import { translator } from '../lib/i18n/strings.ts';
import { loadPending, pendingItems } from '../dom/pending-proposals.ts';
import { widgetContext } from './service.ts';

export async function startPendingNotices(): Promise<void> {
  const root = document.querySelector<HTMLElement>('.pending-notice');
  if (!root?.dataset.path) return;
  const { base, lang } = widgetContext(root);
  const proposals = await loadPending(base, root.dataset.path);
  if (proposals.length === 0) return;
  const t = translator(lang);
  root.querySelector<HTMLElement>('.pending-count')!.textContent = t('pending.notice', { count: proposals.length });
  root.querySelector<HTMLUListElement>('.pending-list')!.replaceChildren(...pendingItems(proposals, t, lang));
  root.hidden = false;
}
