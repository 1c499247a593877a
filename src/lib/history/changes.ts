import type { Revision } from './git-log.ts';

export interface Change {
  commit: string;
  date: string;
  author: string;
  summary: string;
  /** Paths (relative to the content folder) the commit changed. */
  paths: string[];
}

/** Commits that changed the wiki, newest first, each with the pages it changed. */
export function recentChanges(files: ReadonlyMap<string, readonly Revision[]>, limit = 100): Change[] {
  const commits = new Map<string, Change>();
  for (const [path, revisions] of files) {
    for (const r of revisions) {
      const change = commits.get(r.commit) ?? { commit: r.commit, date: r.date, author: r.author, summary: r.summary, paths: [] };
      change.paths.push(path);
      commits.set(r.commit, change);
    }
  }
  return [...commits.values()]
    .sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : a.commit < b.commit ? 1 : -1))
    .slice(0, limit)
    .map((c) => ({ ...c, paths: c.paths.sort() }));
}
