/**
 * The proposals waiting for review on a page (`GET /api/proposals/pending`), as the page's notice
 * (src/widgets/pending.ts) and the editor's warning (src/editor/pending-warning.ts) show them:
 * each one's summary and date, linked to where it is reviewed when there is such a page (a pull
 * request; the local backend has none). Asked only of a site that has its service
 * (service.ts), so a static-only copy makes no /api/ request. Nothing here throws or logs.
 */
import { formatDate, type Translate } from '../lib/i18n/strings.ts';
import type { PendingAnswer, PendingProposal } from '../lib/proposals/wire.ts';
import { apiUrl, hasService } from './service.ts';

/** The page's pending proposals, newest first; none when the site has no service or it did not answer. */
export async function loadPending(base: string, path: string): Promise<PendingProposal[]> {
  if (!(await hasService(base))) return [];
  try {
    const response = await fetch(`${apiUrl(base, 'proposals/pending')}?path=${encodeURIComponent(path)}`, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
    if (!response.ok) return [];
    const answer = (await response.json()) as Partial<PendingAnswer>;
    return Array.isArray(answer.proposals) ? answer.proposals : [];
  } catch {
    return [];
  }
}

/** One list item per proposal: its summary (a link when it has a page) and when it was proposed. */
export function pendingItems(proposals: PendingProposal[], t: Translate, lang: string): HTMLLIElement[] {
  return proposals.map((p) => {
    const li = document.createElement('li');
    const words = document.createElement(p.url ? 'a' : 'bdi');
    if (p.url && words instanceof HTMLAnchorElement) words.href = p.url;
    words.dir = 'auto';
    words.textContent = p.summary || p.title;
    const when = document.createElement('time');
    when.dateTime = p.createdAt;
    when.textContent = t('pending.proposed', { date: formatDate(p.createdAt, lang) });
    li.append(words, ' · ', when);
    return li;
  });
}
