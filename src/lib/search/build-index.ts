/**
 * Builds the search index at build time: lunr weighs every term of two layers — titles (title,
 * tags, keywords, file name; one document per page), the first answer while the reader types, and
 * full text (one document per section of a page, heading and text, so a result can link to
 * `page#heading`) — and the postings are partitioned by term (partition.ts) into the files of
 * format.ts. Superseded and retired pages are left out of search.
 *
 * Indexes store no positions (they would triple the size); phrases are boosted from titles,
 * headings and the text of the results instead.
 */
import { isListed } from '../nav/tree.ts';
import { writtenHebrewWords } from './analysis.ts';
import {
  langFile, layerFile, metaFile, SEARCH_FORMAT, tagFile, vocabFile,
  type FilterFile, type Manifest, type MetaFile, type PageRow, type RetiredFile, type TagFilterFile,
} from './format.ts';
import { partition, vocabularyBlocks } from './partition.ts';
import { weightedIndex } from './weights.ts';

export { SEARCH_FORMAT } from './format.ts';

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
  /** The page that replaces this one (superseded pages), resolved. */
  supersededBy?: { slug: string; title: string } | { missing: string };
  sections: { id: string; heading: string; text: string }[];
}

export interface SearchIndexOptions {
  /** The titles of the sections, for display (their own pages' titles); a section without one shows its slug. */
  sectionTitles?: ReadonlyMap<string, string>;
  /** Groups of words that mean the same (content/_search/synonyms.yml). */
  synonyms?: string[][];
  /** Sizes (tests use small ones): see SIZES. */
  sizes?: Partial<typeof SIZES>;
}

/**
 * Sizes: chunks in characters of JSON, postings per term before tiering, terms per vocabulary
 * block, pages per metadata file, pages listed per tag file. Larger files mean fewer of them in the
 * site and more bytes per query: at 5,000 pages these keep the index to about 750 files while the
 * queries of `npm run bench:search` stay near 120 KB (docs/benchmarks.md has the trade-off measured).
 */
const SIZES = { titleChunk: 16_000, textChunk: 32_000, tier: 2_000, vocabBlock: 4_000, bucket: 64, tagBucket: 16_000 };

function keywordsOf(extra: Record<string, unknown> | undefined): string[] {
  const value = extra?.keywords;
  if (typeof value === 'string') return value.split(',').map((k) => k.trim());
  return Array.isArray(value) ? value.filter((k): k is string => typeof k === 'string') : [];
}

/** The words of the file name (olu.md, fmla.md), but not bare numbers (page-00123), which only bloat the index. */
function nameWords(slug: string): string {
  return (slug.split('/').at(-1) ?? '')
    .split(/[-_\s]+/)
    .filter((word) => word && !/^\d+$/.test(word))
    .join(' ');
}

