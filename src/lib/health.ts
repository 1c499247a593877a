/**
 * Knowledge health: where the wiki is thin or stale. One report, shown at /health/ and served as
 * /health.json for automation. (The weekly review reminders, scripts/review-reminders.ts, judge
 * reviews with the same `reviewState`.)
 */
import { reviewState } from './content/review.ts';
import type { LinkGraph } from './links/graph.ts';
import { isListed } from './nav/tree.ts';

export interface HealthPage {
  slug: string;
  title: string;
  path: string;
  owner: string[];
  status: string;
  reviewBy?: string;
  lastChanged?: string;
  isFolder: boolean;
}

export interface HealthReport {
  generated: string;
  pages: number;
  /** Pages past their review date, by owner ("(no owner)" for pages without one). */
  overdue: { owner: string; pages: { slug: string; title: string; reviewBy: string }[] }[];
  /** Pages due for review within 30 days, by owner. */
  due: { owner: string; pages: { slug: string; title: string; reviewBy: string }[] }[];
  withoutOwner: { slug: string; title: string }[];
  wanted: { title: string; path?: string; links: number; from: { slug: string; title: string }[] }[];
  orphans: { slug: string; title: string }[];
  /** Not changed for a year (by the git history). */
  stale: { slug: string; title: string; lastChanged: string }[];
  changesPerMonth: { month: string; changes: number }[];
}

function byOwner(list: (HealthPage & { reviewBy: string })[]) {
  const groups = new Map<string, { slug: string; title: string; reviewBy: string }[]>();
  for (const p of list) {
    for (const owner of p.owner.length ? p.owner : ['(no owner)']) {
      const entry = { slug: p.slug, title: p.title, reviewBy: p.reviewBy };
      groups.set(owner, [...(groups.get(owner) ?? []), entry]);
    }
  }
  return [...groups].map(([owner, pages]) => ({ owner, pages: pages.sort((a, b) => a.reviewBy.localeCompare(b.reviewBy)) })).sort((a, b) => b.pages.length - a.pages.length || a.owner.localeCompare(b.owner));
}

export function healthReport(pages: readonly HealthPage[], graph: LinkGraph, today: string, changesPerMonth: HealthReport['changesPerMonth']): HealthReport {
  // Only pages in force are reviewed and owned; superseded and retired ones are kept for the record.
  const inForce = pages.filter((p) => !p.isFolder && isListed(p));
  const reviewed = inForce.filter((p): p is HealthPage & { reviewBy: string } => Boolean(p.reviewBy));
  const yearAgo = new Date(Date.parse(`${today}T00:00:00Z`) - 365 * 86_400_000).toISOString();
  return {
    generated: today,
    pages: inForce.length,
    overdue: byOwner(reviewed.filter((p) => reviewState(p.reviewBy, today) === 'overdue')),
    due: byOwner(reviewed.filter((p) => reviewState(p.reviewBy, today) === 'due')),
    withoutOwner: inForce.filter((p) => p.owner.length === 0).map((p) => ({ slug: p.slug, title: p.title })),
    wanted: graph.wanted.map((w) => ({ title: w.title, ...(w.path ? { path: w.path } : {}), links: w.from.length, from: w.from })),
    orphans: graph.orphans,
    stale: inForce.filter((p) => p.lastChanged && p.lastChanged < yearAgo).map((p) => ({ slug: p.slug, title: p.title, lastChanged: p.lastChanged! })).sort((a, b) => a.lastChanged.localeCompare(b.lastChanged)),
    changesPerMonth,
  };
}

/** A bar chart of changes per month, as SVG drawn at build time (no script, prints fine). */
export function monthlyChart(months: { month: string; changes: number }[], label: string): string {
  const width = 600;
  const height = 160;
  const top = 16;
  const bottom = 24;
  const max = Math.max(1, ...months.map((m) => m.changes));
  const slot = width / Math.max(1, months.length);
  const bars = months
    .map((m, i) => {
      const h = Math.round(((height - top - bottom) * m.changes) / max);
      const x = Math.round(i * slot + slot * 0.15);
      const y = height - bottom - h;
      return `<g><title>${m.month}: ${m.changes}</title><rect x="${x}" y="${y}" width="${Math.round(slot * 0.7)}" height="${h}" fill="currentColor" rx="2"/><text x="${x + Math.round(slot * 0.35)}" y="${y - 4}" text-anchor="middle">${m.changes || ''}</text><text x="${x + Math.round(slot * 0.35)}" y="${height - 6}" text-anchor="middle">${m.month.slice(5)}</text></g>`;
    })
    .join('');
  return `<svg class="chart" viewBox="0 0 ${width} ${height}" role="img" aria-label="${label.replace(/"/g, '&quot;')}" xmlns="http://www.w3.org/2000/svg">${bars}</svg>`;
}
