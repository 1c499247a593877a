/** The link graph and the health report of the wiki, computed once per build. */
import { healthReport, type HealthReport } from '../lib/health.ts';
import { changesPerMonth } from '../lib/history/insights.ts';
import { buildLinkGraph, type LinkGraph } from '../lib/links/graph.ts';
import { isListed } from '../lib/nav/tree.ts';
import { buildDate } from './build-date.ts';
import { getHistory } from './history.ts';
import { getWiki } from './wiki.ts';

let graph: Promise<LinkGraph> | undefined;
let health: Promise<HealthReport> | undefined;

/** Slugs of pages that have pages below them (folder pages). */
function folderSlugs(slugs: string[]): Set<string> {
  const folders = new Set<string>();
  for (const slug of slugs) for (let i = slug.indexOf('/'); i !== -1; i = slug.indexOf('/', i + 1)) folders.add(slug.slice(0, i));
  return folders;
}

export function getLinkGraph(): Promise<LinkGraph> {
  if (import.meta.env.DEV || !graph) {
    graph = getWiki().then((wiki) => {
      const folders = folderSlugs(wiki.pages.map((p) => p.slug));
      return buildLinkGraph(
        wiki.pages.map((p) => ({
          slug: p.slug,
          title: p.title,
          isFolder: p.generated || p.slug === '' || folders.has(p.slug),
          listed: isListed(p),
          links: p.links,
        })),
      );
    });
  }
  return graph;
}

export function getHealth(): Promise<HealthReport> {
  if (import.meta.env.DEV || !health) {
    health = Promise.all([getWiki(), getLinkGraph(), getHistory()]).then(([wiki, links, history]) => {
      const folders = folderSlugs(wiki.pages.map((p) => p.slug));
      return healthReport(
        wiki.pages.map((p) => ({
          slug: p.slug,
          title: p.title,
          path: p.path,
          owner: p.owner,
          status: p.status,
          reviewBy: p.reviewBy,
          lastChanged: p.lastUpdated?.date,
          isFolder: p.generated || p.slug === '' || !p.path || folders.has(p.slug),
        })),
        links,
        buildDate,
        changesPerMonth(history.files, buildDate, 12),
      );
    });
  }
  return health;
}
