/** Shows a page's history on `/history/<slug>/`, from its chunk (the HTML was made by the build). */
import { openAppPage } from '../dom/app-page.ts';
import { readEmbedded } from '../editor/types.ts';
import { startFeedbackSummary } from '../widgets/feedback-summary.ts';
import type { HistoryAppData, HistoryEntry } from './types.ts';

export async function startHistoryPage(): Promise<void> {
  const app = readEmbedded<HistoryAppData>('pinkas-history-app');
  const article = document.querySelector<HTMLElement>('[data-history-app]');
  if (!app || !article) return;
  const opened = await openAppPage<HistoryEntry>(app);
  if (!opened) return;
  if (!opened.entry) {
    const heading = document.createElement('h1');
    heading.textContent = article.dataset.missing ?? '';
    const body = document.createElement('p');
    body.textContent = article.dataset.missingBody ?? '';
    article.replaceChildren(heading, body);
    return;
  }
  document.title = (article.dataset.documentTitle ?? '').replace('{title}', () => opened.entry!.title);
  // The build made this HTML from the git history, every text in it escaped (src/lib/history/fragment.ts).
  article.innerHTML = opened.entry.html;
  // Readers' feedback on the page, for its owners (signed in, with the service only).
  const base = app.base.endsWith('/') ? app.base : `${app.base}/`;
  void startFeedbackSummary({ path: `/${opened.slug}/`.replace(/^\/\/$/, '/'), edit: `${base}edit/${opened.slug}/` });
}
