/**
 * The shapes of the collections' entries, as zod schemas: the loaders write entries of these
 * shapes, and Astro types `getCollection('pages')` / `getCollection('templates')` from them.
 */
import { z } from 'astro/zod';
import { statuses } from '../lib/content/schema.ts';

const heading = z.object({ depth: z.number(), slug: z.string(), text: z.string() });
const link = z.object({ kind: z.enum(['page', 'missing']), target: z.string(), title: z.string(), line: z.number(), column: z.number(), raw: z.string() });

/** What each entry of the `pages` collection holds in `data`; its HTML and search terms are in the render cache, under `renderKey`. */
export const pageDataSchema = z.object({
  slug: z.string(),
  /** Path under the content folder; empty for a folder without an index file. */
  path: z.string(),
  format: z.enum(['md', 'mdx']),
  title: z.string(),
  description: z.string().optional(),
  owner: z.array(z.string()),
  tags: z.array(z.string()),
  lang: z.string(),
  status: z.enum(statuses),
  effective: z.string().optional(),
  reviewBy: z.string().optional(),
  verified: z.string().optional(),
  supersededBy: z.union([z.object({ slug: z.string(), title: z.string() }), z.object({ missing: z.string() })]).optional(),
  order: z.number().optional(),
  /** Audiences that must confirm having read the current revision: group names or `all` (empty: nobody). */
  acknowledge: z.array(z.string()),
  /** Frontmatter keys Pinkas does not know, kept as they were. */
  extra: z.record(z.string(), z.unknown()),
  section: z.string(),
  generated: z.boolean(),
  headings: z.array(heading),
  links: z.array(link),
  /** The page's entry in the render cache (src/lib/wiki/render-cache.ts); '' for a generated folder page. */
  renderKey: z.string(),
  /** Whether the page's rendered HTML has anything in it. */
  hasContent: z.boolean(),
  lastUpdated: z.object({ date: z.string(), author: z.string(), commit: z.string() }).optional(),
  revisions: z.number(),
  /** The file's path in its git repository (what the editor proposes changes to), if in one. */
  repoPath: z.string().optional(),
  /** The commit the site was built from: the editor's base for a proposal. */
  baseCommit: z.string().optional(),
});

export type PageData = z.infer<typeof pageDataSchema>;

/** A template for new pages (`<content>/_templates/<name>.md(x)`); its text is the entry's `body`. */
export const templateDataSchema = z.object({
  name: z.string(),
  title: z.string(),
  description: z.string().optional(),
  path: z.string(),
});

export type TemplateData = z.infer<typeof templateDataSchema>;
