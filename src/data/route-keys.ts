/**
 * What a wiki page's HTML is made of, as one hash: the `cacheKey` its route gives Astro's
 * incremental build, which then copies the page from the previous build instead of rendering it
 * when nothing it shows has changed. Everything the page route and its components read goes in:
 * the page's own data and rendered content (`renderKey`), the site's settings and the build's day,
 * the navigation as this page shows it (its neighbours' titles), breadcrumbs and the section (its
 * feed), the section listing, previous and next, what links here and who wrote it. The route's
 * code is Astro's to hash. A component that shows something new about other pages adds it here.
 */
import { createHash } from 'node:crypto';
import { pageContributors } from '../lib/history/insights.ts';
import type { LinkGraph } from '../lib/links/graph.ts';
import { breadcrumbs, findNode, navView, readingOrder, type NavNode, type NavView } from '../lib/nav/tree.ts';
import type { WikiHistory } from '../lib/history/cache.ts';
import { siteConfig } from '../site.config.ts';
import { buildDate } from './build-date.ts';
import type { Page, WikiModel } from './wiki.ts';

const nodeFacts = (n: NavNode) => [n.slug, n.title, n.lang, n.status, n.children.length];
const navFacts = (views: NavView[]): unknown[] => views.map((v) => [nodeFacts(v.node), v.current, v.expanded, v.hidden, navFacts(v.children)]);
const listFacts = (nodes: NavNode[], depth: number): unknown[] => nodes.map((n) => [nodeFacts(n), depth > 1 ? listFacts(n.children, depth - 1) : []]);

export interface RouteKeyContext {
  wiki: WikiModel;
  graph: LinkGraph;
  history: WikiHistory;
}

export function pageRouteKey(page: Page, { wiki, graph, history }: RouteKeyContext): string {
  const node = findNode(wiki.tree, page.slug);
  const at = wiki.position.get(page.slug);
  const neighbour = (i: number | undefined) => (i === undefined ? null : (wiki.order[i] ? nodeFacts(wiki.order[i]!) : null));
  const facts = [
    siteConfig,
    buildDate,
    // The commit the site was built from is not shown on a page; whether there is one is.
    { ...page, baseCommit: Boolean(page.baseCommit) },
    navFacts(navView(wiki.tree, page.slug)),
    breadcrumbs(page.slug, (s) => wiki.bySlug.get(s)?.title),
    // The section's feed link names the section, in its language.
    ((section) => (section ? [section.slug, section.title, section.lang] : null))(wiki.bySlug.get(page.slug.split('/')[0]!)),
    node ? listFacts(node.children, 2) : null,
    neighbour(at === undefined ? undefined : at - 1),
    neighbour(at === undefined ? undefined : at + 1),
    (graph.backlinks.get(page.slug) ?? []).map((b) => [b.slug, b.title, wiki.bySlug.get(b.slug)?.lang]),
    page.path ? pageContributors(history.files.get(page.path) ?? []).map((p) => p.name) : [],
  ];
  return createHash('sha256').update(JSON.stringify(facts)).digest('base64url');
}

/**
 * What a section's binder (src/pages/print/[section].astro) shows, as one hash: the site's
 * settings, the build's day, the section's page and every page of the section in reading order
 * with its data — but its rendered text, which the binder fetches from the page when it opens,
 * and the commit the site was built from, which it does not show.
 */
export function binderRouteKey(section: Page, node: NavNode, wiki: WikiModel): string {
  const shown = ({ renderKey: _text, ...page }: Page) => ({ ...page, baseCommit: Boolean(page.baseCommit) });
  const pages = readingOrder(node).map((n) => {
    const page = wiki.bySlug.get(n.slug);
    return page ? shown(page) : n.slug;
  });
  return createHash('sha256').update(JSON.stringify([siteConfig, buildDate, shown(section), pages])).digest('base64url');
}
