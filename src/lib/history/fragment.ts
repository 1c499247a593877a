/**
 * A page's history as HTML, in the page's language: every revision, newest first, with the change
 * of the most recent ones shown line by line (words marked inside a changed line). The history
 * page (`/history/<slug>/`) shows it; the build writes it into the history chunks, so one static
 * page serves every page's history.
 */
import { diffRows } from '../diff-rows.ts';
import { formatDate, translator, type Translate } from '../i18n/strings.ts';
import type { Revision } from './git-log.ts';
import type { FilePatch } from './git-patches.ts';
import { pageContributors } from './insights.ts';

export interface HistoryInput {
  title: string;
  lang: string;
  /** The page's address. */
  href: string;
  revisions: readonly Revision[];
  patches: ReadonlyMap<string, FilePatch> | undefined;
  available: boolean;
  shallow: boolean;
  /** A link to a commit on the repository's host, if there is one. */
  commitUrl: (commit: string) => string | undefined;
}

/** Older revisions are listed without their diff, so that a page with a long past stays light. */
export const DIFFS = 30;

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const esc = (text: string) => text.replace(/[&<>"']/g, (c) => escapes[c]!);

function diffTable(patch: FilePatch, label: string): string {
  if (patch.binary) return `<p class="muted">${esc(label)}</p>`;
  const hunks = patch.hunks.map((hunk) => {
    const head = hunk.header ? `<thead><tr><th colspan="3" scope="colgroup" class="diff-hunk-header" dir="auto">${esc(hunk.header)}</th></tr></thead>` : '';
    const rows = diffRows(hunk.lines).map((row) => {
      const sign = row.type === 'add' ? '+' : row.type === 'remove' ? '−' : ' ';
      const said = row.type === 'context' ? '' : `<span class="sr-only">${row.type === 'add' ? 'added: ' : 'removed: '}</span>`;
      const text = row.parts.map((p) => (p.changed ? (row.type === 'add' ? `<ins>${esc(p.text)}</ins>` : `<del>${esc(p.text)}</del>`) : esc(p.text))).join('');
      return `<tr class="diff-${row.type}"><td class="diff-num">${row.old ?? ''}</td><td class="diff-num">${row.new ?? ''}</td><td class="diff-text" dir="auto"><span class="diff-sign" aria-hidden="true">${sign}</span>${said}${text}</td></tr>`;
    });
    return `<div class="table-wrap" tabindex="0"><table class="diff-hunk"><caption class="sr-only">${esc(label)}</caption>${head}<tbody>${rows.join('')}</tbody></table></div>`;
  });
  return `<div class="diff" dir="ltr">${hunks.join('')}</div>`;
}

function revisionItem(r: Revision, i: number, input: HistoryInput, t: Translate): string {
  const n = input.revisions.length - i;
  const patch = input.patches?.get(r.commit);
  const link = input.commitUrl(r.commit);
  const short = `<code>${esc(r.commit.slice(0, 7))}</code>`;
  const moved = patch?.renamedFrom ? ` · ${esc(t('history.movedFrom', { path: patch.renamedFrom }))}` : '';
  // A page's first revision is the whole page: its diff would only repeat it.
  const created = patch?.hunks.every((h) => h.lines.every((l) => l.type === 'add'));
  const change = !patch || i >= DIFFS ? '' : created ? `<p class="muted">${esc(t('history.created'))}</p>` : diffTable(patch, t('history.diffLabel', { n }));
  return (
    `<li class="revision" id="r-${esc(r.commit.slice(0, 12))}">` +
    `<h2 class="revision-title"><span class="revision-number">${esc(t('history.revision', { n }))}</span> <time datetime="${esc(r.date)}">${esc(formatDate(r.date, input.lang))}</time> · <bdi>${esc(r.author)}</bdi></h2>` +
    `<p class="revision-summary" dir="auto">${esc(r.summary)}</p>` +
    `<p class="muted revision-commit">${link ? `<a href="${esc(link)}">${short}</a>` : short}${moved}</p>` +
    `${change}</li>`
  );
}

/** The history of one page: breadcrumbs, heading, revisions. */
export function historyFragment(input: HistoryInput): string {
  const t = translator(input.lang);
  const people = pageContributors(input.revisions);
  const count = t(input.revisions.length === 1 ? 'history.revisionsOne' : 'history.revisions', { count: input.revisions.length });
  const who = people.length ? ` · ${esc(t('history.contributors'))}: ${people.map((p) => `<bdi>${esc(p.name)}</bdi> (${p.changes})`).join(', ')}` : '';
  return [
    `<nav class="breadcrumbs" aria-label="${esc(t('site.breadcrumbs'))}"><ol><li><a href="${esc(input.href)}" dir="auto">${esc(input.title)}</a></li><li><span aria-current="page">${esc(t('history.heading'))}</span></li></ol></nav>`,
    `<h1 dir="auto">${esc(t('history.title', { title: input.title }))}</h1>`,
    input.available ? '' : `<p class="status-banner banner-draft">${esc(t('history.unavailable'))}</p>`,
    input.shallow ? `<p class="status-banner banner-draft" role="note">${esc(t('history.shallow'))}</p>` : '',
    `<p>${esc(count)}${who}</p>`,
    `<ol class="revisions" reversed>${input.revisions.map((r, i) => revisionItem(r, i, input, t)).join('')}</ol>`,
  ].join('');
}
