/**
 * The warning above the source when the page has proposals waiting for review: "2 proposed
 * changes to this page are waiting for review: … Your change may conflict with them.", each with
 * its summary and date (linked to its pull request on GitHub). Asked once, when the editor opens
 * an existing page; nothing is shown when there are none or the site has no service.
 */
import { loadPending, pendingItems } from '../dom/pending-proposals.ts';
import type { Translate } from '../lib/i18n/strings.ts';
import type { EditorShell } from './shell.ts';
import type { EditorPage } from './types.ts';

export async function warnOfPending(el: Pick<EditorShell, 'pending'>, page: Pick<EditorPage, 'mode' | 'base' | 'repoPath'>, t: Translate, lang: string): Promise<void> {
  if (page.mode !== 'edit') return;
  const proposals = await loadPending(page.base, page.repoPath);
  if (proposals.length === 0) return;
  const count = proposals.length;
  const title = document.createElement('p');
  const strong = document.createElement('strong');
  strong.textContent = t('pending.editorWarning', { count });
  title.append(strong);
  const list = document.createElement('ul');
  list.append(...pendingItems(proposals, t, lang));
  const conflict = document.createElement('p');
  conflict.textContent = t('pending.mayConflict', { count });
  el.pending.replaceChildren(title, list, conflict);
  el.pending.hidden = false;
}
