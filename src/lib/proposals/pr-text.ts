/** The words of a proposal on GitHub: commit message, pull-request title and body. */
import { diffLines } from 'diff';
import { lineStats } from '../line-stats.ts';
import type { Identity } from './types.ts';

/** The headings of the sections a change touches ("Requesting leave"), in page order. */
export function changedSections(before: string, after: string): string[] {
  const lines = after.split('\n');
  const headingAt: (string | undefined)[] = [];
  let current: string | undefined;
  let fence = false;
  lines.forEach((line, i) => {
    if (/^\s*(```|~~~)/.test(line)) fence = !fence;
    const m = !fence && /^#{1,6}\s+(.+?)\s*#*$/.exec(line);
    if (m) current = m[1]!;
    headingAt[i] = current;
  });
  const sections = new Set<string>();
  let line = 0;
  for (const part of diffLines(before, after)) {
    const count = part.count ?? part.value.split('\n').length - 1;
    if (part.added || part.removed) sections.add(headingAt[Math.min(line, lines.length - 1)] ?? '(top of the page)');
    if (!part.removed) line += count;
  }
  return [...sections];
}

export interface ProposalText {
  identity: Identity;
  pageTitle: string;
  path: string;
  pageUrl?: string;
  owners: string[];
  summary: string;
  reason?: string;
  before: string;
  after: string;
  isNew: boolean;
  images: string[];
  merge?: { base: string; head: string };
  id: string;
}

export function commitMessage(t: ProposalText): string {
  const who = `${t.identity.name} <${t.identity.email}>`;
  return [t.summary, '', ...(t.reason ? [t.reason, ''] : []), `Proposed with Pinkas by ${who}.`, '', `Co-authored-by: ${who}`].join('\n');
}

export function pullRequestTitle(t: ProposalText): string {
  return `${t.isNew ? 'New page' : t.pageTitle}: ${t.summary}`.slice(0, 250);
}

export function pullRequestBody(t: ProposalText, submitterTag: string): string {
  // (The marker at the end lets the GitHub backend list a person's proposals.)
  const stats = lineStats(t.before, t.after);
  const sections = t.isNew ? [] : changedSections(t.before, t.after);
  const page = t.pageUrl ? `[${t.pageTitle}](${t.pageUrl})` : t.pageTitle;
  return [
    '### Summary',
    t.summary,
    '',
    '### Why',
    t.reason?.trim() || '_The contributor did not give a reason._',
    '',
    '### What changed',
    t.isNew ? `- A new page: ${page}` : `- Sections: ${sections.map((s) => `“${s}”`).join(', ') || '—'}`,
    `- ${stats.added} line${stats.added === 1 ? '' : 's'} added, ${stats.removed} removed`,
    ...(t.images.length ? [`- Images added: ${t.images.map((i) => `\`${i}\``).join(', ')}`] : []),
    ...(t.merge
      ? [`- The page changed on the base branch after the editor opened it (${t.merge.base.slice(0, 7)} → ${t.merge.head.slice(0, 7)}); Pinkas merged both versions without conflicts. Please check the result.`]
      : []),
    '',
    '### Page',
    `${page} · \`${t.path}\` · owner${t.owners.length === 1 ? '' : 's'}: ${t.owners.join(', ') || '_none_'}`,
    '',
    '### Submitted by',
    `${t.identity.name} <${t.identity.email}>${t.identity.login ? ` (@${t.identity.login})` : ''}, signed in by ${t.identity.source === 'github' ? 'GitHub' : t.identity.source === 'header' ? 'the company sign-in' : 'the development user'}.`,
    '',
    '---',
    'Pinkas never merges: the page’s owners review the change under “Files changed” and merge it when it is right.',
    proposalMarker({ id: t.id, submitter: submitterTag, path: t.path, summary: t.summary, mergedWithNewerChanges: Boolean(t.merge) }),
  ].join('\n');
}

/** What Pinkas records about a proposal inside its pull request, to list it later without a database. */
export interface ProposalMarker {
  id: string;
  /** A hash of the submitter's email: who proposed it, without publishing the address. */
  submitter: string;
  path: string;
  summary: string;
  mergedWithNewerChanges: boolean;
}

export function proposalMarker(marker: ProposalMarker): string {
  // JSON inside an HTML comment: "--" cannot appear in the comment, so it is escaped.
  return `<!-- pinkas:proposal ${JSON.stringify(marker).replace(/-/g, '\\u002d')} -->`;
}

export function readMarker(body: string | null | undefined): ProposalMarker | undefined {
  const m = /<!-- pinkas:proposal (\{.*?\}) -->/.exec(body ?? '');
  if (!m) return undefined;
  try {
    return JSON.parse(m[1]!) as ProposalMarker;
  } catch {
    return undefined;
  }
}
