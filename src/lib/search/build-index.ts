/**
 * Builds the search index at build time, in two layers so that it stays small and fast as the wiki
 * grows:
 *
 * - `titles.json`: every page's title and tags, and a lunr index over them: all a reader needs for
 *   the first results, fetched on the first keystroke (or on focus of the search box).
 * - `text-<section>.json`: one full-text shard per section of the wiki, one lunr document per
 *   section of a page (its heading and text), so a result can link to `page#heading`, with a
 *   short snippet of each. Shards are loaded on demand in a Web Worker.
 *
 * Indexes store no positions (they would triple the size); phrases are boosted from titles,
 * headings and snippets instead. Superseded and retired pages are left out of search. lunr builds
 * each index; it ships as weighted postings (see compact.ts).
 */
import lunr from 'lunr';
import { pinkasTerm, tokenize } from './analysis.ts';
import { compactIndex, type CompactIndex } from './compact.ts';
import { isListed } from '../nav/tree.ts';

export const SEARCH_FORMAT = 1;

export interface SearchablePage {
  slug: string;
  title: string;
  description?: string;
  tags: string[];
  /** Frontmatter keys Pinkas does not know; other tools' `keywords` are searched like tags. */
  extra?: Record<string, unknown>;
  lang: string;
  section: string;
  status: string;
  sections: { id: string; heading: string; text: string }[];
}

/**
 * `[folder index, file name, title, language index, tag indexes, draft (1/0)]`: the slug is the
 * folder (from `folders`) and the name; its first segment is the section.
 */
export type TitleRow = [number, string, string, number, number[], number];
/** `[page index, heading id, heading text, snippet]` */
export type TextRow = [number, string, string, string];

export interface Manifest {
  format: number;
  pages: number;
  /** Section slugs (for filters) and their titles (for display), in the same order. */
  sections: string[];
  sectionTitles: string[];
  langs: string[];
  tags: string[];
  /** Full-text shards, by section. */
  shards: { section: number; file: string; docs: number }[];
}

export interface TitlesFile {
  /** Folders of the pages, so that each row need not repeat them. */
  folders: string[];
  pages: TitleRow[];
  index: CompactIndex;
}

export interface ShardFile {
  docs: TextRow[];
  index: CompactIndex;
}

export const SNIPPET_LENGTH = 160;

function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

function newBuilder(fields: [string, number][]): lunr.Builder {
  const builder = new lunr.Builder();
  builder.pipeline.add(pinkasTerm);
  builder.searchPipeline.add(pinkasTerm);
  builder.tokenizer = ((text: unknown) => tokenize(text == null ? '' : String(text))) as unknown as typeof lunr.tokenizer;
  builder.ref('id');
  for (const [name, boost] of fields) builder.field(name, { boost });
  return builder;
}

/**
 * Every file of the search index, by name (under `/search/`), as JSON text. `sectionTitles` names
 * the sections for display (their own pages' titles); a section without one shows its slug.
 */
export function buildSearchIndex(allPages: SearchablePage[], sectionTitles: ReadonlyMap<string, string> = new Map()): Map<string, string> {
  const pages = allPages.filter(isListed);
  const sections = [...new Set(pages.map((p) => p.section))].sort();
  const langs = [...new Set(pages.map((p) => p.lang))].sort();
  const tags = [...new Set(pages.flatMap((p) => p.tags))].sort();
  const tagIndex = new Map(tags.map((t, i) => [t, i]));
  const folders: string[] = [];
  const folderIndex = new Map<string, number>();

  const titles = newBuilder([['title', 10], ['tags', 5], ['name', 3]]);
  const rows: TitleRow[] = pages.map((page, i) => {
    // The file name is the author's own short name for the page (olu.md, fmla.md): its words are
    // searched too, but not bare numbers (page-00123, 2024-report), which only bloat the index.
    const name = (page.slug.split('/').at(-1) ?? '')
      .split(/[-_\s]+/)
      .filter((word) => word && !/^\d+$/.test(word))
      .join(' ');
    titles.add({ id: String(i), title: page.title, tags: [...page.tags, ...keywordsOf(page.extra)].join(' '), name });
    const cut = page.slug.lastIndexOf('/');
    const folder = cut === -1 ? '' : page.slug.slice(0, cut);
    if (!folderIndex.has(folder)) folderIndex.set(folder, folders.push(folder) - 1);
    return [folderIndex.get(folder)!, page.slug.slice(cut + 1), page.title, langs.indexOf(page.lang), page.tags.map((t) => tagIndex.get(t)!), page.status === 'draft' ? 1 : 0];
  });
  const files = new Map<string, string>();
  files.set('titles.json', JSON.stringify({ folders, pages: rows, index: compactIndex(titles.build()) } satisfies TitlesFile));

  const shards: Manifest['shards'] = [];
  sections.forEach((section, s) => {
    const builder = newBuilder([['heading', 3], ['body', 1]]);
    const docs: TextRow[] = [];
    pages.forEach((page, pageIndex) => {
      if (page.section !== section) return;
      for (const part of page.sections) {
        builder.add({ id: String(docs.length), heading: part.heading, body: part.text });
        // The page's own description is the best summary of its opening section.
        const snippet = part.id === '' && page.description ? page.description : part.text;
        docs.push([pageIndex, part.id, part.heading, clip(snippet, SNIPPET_LENGTH)]);
      }
    });
    const file = `text-${s}.json`;
    files.set(file, JSON.stringify({ docs, index: compactIndex(builder.build()) } satisfies ShardFile));
    shards.push({ section: s, file, docs: docs.length });
  });

  const manifest: Manifest = {
    format: SEARCH_FORMAT,
    pages: pages.length,
    sections,
    sectionTitles: sections.map((s) => sectionTitles.get(s) ?? s),
    langs,
    tags,
    shards,
  };
  files.set('manifest.json', JSON.stringify(manifest));
  return files;
}

function keywordsOf(extra: Record<string, unknown> | undefined): string[] {
  const value = extra?.keywords;
  if (typeof value === 'string') return value.split(',').map((k) => k.trim());
  return Array.isArray(value) ? value.filter((k): k is string => typeof k === 'string') : [];
}

/**
 * The search index of a whole wiki: every page with content (not the pages folders get, not the
 * home page), with the titles of the top-level sections for the section filter.
 */
export function buildWikiSearchIndex(pages: readonly (SearchablePage & { generated: boolean })[]): Map<string, string> {
  const sectionTitles = new Map(pages.filter((p) => p.slug && !p.slug.includes('/')).map((p) => [p.slug, p.title]));
  return buildSearchIndex(pages.filter((p) => !p.generated && p.slug !== ''), sectionTitles);
}
