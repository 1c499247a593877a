/**
 * The wiki's link graph, built once from every page's links: "What links here" (backlinks),
 * wanted pages (red links, ranked by how many pages point at them) and orphan pages (no links in).
 */
export interface GraphPage {
  slug: string;
  title: string;
  /** Folder pages and the home page are reached through the navigation, so they are never orphans. */
  isFolder: boolean;
  /** Superseded and retired pages are not counted as orphans (nobody should link to them). */
  listed: boolean;
  links: { kind: 'page' | 'missing'; target: string; title: string }[];
}

export interface WantedPage {
  /** The title to create the page with. */
  title: string;
  /** The path the links asked for, when they gave one (`hr/parking`). */
  path?: string;
  /** Pages linking to it, each once. */
  from: { slug: string; title: string }[];
}

export interface LinkGraph {
  backlinks: Map<string, { slug: string; title: string }[]>;
  wanted: WantedPage[];
  orphans: { slug: string; title: string }[];
}

const key = (text: string) => text.normalize('NFC').trim().toLowerCase().replace(/\s+/g, ' ');

export function buildLinkGraph(pages: readonly GraphPage[]): LinkGraph {
  const backlinks = new Map<string, { slug: string; title: string }[]>();
  const wanted = new Map<string, WantedPage>();
  for (const page of pages) {
    const seen = new Set<string>();
    for (const link of page.links) {
      const id = `${link.kind}:${link.kind === 'page' ? link.target : key(link.target)}`;
      if (seen.has(id) || (link.kind === 'page' && link.target === page.slug)) continue;
      seen.add(id);
      const from = { slug: page.slug, title: page.title };
      if (link.kind === 'page') {
        const list = backlinks.get(link.target);
        if (list) list.push(from);
        else backlinks.set(link.target, [from]);
      } else {
        const k = key(link.title);
        const entry = wanted.get(k) ?? { title: link.title, ...(link.target.includes('/') ? { path: link.target } : {}), from: [] };
        entry.from.push(from);
        wanted.set(k, entry);
      }
    }
  }
  const byTitle = (a: { title: string }, b: { title: string }) => a.title.localeCompare(b.title);
  for (const list of backlinks.values()) list.sort(byTitle);
  return {
    backlinks,
    wanted: [...wanted.values()].sort((a, b) => b.from.length - a.from.length || a.title.localeCompare(b.title)),
    orphans: pages.filter((p) => !p.isFolder && p.listed && !backlinks.has(p.slug)).map((p) => ({ slug: p.slug, title: p.title })).sort(byTitle),
  };
}
