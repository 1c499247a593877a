import type { Status } from '../content/schema.ts';
import { parentSlug } from '../paths.ts';

/** What the navigation needs to know about a page. */
export interface NavPage {
  slug: string;
  title: string;
  order?: number;
  status: Status;
  lang: string;
}

export interface NavNode extends NavPage {
  children: NavNode[];
}

const collator = new Intl.Collator(['en', 'he'], { sensitivity: 'base', numeric: true });

export function compareNav(a: NavPage, b: NavPage): number {
  const ao = a.order ?? Number.POSITIVE_INFINITY;
  const bo = b.order ?? Number.POSITIVE_INFINITY;
  if (ao !== bo) return ao < bo ? -1 : 1;
  return collator.compare(a.title, b.title) || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0);
}

/** Superseded and retired pages leave the navigation (they stay reachable by link and search). */
export function isListed(page: { status: string }): boolean {
  return page.status !== 'superseded' && page.status !== 'retired';
}

/**
 * The navigation tree, built from folders: each folder's pages under the folder's own page, sorted
 * by `order` and then by title. The root is the home page (slug ``). Unlisted pages are left out,
 * except a folder page that still has listed pages below it.
 */
export function buildNavTree(pages: Iterable<NavPage>, homeTitle = 'Home', homeLang = 'en'): NavNode {
  const root: NavNode = { slug: '', title: homeTitle, status: 'active', lang: homeLang, children: [] };
  const nodes = new Map<string, NavNode>([['', root]]);
  const all = [...pages];
  for (const page of all) {
    if (page.slug === '') Object.assign(root, { ...page, children: root.children });
    else nodes.set(page.slug, { ...page, children: [] });
  }
  for (const node of nodes.values()) {
    if (node === root) continue;
    let parent = parentSlug(node.slug);
    while (parent !== undefined && !nodes.has(parent)) parent = parentSlug(parent);
    nodes.get(parent ?? '')!.children.push(node);
  }
  const prune = (node: NavNode): NavNode => {
    node.children = node.children.map(prune).filter((c) => isListed(c) || c.children.length > 0).sort(compareNav);
    return node;
  };
  return prune(root);
}

/** Finds the node of `slug` by walking down from the root. */
export function findNode(root: NavNode, slug: string): NavNode | undefined {
  let node: NavNode | undefined = root;
  while (node && node.slug !== slug) node = node.children[childOnPathTo(node, slug)];
  return node;
}

/** Each node's children by slug, made when first asked: a folder can hold hundreds of pages. */
const childIndexes = new WeakMap<NavNode, Map<string, number>>();

/** Which child of `node` is `slug` or a folder above it (-1: none), by its place among the children. */
function childOnPathTo(node: NavNode, slug: string): number {
  let index = childIndexes.get(node);
  if (!index) childIndexes.set(node, (index = new Map(node.children.map((c, i) => [c.slug, i]))));
  for (let end = slug.length; end > 0; end = slug.lastIndexOf('/', end - 1)) {
    const i = index.get(slug.slice(0, end));
    if (i !== undefined) return i;
  }
  return -1;
}

/**
 * Breadcrumbs of `slug`: each folder above it, by slug prefix, with its title. Works for pages
 * outside the navigation too (a superseded procedure still shows where it lives).
 */
export function breadcrumbs(slug: string, titleOf: (slug: string) => string | undefined): { slug: string; title: string }[] {
  const parts = slug.split('/');
  const out: { slug: string; title: string }[] = [];
  for (let i = 1; i < parts.length; i++) {
    const prefix = parts.slice(0, i).join('/');
    out.push({ slug: prefix, title: titleOf(prefix) ?? prefix.split('/').at(-1)! });
  }
  return out;
}

/** Every listed page in reading order (depth first), for previous/next links. */
export function readingOrder(root: NavNode): NavNode[] {
  const out: NavNode[] = [];
  const walk = (node: NavNode) => {
    for (const child of node.children) {
      out.push(child);
      walk(child);
    }
  };
  walk(root);
  return out;
}

export interface NavView {
  /** The item. `expanded` items show their `children`; others are plain links. */
  node: NavNode;
  current: boolean;
  expanded: boolean;
  children: NavView[];
  /** When a long folder is cut to a window around the current page: how many items were left out. */
  hidden: number;
}

/**
 * The part of the tree one page shows: every top-level section, and the folders on the way to the
 * current page opened with their pages. Long folders show a window of `maxItems` around the current
 * page (25: the page and a dozen on either side) and a link to the folder's own page, which lists
 * everything. The size of each page's navigation therefore depends on the depth of the tree, not on
 * the number of pages, so the site grows linearly (a navigation with the whole tree in every page
 * grows with the square).
 */
export function navView(root: NavNode, currentSlug: string, maxItems = 25): NavView[] {
  const build = (node: NavNode): NavView[] => {
    const kids = node.children;
    const onPath = childOnPathTo(node, currentSlug);
    let start = 0;
    let end = kids.length;
    if (kids.length > maxItems) {
      const centre = onPath === -1 ? 0 : onPath;
      start = Math.max(0, Math.min(centre - Math.floor(maxItems / 2), kids.length - maxItems));
      end = start + maxItems;
    }
    return kids.slice(start, end).map((child, i) => {
      const expanded = start + i === onPath && child.children.length > 0;
      return {
        node: child,
        current: child.slug === currentSlug,
        expanded,
        children: expanded ? build(child) : [],
        hidden: expanded && child.children.length > maxItems ? child.children.length - maxItems : 0,
      };
    });
  };
  return build(root);
}
