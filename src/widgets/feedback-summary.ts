/**
 * Readers' feedback for owners (src/components/FeedbackSummary.astro), loaded signed in from
 * `GET /api/reports/feedback`: for one page, the share of "yes" and the comments, each one click
 * from a proposal; for the whole wiki, each page with feedback, least helpful first.
 */
import { formatDate, translator, type Translate } from '../lib/i18n/strings.ts';
import type { FeedbackTotalsAnswer, PageFeedbackAnswer } from '../lib/signals/wire.ts';
import { proposalHref } from './feedback.ts';
import { callService, serviceSession, widgetContext } from './service.ts';

const percent = (share: number | null) => (share === null ? '–' : `${Math.round(share * 100)}%`);

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (text !== undefined) element.textContent = text;
  if (className) element.className = className;
  return element;
}

function showPage(root: HTMLElement, t: Translate, lang: string, page: PageFeedbackAnswer): void {
  const total = page.helpful + page.notHelpful;
  const content = root.querySelector<HTMLElement>('.summary-content')!;
  content.append(el('p', total ? t('summary.share', { share: Math.round((page.share ?? 0) * 100), total }) : t('summary.none'), 'summary-share'));
  if (!page.comments.length) return;
  content.append(el('h3', t('summary.comments')));
  const list = el('ul', undefined, 'summary-comments');
  for (const c of page.comments) {
    const item = el('li');
    const text = el('q', c.comment);
    text.dir = 'auto';
    item.append(text, ' ', el('span', formatDate(c.at, lang), 'summary-date'));
    if (root.dataset.edit) {
      const a = el('a', t('summary.propose'));
      a.href = proposalHref(root.dataset.edit, c.comment);
      item.append(' ', a);
    }
    list.append(item);
  }
  content.append(list);
}

function showTotals(root: HTMLElement, t: Translate, totals: FeedbackTotalsAnswer): void {
  const content = root.querySelector<HTMLElement>('.summary-content')!;
  if (!totals.pages.length) return void content.append(el('p', t('summary.none')));
  const table = el('table', undefined, 'records-table summary-table');
  const head = table.createTHead().insertRow();
  for (const label of [t('summary.page'), t('summary.helpful'), t('summary.notHelpful'), t('summary.comments')]) head.append(el('th', label));
  const body = table.createTBody();
  for (const page of totals.pages) {
    const tr = body.insertRow();
    const a = el('a', page.title);
    a.href = `${root.dataset.base!.replace(/\/$/, '')}${page.path}`;
    a.dir = 'auto';
    tr.insertCell().append(a);
    tr.insertCell().append(percent(page.share), ` (${page.helpful})`);
    tr.insertCell().append(String(page.notHelpful));
    tr.insertCell().append(String(page.comments));
  }
  content.append(table);
}

/**
 * Starts the summary on this page. A deferred one (the history page's) starts only when it is given
 * the page whose feedback it shows.
 */
export async function startFeedbackSummary(forPage?: { path: string; edit?: string }): Promise<void> {
  const root = document.querySelector<HTMLElement>('.feedback-summary');
  if (!root) return;
  if (forPage) {
    root.dataset.path = forPage.path;
    if (forPage.edit) root.dataset.edit = forPage.edit;
  } else if (root.dataset.deferred !== undefined) return;
  const { base, lang } = widgetContext(root);
  const session = await serviceSession(base);
  if (!session?.signedIn) return;
  const t = translator(lang);
  const path = root.dataset.path;
  const answer = await callService<PageFeedbackAnswer | FeedbackTotalsAnswer>(base, path ? `reports/feedback?path=${encodeURIComponent(path)}` : 'reports/feedback');
  if (!answer.ok) root.querySelector<HTMLElement>('.summary-content')!.textContent = t('summary.failed', { problem: answer.problem });
  else if (path) showPage(root, t, lang, answer.body as PageFeedbackAnswer);
  else showTotals(root, t, answer.body as FeedbackTotalsAnswer);
  root.hidden = false;
}
