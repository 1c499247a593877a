/**
 * "What people looked for and did not find" (src/components/SearchGapsPanel.astro), loaded from
 * `GET /api/reports/search-gaps`: each query with "Create this page" and "Add as a synonym".
 */
import { translator, type Translate } from '../lib/i18n/strings.ts';
import type { SearchGapsAnswer } from '../lib/signals/wire.ts';
import { callService, serviceSession, widgetContext } from './service.ts';

function cell(row: HTMLTableRowElement, content: string | Node): HTMLTableCellElement {
  const td = row.insertCell();
  td.append(content);
  return td;
}

function link(href: string, text: string): HTMLAnchorElement {
  const a = document.createElement('a');
  a.href = href;
  a.textContent = text;
  return a;
}

function row(root: HTMLElement, t: Translate, gap: SearchGapsAnswer['queries'][number], body: HTMLTableSectionElement): void {
  const tr = body.insertRow();
  const query = document.createElement('bdi');
  query.textContent = gap.q;
  query.lang = gap.lang;
  cell(tr, query).className = 'gap-query';
  cell(tr, String(gap.count));
  cell(tr, String(gap.zeroResults));
  cell(tr, String(gap.noClick));
  const actions = cell(tr, link(`${root.dataset.newHref}?title=${encodeURIComponent(gap.q)}`, t('gaps.create')));
  actions.className = 'gap-actions';
  const synonyms = root.dataset.synonymsHref;
  actions.append(' · ', synonyms ? link(synonyms, t('gaps.synonym')) : link('#gaps-synonym-help', t('gaps.synonym')));
}

export async function startSearchGapsPanel(): Promise<void> {
  const root = document.querySelector<HTMLElement>('.search-gaps');
  if (!root) return;
  const { base, lang } = widgetContext(root);
  if (!(await serviceSession(base))) return;
  const t = translator(lang);
  const answer = await callService<SearchGapsAnswer>(base, `reports/search-gaps?days=${root.dataset.days ?? 30}`);
  const status = root.querySelector<HTMLElement>('.gaps-status')!;
  const table = root.querySelector<HTMLTableElement>('.gaps-table')!;
  if (!answer.ok) status.textContent = t('gaps.failed', { problem: answer.problem });
  else if (answer.body.queries.length === 0) status.textContent = t('gaps.none');
  else {
    const body = table.tBodies[0]!;
    for (const gap of answer.body.queries) row(root, t, gap, body);
    table.hidden = false;
  }
  root.hidden = false;
}
