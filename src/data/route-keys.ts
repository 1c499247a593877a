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

/** Each node's facts as JSON, made once per node: every page's navigation shows dozens of them. */
const nodeJson = new WeakMap<NavNode, string>();
function nodeFacts(n: NavNode): string {
  let json = nodeJson.get(n);
  if (json === undefined) nodeJson.set(n, (json = JSON.stringify([n.slug, n.title, n.lang, n.status, n.children.length])));
  return json;
}
const navFacts = (views: NavView[]): string => `[${views.map((v) => `[${nodeFacts(v.node)},${v.current},${v.expanded},${v.hidden},${navFacts(v.children)}]`).join(',')}]`;
const listFacts = (nodes: NavNode[], depth: number): string => `[${nodes.map((n) => `[${nodeFacts(n)},${depth > 1 ? listFacts(n.children, depth - 1) : '[]'}]`).join(',')}]`;

/**
 * What a page shows of its own data, as JSON, made once per page (its page and its section's
 * binder both show it): all of it but its rendered text (`renderKey`), and whether there is a
 * commit the site was built from, not which.
 */
const shownJson = new WeakMap<Page, string>();
function shown(page: Page): string {
  let json = shownJson.get(page);
  if (json === undefined) {
    const { renderKey: _text, ...data } = page;
    shownJson.set(page, (json = JSON.stringify({ ...data, baseCommit: Boolean(page.baseCommit) })));
  }
  return json;
}

/** A hash of facts given as JSON texts (which never hold a NUL, so NUL parts them unambiguously). */
function hashOf(parts: Iterable<string>): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\0');
  return hash.digest('base64url');
}

export interface RouteKeyContext {
  wiki: WikiModel;
  graph: LinkGraph;
  history: WikiHistory;
}

export function pageRouteKey(page: Page, { wiki, graph, history }: RouteKeyContext): string {
  const node = findNode(wiki.tree, page.slug);
  const at = wiki.position.get(page.slug);
  const neighbour = (i: number | undefined) => (i === undefined || !wiki.order[i] ? 'null' : nodeFacts(wiki.order[i]!));
  const section = wiki.bySlug.get(page.slug.split('/')[0]!);
  return hashOf([
    JSON.stringify([siteConfig, buildDate]),
    shown(page),
    page.renderKey,
    navFacts(navView(wiki.tree, page.slug)),
    JSON.stringify(breadcrumbs(page.slug, (s) => wiki.bySlug.get(s)?.title)),
    // The section's feed link names the section, in its language.
    JSON.stringify(section ? [section.slug, section.title, section.lang] : null),
    node ? listFacts(node.children, 2) : 'null',
    neighbour(at === undefined ? undefined : at - 1),
    neighbour(at === undefined ? undefined : at + 1),
    JSON.stringify((graph.backlinks.get(page.slug) ?? []).map((b) => [b.slug, b.title, wiki.bySlug.get(b.slug)?.lang])),
    JSON.stringify(page.path ? pageContributors(history.files.get(page.path) ?? []).map((p) => p.name) : []),
  ]);
}

/**
 * What a section's binder (src/pages/print/[section].astro) shows, as one hash: the site's
 * settings, the build's day, the section's page and every page of the section in reading order
 * with its data — but its rendered text, which the binder fetches from the page when it opens,
 * and the commit the site was built from, which it does not show.
 */
export function binderRouteKey(section: Page, node: NavNode, wiki: WikiModel): string {
  const pages = readingOrder(node).map((n) => {
    const page = wiki.bySlug.get(n.slug);
    return page ? shown(page) : JSON.stringify(n.slug);
  });
  return hashOf([JSON.stringify([siteConfig, buildDate]), shown(section), ...pages]);
}
