/** How urgently a page needs its review: `overdue` past `review_by`, `due` within `withinDays`. */
export type ReviewState = 'ok' | 'due' | 'overdue';

export function reviewState(reviewBy: string, today: string, withinDays = 30): ReviewState {
  const day = 24 * 60 * 60 * 1000;
  const due = Date.parse(`${reviewBy}T00:00:00Z`);
  const now = Date.parse(`${today.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(due) || Number.isNaN(now)) return 'ok';
  if (due < now) return 'overdue';
  if (due - now <= withinDays * day) return 'due';
  return 'ok';
}
