/**
 * Builds the search index at build time: lunr weighs every term of two layers — titles (title,
 * tags, keywords, file name; one document per page), the first answer while the reader types, and
 * full text (one document per section of a page, heading and text, so a result can link to
 * `page#heading`; counted per page, page-terms.ts, or given so by the build's render cache) — and
 * the postings are partitioned by term (partition.ts) into the files of format.ts. Superseded and
 * retired pages are left out of search.
 *
 * Indexes store no positions (they would triple the size); phrases are boosted from titles,
 * headings and the text of the results instead.
 */
import { isListed } from '../nav/tree.ts';
import { isHebrew, STEM_MARK } from './analysis.ts';
import { layerFile, SEARCH_FORMAT, vocabFile, type Manifest } from './format.ts';
import { filterFiles, metaFiles, retiredFile } from './index-lists.ts';
import { countWords, pageTerms, type PageTerms } from './page-terms.ts';
import { partition, sortedUnion, vocabularyBlocks } from './partition.ts';
import { weightedCounts } from './weights.ts';
import { WordTable, type NumberedCounts, type NumberedTerms } from './word-table.ts';

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
  /** The page's text by section, or (`terms`) its words already counted, as the build keeps them (and numbered, word-table.ts). */
  sections?: { id: string; heading: string; text: string }[];
  terms?: PageTerms | NumberedTerms;
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
 * site and more bytes per query: at 5,000 pages these keep the index to about 370 files (0.07 a
 * page) while the one- and three-word queries of `npm run bench:search` stay near 70 and 110 KB
 * (docs/benchmarks.md has the trade-off measured).
 */
const SIZES = { titleChunk: 16_000, textChunk: 64_000, tier: 2_000, vocabBlock: 4_000, bucket: 128, tagBucket: 16_000 };

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

/** The Hebrew words of the wiki as written, normalized: which prefix splits are words (analysis.ts `hebrewStems`). */
function writtenHebrew(table: WordTable, counts: Iterable<NumberedCounts>): Set<string> {
  const seen = new Uint8Array(table.words.length);
  for (const { w } of counts) for (let i = 0; i < w.length; i++) seen[w[i]!] = 1;
  const out = new Set<string>();
  for (let id = 0; id < seen.length; id++) if (seen[id] && isHebrew(table.words[id]!)) out.add(table.words[id]!);
  return out;
}

/** The two weighted layers: titles (one document per page) and full text (one per section), and each text document's page and section. */
function layers(pages: readonly SearchablePage[]) {
  // One table for all: the one the pages' words were numbered in already, if any.
  const numbered = pages.map((p) => p.terms).find((t): t is NumberedTerms => t !== undefined && 'table' in t);
  const table = numbered?.table ?? new WordTable();
  const titleDocs = pages.map((page) => [countWords(page.title), countWords([...page.tags, ...keywordsOf(page.extra)].join(' ')), countWords(nameWords(page.slug))].map((c) => table.counts(c)));
  const textDocs = pages.map((page) => table.terms(page.terms ?? pageTerms(page.sections ?? [])).s);
  const written = writtenHebrew(table, [...titleDocs.map((d) => d[0]!), ...textDocs.flat(2)]);
  const titles = weightedCounts(titleDocs, [10, 5, 3], table, written);
  const docPage: number[] = [];
  const docSection: number[] = [];
  const text = weightedCounts(
    (function* () {
      for (const [p, sections] of textDocs.entries()) {
        for (const [k, fields] of sections.entries()) {
          docPage.push(p);
          docSection.push(k);
          yield fields;
        }
      }
    })(),
    [3, 1],
    table,
    written,
  );
  return { titles, text, docPage, docSection };
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
  const sizes = { ...SIZES, ...options.sizes };

  const { titles, text, docPage, docSection } = layers(pages);
  const titleChunks = partition(titles, { pageOf: (doc) => doc, chunkChars: sizes.titleChunk, tier: sizes.tier });
  const textChunks = partition(text, { pageOf: (doc) => docPage[doc]!, sectionOf: (doc) => docSection[doc]!, chunkChars: sizes.textChunk, tier: sizes.tier });
  titleChunks.chunks.forEach((chunk, i) => files.set(layerFile('titles', i), JSON.stringify(chunk)));
  textChunks.chunks.forEach((chunk, i) => files.set(layerFile('text', i), JSON.stringify(chunk)));
  // Typos are looked up among words, never among Hebrew common forms (`~…`, which no one types).
  const vocab = vocabularyBlocks(sortedUnion(titleChunks.terms, textChunks.terms).filter((t) => !t.startsWith(STEM_MARK)), sizes.vocabBlock);
  vocab.blocks.forEach((block, i) => files.set(vocabFile(i), JSON.stringify(block)));
  metaFiles(pages, langs, tags, sizes.bucket, files);
  const tagBuckets = filterFiles(pages, langs, tags, sizes.tagBucket, files);
  const retired = retiredFile(allPages.filter((p) => !isListed(p)), files);

  const manifest: Manifest = {
    format: SEARCH_FORMAT,
    ...(retired ? { retired } : {}),
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
