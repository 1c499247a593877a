/**
 * The weekly reminder: one GitHub issue per owner listing their pages past review (one issue, kept
 * up to date, never a new one each week), closed when nothing is overdue any more.
 */
export const REMINDER_LABEL = 'pinkas-review-overdue';

export interface OverdueGroup {
  owner: string;
  pages: { slug: string; title: string; reviewBy: string }[];
}

export interface OpenIssue {
  number: number;
  title: string;
  body: string;
}

export type ReminderAction =
  | { kind: 'create'; title: string; body: string }
  | { kind: 'update'; number: number; title: string; body: string }
  | { kind: 'close'; number: number; comment: string };

export function reminderTitle(owner: string): string {
  return `Pages overdue for review: ${owner}`;
}

export function reminderBody(group: OverdueGroup, pageUrl: (slug: string) => string, today: string): string {
  const mention = group.owner.startsWith('@') ? group.owner : `**${group.owner}**`;
  return [
    `${mention}, these pages you own are past their review date (as of ${today}):`,
    '',
    ...group.pages.map((p) => `- [ ] [${p.title}](${pageUrl(p.slug)}) — review by ${p.reviewBy}`),
    '',
    'Review each page: if it is still right, set `verified:` to today and move `review_by:` forward; if not, edit it. Use "Edit this page" on the wiki.',
    '',
    '_Opened by the weekly review reminder; it updates this issue and closes it when nothing is overdue._',
  ].join('\n');
}

/** What to do on GitHub, given who has overdue pages now and the reminder issues open now. */
export function planReminders(groups: readonly OverdueGroup[], open: readonly OpenIssue[], pageUrl: (slug: string) => string, today: string): ReminderAction[] {
  const actions: ReminderAction[] = [];
  const byTitle = new Map(open.map((i) => [i.title, i]));
  const wanted = new Set<string>();
  for (const group of groups.filter((g) => g.owner !== '(no owner)')) {
    const title = reminderTitle(group.owner);
    wanted.add(title);
    const body = reminderBody(group, pageUrl, today);
    const existing = byTitle.get(title);
    if (!existing) actions.push({ kind: 'create', title, body });
    else if (existing.body.trim() !== body.trim()) actions.push({ kind: 'update', number: existing.number, title, body });
  }
  for (const issue of open) {
    if (!wanted.has(issue.title)) actions.push({ kind: 'close', number: issue.number, comment: `Nothing is overdue any more (as of ${today}). Thank you!` });
  }
  return actions;
}
