/**
 * The files of the search index, as they travel (all under `/search/`, all JSON):
 *
 * - `manifest.json`, loaded first and small: the facets (sections, languages, tags), the term
 *   dictionary — the first term of each chunk of each layer, so a term's chunk is found by binary
 *   search without asking — and the synonyms.
 * - `t<i>.json` (titles layer: title, tags, keywords, file name; one document per page) and
 *   `x<i>.json` (full text: one document per section of a page): the postings of a range of terms,
 *   in term order. A query loads the chunks of its words only; the word being typed, the chunks its
 *   range of completions spans.
 * - `v<i>.json`: the vocabulary alone (both layers, without the Hebrew common forms), in blocks,
 *   for typo expansion.
 * - `m<b>.json`: what a result shows of `bucket` pages (slug, title, language, tags, draft).
 * - `f-lang-<i>.json`: the pages of a language; `f-tag-<b>.json`: the pages of each tag of a run of
 *   tags (`tagBuckets` in the manifest says which), for filters.
 *
 * The passage a result shows is read from the result page's own HTML (page-text.ts), which holds
 * the same sections the full-text layer numbers. Pages are numbered in slug order, so each
 * top-level section is a range of page numbers.
 */
import type { PageText } from './page-text.ts';

export const SEARCH_FORMAT = 3;

export interface Manifest {
  format: number;
  pages: number;
  /** Sections of all pages (documents of the full-text layer). */
  docs: number;
  /** Top-level sections (for filters), their titles (for display) and their first page numbers (one more: the end). */
  sections: string[];
  sectionTitles: string[];
  sectionStarts: number[];
  langs: string[];
  tags: string[];
  /** The term dictionary: the first term of each chunk. */
  titles: string[];
  text: string[];
  vocab: string[];
  /** Pages per `m<b>.json`. */
  bucket: number;
  /** The first tag (index into `tags`) of each `f-tag-<b>.json`. */
  tagBuckets: number[];
  /** Groups of words that mean the same, as the organization wrote them (normalized at query time). */
  synonyms: string[][];
  /** How many pages are no longer in force (`retired.json`); absent or 0: none. */
  retired?: number;
}

/**
 * `retired.json`: the pages out of search because they are no longer in force, so that a search
 * for one's title can say so: `[slug, title, status, successor slug, successor title]` (the
 * successor '' when there is none).
 */
export interface RetiredFile {
  pages: [string, string, 'retired' | 'superseded', string, string][];
}

/**
 * Postings of one chunk. For each term, `p` is `[page delta, section, weight, …]` in the full-text
 * layer and `[page delta, weight, …]` in the titles layer, weights × 100. A term found in more
 * documents than the build's tier keeps only its strongest postings there; `r` then lists, by
 * page delta, the pages of its other postings, and `rw` their mean weight × 100.
 */
export interface ChunkFile {
  t: string[];
  /** Documents containing the term, all of them (for its idf). */
  df: number[];
  p: number[][];
  r?: Record<number, number[]>;
  rw?: Record<number, number>;
}

export interface VocabFile {
  t: string[];
}

/** `[folder index, file name, title, language index, tag indexes, draft (1/0)]`. */
export type PageRow = [number, string, string, number, number[], number];

export interface MetaFile {
  folders: string[];
  pages: PageRow[];
}

/** A page's description and section texts (`[heading id, heading text, text]`), as read from its HTML. */
export type PageTextFile = PageText;

export interface FilterFile {
  /** Page numbers, as deltas. */
  pages: number[];
}

export interface TagFilterFile {
  /** For each tag of the bucket, in order, its page numbers as deltas. */
  tags: number[][];
}

export type Layer = 'titles' | 'text';

export const layerFile = (layer: Layer, chunk: number) => `${layer === 'titles' ? 't' : 'x'}${chunk}.json`;
export const vocabFile = (block: number) => `v${block}.json`;
export const metaFile = (bucket: number) => `m${bucket}.json`;
export const langFile = (index: number) => `f-lang-${index}.json`;
export const tagFile = (bucket: number) => `f-tag-${bucket}.json`;

/** The chunk whose range holds `term`: the last whose first term is not after it (also for numbered runs, as of tags). */
export function chunkOf<T extends string | number>(firsts: readonly T[], term: T): number {
  let lo = 0;
  let hi = firsts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (firsts[mid]! <= term) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The chunks whose ranges can hold terms that begin with `prefix`. */
export function chunksOfPrefix(firsts: readonly string[], prefix: string): number[] {
  const first = chunkOf(firsts, prefix);
  const out = [first];
  for (let i = first + 1; i < firsts.length && firsts[i]!.startsWith(prefix); i++) out.push(i);
  return out;
}
