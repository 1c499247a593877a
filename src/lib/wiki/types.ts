import type { Diagnostic } from '../content/diagnostics.ts';
import type { Status } from '../content/schema.ts';
import type { Format, Heading, PageLink, TextSection } from '../markdown/render.ts';

export interface WikiPage {
  slug: string;
  /** Path under the content folder (`hr/leave.mdx`); empty for a folder without an index file. */
  path: string;
  format: Format;
  title: string;
  description?: string;
  owner: string[];
  tags: string[];
  lang: string;
  status: Status;
  effective?: string;
  reviewBy?: string;
  verified?: string;
  /** The page that replaces this one, resolved. */
  supersededBy?: { slug: string; title: string } | { missing: string };
  order?: number;
  /** Audiences that must confirm having read the current revision: group names or `all` (empty: nobody). */
  acknowledge: string[];
  /** Frontmatter keys Pinkas does not know, kept as they were. */
  extra: Record<string, unknown>;
  section: string;
  /** True for a folder that has no index file: its page lists the folder's pages. */
  generated: boolean;
  html: string;
  headings: Heading[];
  links: PageLink[];
  /** The text by section, for the search index. */
  sections: TextSection[];
  /** The source as written (for the editor and search). */
  source: string;
}

export interface BrokenLink {
  file: string;
  line: number;
  column: number;
  link: string;
  from: string;
}

export interface Wiki {
  pages: WikiPage[];
  diagnostics: Diagnostic[];
  brokenLinks: BrokenLink[];
}
