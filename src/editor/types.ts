/**
 * What the static build hands the editor (embedded in the page as JSON, or served as
 * `/_wiki/pages.json` and `/_wiki/sources/<n>.json.gz`), so that opening the editor costs no API call.
 */
import type { AppPageData } from '../lib/app-pages.ts';
import type { ProposalLimits } from '../lib/proposals/wire.ts';

/** What the proposal service accepts, so the editor can say so first (the service's own values). */
export type { ProposalLimits };

/** The page being edited (or created). */
export interface EditorPage {
  mode: 'edit' | 'new';
  /** The file in the repository, what the proposal changes: `content/hr/leave.mdx`. */
  repoPath: string;
  /** The file under the content folder: `hr/leave.mdx`. */
  contentPath: string;
  slug: string;
  /** The commit the site (and so this source) was built from. */
  baseCommit: string;
  title: string;
  lang: string;
  format: 'md' | 'mdx';
  /** The page as written (a new page: the template, filled in). */
  source: string;
  /** The wiki's default language (frontmatter without `lang`). */
  defaultLang: string;
  /** The site's base path, `/` or `/handbook/`. */
  base: string;
  limits: ProposalLimits;
}

/** What the one editor page (`/_wiki/edit/`, and `/_wiki/edit/he/` in another UI language) embeds. */
export interface EditorAppData extends AppPageData {
  /** The commit the site was built from: the base of every proposal; null outside git. */
  baseCommit: string | null;
  limits: ProposalLimits;
}

/** A page as the editor needs it, from its source chunk. */
export interface EditableSource {
  repoPath: string;
  contentPath: string;
  title: string;
  lang: string;
  format: 'md' | 'mdx';
  source: string;
}

/** `/_wiki/sources/<n>.json.gz`: the pages of one chunk, by slug. */
export interface SourceChunk {
  pages: Record<string, EditableSource>;
}

/** A page as the link index, the page picker and `/new/` need it. */
export interface PageEntry {
  slug: string;
  title: string;
  lang: string;
  aliases?: string[];
  /** The file under the content folder; absent for generated folder pages. */
  path?: string;
}

/** `/_wiki/pages.json`. */
export interface PagesFile {
  /** The home page's title (links to `/` resolve to it even without an index file). */
  home: string;
  pages: PageEntry[];
  /** Files beside the pages (images, PDFs) under the content folder, as the site publishes them. */
  assets: string[];
  /** What the properties form offers: every owner and tag the wiki's pages use. */
  propertyChoices?: PropertyChoices;
}

/** The owners and tags in use across the wiki, sorted, for the properties form's suggestions. */
export interface PropertyChoices {
  owners: string[];
  tags: string[];
}

/** A template for `/new/`. */
export interface TemplateEntry {
  name: string;
  title: string;
  description?: string;
  format: 'md' | 'mdx';
  /** The language the template is written in (its `lang`, else the wiki's). */
  lang: string;
  /** The template's text, its `template:` key already removed. */
  source: string;
}

/** What `/new/` embeds. */
export interface NewPageData {
  templates: TemplateEntry[];
  /** Top-level folders of the content folder (their directory names) and their titles. */
  sections: { folder: string; title: string }[];
  /** The content folder as seen from the repository root, with a trailing slash (`content/`), or null outside git. */
  contentPrefix: string | null;
  baseCommit: string | null;
  defaultLang: string;
  /** The language of this page's UI (`/new/` the wiki's, `/new/he/` Hebrew). */
  lang: string;
  /** `/new/` in each language of the UI, by language. */
  routes: Record<string, string>;
  base: string;
  limits: ProposalLimits;
}

/** JSON for a `<script type="application/json">`: `<` escaped so no `</script>` can end it early. */
export function embedJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** Reads JSON embedded with `embedJson`. */
export function readEmbedded<T>(id: string): T | undefined {
  const text = document.getElementById(id)?.textContent;
  return text ? (JSON.parse(text) as T) : undefined;
}
