/**
 * The words of a proposal on GitHub and in git: commit message, pull-request title and body. They
 * name every file the proposal writes. The contributor's summary and reason are their words, not
 * Pinkas': in the commit message the reason is quoted (`> `) and never last, so no line of it can
 * pass for a trailer (`Co-authored-by:`, `Signed-off-by:` …) — the trailer block is Pinkas' own,
 * and so is the `Pinkas-Minor: yes` that tells the build not to ask readers to acknowledge the
 * change (src/lib/signals/git-facts.ts): only the request's `minor` puts it there.
 */
import { MINOR_TRAILER } from '../signals/git-facts.ts';
import type { LineChanges } from './line-changes.ts';
import type { Identity } from './types.ts';

/** A file the proposal writes: new, or a new version of one that exists. */
export interface ChangedPath {
  path: string;
  change: 'added' | 'changed';
}

export interface ProposalText {
  identity: Identity;
  pageTitle: string;
  path: string;
  pageUrl?: string;
  owners: string[];
  summary: string;
  reason?: string;
  /** What the change does to the page, line by line. */
  changes: LineChanges;
  isNew: boolean;
  /** Every file the commit writes: the page first, then the images. */
  files: ChangedPath[];
  merge?: { base: string; head: string };
  id: string;
  /** The request's fingerprint: a retry with the same idempotency key must send the same. */
  fingerprint: string;
  /** Marked a minor change: readers who acknowledged the page are not asked again. */
  minor?: boolean;
}

/** `content/hr/leave.mdx (changed)`. */
function fileLine(file: ChangedPath): string {
  return `${file.path} (${file.change === 'added' ? 'new' : 'changed'})`;
}

/** Markdown code for a path that may itself hold backticks. */
function code(text: string): string {
  return text.includes('`') ? `\`\` ${text} \`\`` : `\`${text}\``;
}

/**
 * The contributor's words as Markdown text: shown as typed, never as HTML (an HTML comment would
 * hide text from the reviewers, and a marker of Pinkas' own could be forged).
 */
function words(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** "Name <email>", as git and the pull request show the contributor: on one line, whatever the name holds. */
function person(identity: Identity): string {
  return `${oneLine(identity.name)} <${oneLine(identity.email)}>`;
}

export function commitMessage(t: ProposalText): string {
  const reason = t.reason?.trim();
  return [
    pullRequestTitle(t),
    '',
    ...(reason ? ['Why, in the contributor\'s words:', ...reason.split('\n').map((line) => (line.trim() ? `> ${line}` : '>')), ''] : []),
    'Files:',
    ...t.files.map((file) => `- ${fileLine(file)}`),
    '',
    `Proposed with Pinkas by ${person(t.identity)}.`,
    '',
    `Co-authored-by: ${person(t.identity)}`,
    ...(t.minor ? [`${MINOR_TRAILER}: yes`] : []),
  ].join('\n');
}

/** One line: a title from frontmatter may hold line breaks, the commit's subject may not. */
function oneLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f\u0085\u2028\u2029]+/g, ' ');
}

/** The pull request's title, and the commit's subject: "Annual leave: Fix the notice period". */
/**
 * "Page title: summary". A summary that already names the page is not prefixed twice: one that
 * starts with the title stays as it is, and a "Prefix: …" whose prefix the title contains
 * ("VPN: new portal address" on "Connecting to the VPN") has the prefix replaced by the title.
 */
export function pullRequestTitle(t: Pick<ProposalText, 'isNew' | 'pageTitle' | 'summary'>): string {
  const subject = t.isNew ? 'New page' : oneLine(t.pageTitle).trim();
  const summary = oneLine(t.summary).trim();
  const lower = (text: string) => text.toLocaleLowerCase();
  if (!t.isNew && lower(summary).startsWith(lower(subject))) return summary.slice(0, 250);
  const prefixed = /^([^:]{1,60}):\s+(\S[\s\S]*)$/.exec(summary);
  const rest = prefixed && lower(subject).includes(lower(prefixed[1]!.trim())) ? prefixed[2]! : summary;
  return `${subject}: ${rest}`.slice(0, 250);
}

function changeLines(t: ProposalText, page: string): string[] {
  const { changes } = t;
  const estimated = changes.exact ? '' : ' (estimated: the change is too large to compare line by line; see “Files changed”)';
  return [
    t.isNew ? `- A new page: ${page}` : `- Sections: ${changes.sections.map((s) => `“${s}”`).join(', ') || '—'}`,
    `- ${changes.added} line${changes.added === 1 ? '' : 's'} added, ${changes.removed} removed${estimated}`,
    `- Files: ${t.files.map((file) => `${code(file.path)} (${file.change === 'added' ? 'new' : 'changed'})`).join(', ')}`,
    ...(t.minor
      ? [`- Marked as a minor change: readers who acknowledged the page are not asked again. (The commit says \`${MINOR_TRAILER}: yes\`; keep that line in the message of a squash merge, or remove it if the change is not minor.)`]
      : []),
    ...(t.merge
      ? [`- The page changed on the base branch after the editor opened it (${t.merge.base.slice(0, 7)} → ${t.merge.head.slice(0, 7)}); Pinkas merged both versions without conflicts. Please check the result.`]
      : []),
  ];
}

export function pullRequestBody(t: ProposalText, submitterTag: string): string {
  // (The marker at the end lets the GitHub backend list a person's proposals.)
  const page = t.pageUrl ? `[${words(t.pageTitle)}](${t.pageUrl})` : words(t.pageTitle);
  return [
    '### Summary',
    words(t.summary),
    '',
    '### Why',
    t.reason?.trim() ? words(t.reason.trim()) : '_The contributor did not give a reason._',
    '',
    '### What changed',
    ...changeLines(t, page),
    '',
    '### Page',
    `${page} · ${code(t.path)} · owner${t.owners.length === 1 ? '' : 's'}: ${t.owners.join(', ') || '_none_'}`,
    '',
    '### Submitted by',
    `${person(t.identity)}${t.identity.login ? ` (@${t.identity.login})` : ''}, signed in by ${t.identity.source === 'github' ? 'GitHub' : t.identity.source === 'header' ? 'the company sign-in' : 'the development user'}.`,
    '',
    '---',
    'Pinkas never merges: the page’s owners review the change under “Files changed” and merge it when it is right.',
    proposalMarker({ id: t.id, submitter: submitterTag, path: t.path, summary: t.summary, mergedWithNewerChanges: Boolean(t.merge), fingerprint: t.fingerprint }),
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
  /** The request's fingerprint (ids.ts `requestFingerprint`); absent in proposals made before it was recorded. */
  fingerprint?: string;
}

export function proposalMarker(marker: ProposalMarker): string {
  // JSON inside an HTML comment: "--" cannot appear in the comment, so it is escaped.
  return `<!-- pinkas:proposal ${JSON.stringify(marker).replace(/-/g, '\\u002d')} -->`;
}

/** The marker of a pull request's body: its last one (the contributor's words, above it, cannot hold one). */
export function readMarker(body: string | null | undefined): ProposalMarker | undefined {
  const text = body ?? '';
  const m = /^<!-- pinkas:proposal (\{.*?\}) -->/.exec(text.slice(Math.max(0, text.lastIndexOf('<!-- pinkas:proposal '))));
  if (!m) return undefined;
  try {
    return JSON.parse(m[1]!) as ProposalMarker;
  } catch {
    return undefined;
  }
}
