/**
 * What the wiki's history says about its people and its pace: contributors over a period (with
 * first contributions called out), and changes per month.
 */
import type { Revision } from './git-log.ts';

export interface Contributor {
  name: string;
  email: string;
  changes: number;
  pages: number;
  /** ISO date of their first change to the wiki (in the whole history). */
  first: string;
  last: string;
  /** True when their first change ever falls in the period. */
  firstInPeriod: boolean;
}

/**
 * Contributors whose changes fall on or after `since` (ISO date; all time when undefined), most
 * changes first. A commit that touches several pages counts once per page changed.
 */
export function contributors(files: ReadonlyMap<string, readonly Revision[]>, since?: string): Contributor[] {
  const people = new Map<string, { name: string; email: string; changes: number; pages: Set<string>; first: string; last: string; inPeriod: number }>();
  for (const [path, revisions] of files) {
    for (const r of revisions) {
      const id = r.email.toLowerCase();
      let p = people.get(id);
      if (!p) people.set(id, (p = { name: r.author, email: r.email, changes: 0, pages: new Set(), first: r.date, last: r.date, inPeriod: 0 }));
      if (r.date < p.first) p.first = r.date;
      if (r.date > p.last) {
        p.last = r.date;
        p.name = r.author;
      }
      if (since === undefined || r.date >= since) {
        p.changes++;
        p.pages.add(path);
        p.inPeriod++;
      }
    }
  }
  return [...people.values()]
    .filter((p) => p.inPeriod > 0)
    .map((p) => ({ name: p.name, email: p.email, changes: p.changes, pages: p.pages.size, first: p.first, last: p.last, firstInPeriod: since !== undefined && p.first >= since }))
    .sort((a, b) => b.changes - a.changes || a.name.localeCompare(b.name));
}

/** The people who changed one page, most changes first. */
export function pageContributors(revisions: readonly Revision[]): { name: string; email: string; changes: number }[] {
  const people = new Map<string, { name: string; email: string; changes: number }>();
  for (const r of revisions) {
    const p = people.get(r.email.toLowerCase()) ?? { name: r.author, email: r.email, changes: 0 };
    p.changes++;
    people.set(r.email.toLowerCase(), p);
  }
  return [...people.values()].sort((a, b) => b.changes - a.changes || a.name.localeCompare(b.name));
}

/** Distinct commits per month (YYYY-MM), for the last `months` months up to `today`, oldest first. */
export function changesPerMonth(files: ReadonlyMap<string, readonly Revision[]>, today: string, months = 12): { month: string; changes: number }[] {
  const commits = new Map<string, string>();
  for (const revisions of files.values()) for (const r of revisions) commits.set(r.commit, r.date.slice(0, 7));
  const counts = new Map<string, number>();
  for (const month of commits.values()) counts.set(month, (counts.get(month) ?? 0) + 1);
  const [y, m] = today.slice(0, 7).split('-').map(Number) as [number, number];
  const out: { month: string; changes: number }[] = [];
  for (let i = months - 1; i >= 0; i--) {
    const d = new Date(Date.UTC(y, m - 1 - i, 1));
    const month = d.toISOString().slice(0, 7);
    out.push({ month, changes: counts.get(month) ?? 0 });
  }
  return out;
}
