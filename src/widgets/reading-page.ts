/**
 * `/reading/` (src/pages/reading/index.astro): the signed-in person's required pages, from
 * `GET /api/reading`, unread first. Without the service the page says so, quietly.
 */
import { formatDate, translator, type Translate } from '../lib/i18n/strings.ts';
import type { ReadingAnswer, ReadingItemAnswer } from '../lib/signals/wire.ts';
import { callService, serviceSession, widgetContext } from './service.ts';

function list(root: HTMLElement, t: Translate, lang: string, items: ReadingItemAnswer[], title: string, className: string): void {
  if (!items.length) return;
  const heading = document.createElement('h2');
  heading.textContent = `${title} (${items.length})`;
  const ul = document.createElement('ul');
  ul.className = `reading-list ${className}`;
  for (const item of items) {
    const li = document.createElement('li');
    const a = document.createElement('a');
    a.href = `${root.dataset.base!.replace(/\/$/, '')}${item.path}`;
    a.textContent = item.title;
    a.lang = item.lang;
    a.dir = 'auto';
    const note = document.createElement('span');
    note.className = 'reading-note';
    note.textContent = item.done && item.acknowledgedAt ? t('reading.acknowledged', { revision: item.acknowledgedRevision ?? item.revision, date: formatDate(item.acknowledgedAt, lang) }) : t('reading.revision', { revision: item.revision });
    li.append(a, ' — ', note);
    ul.append(li);
  }
  root.querySelector('.reading-lists')!.append(heading, ul);
}

export async function startReadingPage(): Promise<void> {
  const root = document.querySelector<HTMLElement>('.reading-page');
  if (!root) return;
  const { base, lang } = widgetContext(root);
  const t = translator(lang);
  const status = root.querySelector<HTMLElement>('.reading-status')!;
  const session = await serviceSession(base);
  if (!session) return void (status.textContent = t('reading.needsService'));
  if (!session.signedIn) {
    status.textContent = t('reading.signIn');
    if (session.loginUrl) {
      const a = document.createElement('a');
      a.href = `${session.loginUrl}?returnTo=${encodeURIComponent(location.pathname)}`;
      a.textContent = t('editor.signIn');
      status.append(' ', a);
    }
    return;
  }
  const answer = await callService<ReadingAnswer>(base, 'reading');
  if (!answer.ok) return void (status.textContent = t('reading.failed', { problem: answer.problem }));
  const unread = answer.body.pages.filter((p) => !p.done);
  const read = answer.body.pages.filter((p) => p.done);
  status.textContent = !answer.body.pages.length ? t('reading.none') : unread.length ? t('reading.intro', { name: answer.body.user.name }) : t('reading.noneUnread');
  list(root, t, lang, unread, t('reading.unread'), 'reading-unread');
  list(root, t, lang, read, t('reading.read'), 'reading-read');
}
