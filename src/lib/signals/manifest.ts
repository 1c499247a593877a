/**
 * What the readers' signals service knows about the built pages: the build writes it (one file
 * beside the server, see src/integrations/reading.ts) and the service reads it, so that it can tell
 * a known page from an unknown one and the current revision of a page from an old one.
 */
import { contentExtensions } from '../paths.ts';

export interface PageFacts {
  /** The page's address without the site's base path: `/hr/leave/`, `/` for the home page. */
  address: string;
  slug: string;
  title: string;
  lang: string;
  /** Path under the content folder (`hr/leave.mdx`); empty for a folder without an index file. */
  file: string;
  /** The file's path in its git repository, when in one (`content/hr/leave.mdx`). */
  repoPath?: string;
  /** The page's revision: how many commits changed its file (0 when not in git). */
  revision: number;
  /** The git blob id (SHA-1) of the file as built. */
  contentHash?: string;
  /** Audiences that must confirm reading: group names (lower case) or `all`. Empty: nobody. */
  acknowledge: string[];
  /**
   * An acknowledgement of this revision or a later one counts for the current revision: the newest
   * revision not marked minor (`Pinkas-Minor: yes`), so a typo fix does not ask everyone again.
   */
  countsFrom: number;
}

export interface PagesManifest {
  /** The site's base path (`/` or `/wiki/`). */
  base: string;
  /** The commit the site was built from. */
  commit?: string;
  pages: PageFacts[];
}

/** One revision of a page's file, newest first, as the build's git history lists them. */
export interface RevisionRef {
  commit: string;
}

export interface PageInput {
  slug: string;
  title: string;
  lang: string;
  path: string;
  repoPath?: string | undefined;
  acknowledge: string[];
  /** Newest first. */
  revisions: readonly RevisionRef[];
  contentHash?: string | undefined;
}

export function addressOf(slug: string): string {
  return slug ? `/${slug}/` : '/';
}

/** The newest revision whose commit is not minor; the first revision always counts. */
export function countsFrom(revisions: readonly RevisionRef[], minor: ReadonlySet<string>): number {
  const total = revisions.length;
  for (let i = 0; i < total - 1; i += 1) {
    if (!minor.has(revisions[i]!.commit)) return total - i;
  }
  return total === 0 ? 0 : 1;
}

export function buildManifest(input: { base: string; commit?: string | undefined; pages: PageInput[]; minorCommits: ReadonlySet<string> }): PagesManifest {
  const pages = input.pages.map((p): PageFacts => {
    const facts: PageFacts = {
      address: addressOf(p.slug),
      slug: p.slug,
      title: p.title,
      lang: p.lang,
      file: p.path,
      revision: p.revisions.length,
      acknowledge: [...new Set(p.acknowledge.map((a) => a.toLowerCase()))],
      countsFrom: countsFrom(p.revisions, input.minorCommits),
    };
    if (p.repoPath) facts.repoPath = p.repoPath;
    if (p.contentHash) facts.contentHash = p.contentHash;
    return facts;
  });
  return { base: input.base, ...(input.commit ? { commit: input.commit } : {}), pages };
}

function trimSlashes(text: string): string {
  return text.replace(/^\/+|\/+$/g, '');
}

/**
 * Finds a page by any of the ways a caller names it: its address (`/hr/leave/`, with or without
 * the base path and slashes), its file under the content folder (`hr/leave.mdx`) or in the
 * repository (`content/hr/leave.mdx`).
 */
export class PageIndex {
  readonly manifest: PagesManifest;
  readonly #bySlug = new Map<string, PageFacts>();
  readonly #byFile = new Map<string, PageFacts>();

  constructor(manifest: PagesManifest) {
    this.manifest = manifest;
    for (const page of manifest.pages) {
      this.#bySlug.set(page.slug, page);
      if (page.file) this.#byFile.set(page.file, page);
      if (page.repoPath) this.#byFile.set(page.repoPath, page);
    }
  }

  get pages(): readonly PageFacts[] {
    return this.manifest.pages;
  }

  find(name: string): PageFacts | undefined {
    const text = name.trim();
    if (!text || text.length > 1024) return undefined;
    const byFile = this.#byFile.get(trimSlashes(text));
    if (byFile) return byFile;
    if (contentExtensions.some((ext) => text.toLowerCase().endsWith(ext))) return undefined;
    let slug = trimSlashes(text.split(/[?#]/)[0]!);
    const base = trimSlashes(this.manifest.base);
    if (base && (slug === base || slug.startsWith(`${base}/`))) {
      const below = slug.slice(base.length + 1);
      if (!this.#bySlug.has(slug) || this.#bySlug.has(below)) slug = below;
    }
    try {
      slug = decodeURIComponent(slug);
    } catch {
      return undefined;
    }
    return this.#bySlug.get(slug);
  }
}