/** Every file of the search index, by name (under `/search/`), as JSON text. */
export function buildSearchIndex(allPages: SearchablePage[], options: SearchIndexOptions = {}): Map<string, string> {
  // Pages are numbered by section, then slug: each section is a range of page numbers.
  const order = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const pages = allPages.filter(isListed).sort((a, b) => order(a.section, b.section) || order(a.slug, b.slug));
  const sections = [...new Set(pages.map((p) => p.section))].sort();
  const langs = [...new Set(pages.map((p) => p.lang))].sort();
  const tags = [...new Set(pages.flatMap((p) => p.tags))].sort();
  const files = new Map<string, string>();

  const written = writtenHebrewWords(pages.flatMap((page) => [page.title, ...page.sections.map((s) => `${s.heading} ${s.text}`)]));
  const titles = weightedIndex(
    pages.map((page) => ({ title: page.title, tags: [...page.tags, ...keywordsOf(page.extra)].join(' '), name: nameWords(page.slug) })),
    [['title', 10], ['tags', 5], ['name', 3]],
    written,
  );
  const docPage: number[] = [];
  const docSection: number[] = [];
  const text = weightedIndex(
    (function* () {
      for (const [p, page] of pages.entries()) {
        for (const [k, part] of page.sections.entries()) {
          docPage.push(p);
          docSection.push(k);
          yield { heading: part.heading, body: part.text };
        }
      }
    })(),
    [['heading', 3], ['body', 1]],
    written,
  );

  const sizes = { ...SIZES, ...options.sizes };
  const titleChunks = partition(titles, { pageOf: (doc) => doc, chunkChars: sizes.titleChunk, tier: sizes.tier });
  const textChunks = partition(text, { pageOf: (doc) => docPage[doc]!, sectionOf: (doc) => docSection[doc]!, chunkChars: sizes.textChunk, tier: sizes.tier });
  titleChunks.chunks.forEach((chunk, i) => files.set(layerFile('titles', i), JSON.stringify(chunk)));
  textChunks.chunks.forEach((chunk, i) => files.set(layerFile('text', i), JSON.stringify(chunk)));
  const vocab = vocabularyBlocks([...titles.terms.keys(), ...text.terms.keys()], sizes.vocabBlock);
  vocab.blocks.forEach((block, i) => files.set(vocabFile(i), JSON.stringify(block)));

  const tagIndex = new Map(tags.map((t, i) => [t, i]));
  for (let start = 0; start < pages.length; start += sizes.bucket) {
    const folders: string[] = [];
    const rows = pages.slice(start, start + sizes.bucket).map((page): PageRow => {
      const cut = page.slug.lastIndexOf('/');
      const folder = cut === -1 ? '' : page.slug.slice(0, cut);
      if (!folders.includes(folder)) folders.push(folder);
      return [folders.indexOf(folder), page.slug.slice(cut + 1), page.title, langs.indexOf(page.lang), page.tags.map((t) => tagIndex.get(t)!), page.status === 'draft' ? 1 : 0];
    });
    files.set(metaFile(start / sizes.bucket), JSON.stringify({ folders, pages: rows } satisfies MetaFile));
  }
  const listOf = (test: (page: SearchablePage) => boolean): number[] => {
    const out: number[] = [];
    let previous = 0;
    pages.forEach((page, p) => {
      if (!test(page)) return;
      out.push(p - previous);
      previous = p;
    });
    return out;
  };
  langs.forEach((lang, i) => files.set(langFile(i), JSON.stringify({ pages: listOf((p) => p.lang === lang) } satisfies FilterFile)));
  // Tags are many and most are small: their lists go in runs of tags, up to `tagBucket` pages a file.
  const tagBuckets: number[] = [];
  let bucket: number[][] = [];
  let listed = 0;
  const flush = () => {
    if (bucket.length) files.set(tagFile(tagBuckets.length - 1), JSON.stringify({ tags: bucket } satisfies TagFilterFile));
  };
  tags.forEach((tag, i) => {
    const list = listOf((p) => p.tags.includes(tag));
    if (i === 0 || listed + list.length > sizes.tagBucket) {
      flush();
      tagBuckets.push(i);
      bucket = [];
      listed = 0;
    }
    bucket.push(list);
    listed += list.length;
  });
  flush();

  const outOfForce = allPages.filter((p) => !isListed(p));
  if (outOfForce.length) {
    const rows = outOfForce.map((p): RetiredFile['pages'][number] => {
      const next = p.supersededBy && 'slug' in p.supersededBy ? p.supersededBy : undefined;
      return [p.slug, p.title, p.status === 'superseded' ? 'superseded' : 'retired', next?.slug ?? '', next?.title ?? ''];
    });
    files.set('retired.json', JSON.stringify({ pages: rows } satisfies RetiredFile));
  }

  const manifest: Manifest = {
    format: SEARCH_FORMAT,
    ...(outOfForce.length ? { retired: outOfForce.length } : {}),
    pages: pages.length,
    docs: text.size,
    sections,
    sectionTitles: sections.map((s) => options.sectionTitles?.get(s) ?? s),
    sectionStarts: [...sections.map((s) => pages.findIndex((p) => p.section === s)), pages.length],
    langs,
    tags,
    titles: titleChunks.firsts,
    text: textChunks.firsts,
    vocab: vocab.firsts,
    bucket: sizes.bucket,
    tagBuckets,
    synonyms: options.synonyms ?? [],
  };
  files.set('manifest.json', JSON.stringify(manifest));
  return files;
}

/**
 * The search index of a whole wiki: every page with content (not the pages folders get, not the
 * home page), with the titles of the top-level sections for the section filter.
 */
export function buildWikiSearchIndex(pages: readonly (SearchablePage & { generated: boolean })[], options: Omit<SearchIndexOptions, 'sectionTitles'> = {}): Map<string, string> {
  const sectionTitles = new Map(pages.filter((p) => p.slug && !p.slug.includes('/')).map((p) => [p.slug, p.title]));
  return buildSearchIndex(pages.filter((p) => !p.generated && p.slug !== ''), { ...options, sectionTitles });
}
