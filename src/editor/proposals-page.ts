/** `/proposals/`: the contributor's proposals, newest first; the one in the address (`#<id>`) highlighted. */
import { formatDate, translator } from '../lib/i18n/strings.ts';
import { getSession, listProposals, signInUrl, type Proposal } from './api.ts';

export async function showProposals(): Promise<void> {
  const lang = document.documentElement.lang || 'en';
  const t = translator(lang);
  const base = import.meta.env.BASE_URL;
  const list = document.querySelector<HTMLOListElement>('[data-proposals]')!;
  const status = document.querySelector<HTMLElement>('[data-proposals-status]')!;
  const result = await listProposals(base);
  if ('error' in result) {
    status.textContent = t('proposals.error', { error: result.error });
    if (result.status === 401) {
      const session = await getSession(base);
      if (!('error' in session) && session.loginUrl) {
        const a = document.createElement('a');
        a.href = signInUrl(session.loginUrl, location.pathname);
        a.textContent = t('editor.signIn');
        status.append(' ', a);
      }
    }
    return;
  }
  status.textContent = result.proposals.length ? '' : t('proposals.none');
  const current = decodeURIComponent(location.hash.slice(1));
  list.replaceChildren(...result.proposals.map((p) => item(p, p.id === current)));
  highlight();
  // The address can change without a reload (a link to /proposals/#<id> from this very page).
  window.addEventListener('hashchange', highlight);

  function highlight() {
    const id = decodeURIComponent(location.hash.slice(1));
    for (const li of list.querySelectorAll<HTMLElement>('.proposal')) {
      if (li.id === id) li.setAttribute('aria-current', 'true');
      else li.removeAttribute('aria-current');
    }
    const highlighted = list.querySelector<HTMLElement>('[aria-current="true"]');
    if (highlighted) {
      highlighted.scrollIntoView({ block: 'center' });
      highlighted.focus({ preventScroll: true });
    }
  }

  function item(p: Proposal, isCurrent: boolean): HTMLLIElement {
    const li = document.createElement('li');
    li.id = p.id;
    li.className = `proposal proposal-${p.status}`;
    li.tabIndex = -1;
    if (isCurrent) li.setAttribute('aria-current', 'true');
    const heading = document.createElement('h2');
    heading.className = 'proposal-title';
    const badge = document.createElement('span');
    badge.className = `badge proposal-status-${p.status}`;
    badge.textContent = t(`proposals.status.${p.status}`);
    const link = document.createElement('a');
    link.href = p.url;
    link.dir = 'auto';
    link.textContent = p.title || p.summary;
    heading.append(badge, ' ', link);
    if (isCurrent) {
      const just = document.createElement('span');
      just.className = 'badge proposal-just';
      just.textContent = t('proposals.justSubmitted');
      heading.append(' ', just);
    }
    const summary = document.createElement('p');
    summary.dir = 'auto';
    summary.textContent = p.summary;
    const facts = document.createElement('p');
    facts.className = 'muted proposal-facts';
    const time = document.createElement('time');
    time.dateTime = p.createdAt;
    time.textContent = t('proposals.submitted', { date: formatDate(p.createdAt, lang) });
    const page = document.createElement('code');
    page.textContent = p.path;
    const branch = document.createElement('code');
    branch.textContent = p.branch;
    facts.append(time, ' · ', `${t('proposals.page')}: `, page, ' · ', `${t('proposals.branch')}: `, branch);
    li.append(heading, summary, facts);
    return li;
  }
}
