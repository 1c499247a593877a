/**
 * Cuts a layer's weighted postings into chunks of sorted term ranges (format.ts), small enough that
 * a query fetches little beyond the postings of its own words.
 *
 * A word found in very many documents is tiered: its strongest `tier` postings travel with the
 * term, exact; its other pages only as a list, scored at the mean weight of those postings. A page
 * outside the strongest postings of a common word still counts as containing it, so "all words"
 * stays exact, while the bytes of a query no longer grow with the size of the wiki.
 */
import type { ChunkFile, VocabFile } from './format.ts';
import type { TermPostings, WeightedIndex } from './weights.ts';

export interface PartitionOptions {
  /** Where each document belongs: its page, and (full text) its section within the page. */
  pageOf: (doc: number) => number;
  sectionOf?: (doc: number) => number;
  /** Target size of a chunk, in characters of JSON. */
  chunkChars: number;
  /** Postings kept per term before the rest is listed by page only. */
  tier: number;
}

const weight = (w: number) => Math.max(1, Math.round(w * 100));

/** One term's entry: its postings (tiered if long) and how many characters it takes. */
function entry(postings: TermPostings, options: PartitionOptions) {
  const { docs, weights } = postings;
  const n = docs.length;
  // The postings kept, by index into `docs` (all of them, in order, unless the term is tiered).
  let kept: number[] | undefined;
  let rest: number[] | undefined;
  let restWeight = 0;
  if (n > options.tier) {
    // The strongest `tier` postings (equal weights: the earlier document first), without sorting
    // them all: the weight of the tier-th strongest, then one pass in document order.
    const threshold = Float64Array.from(weights).sort()[n - options.tier]!;
    let ties = options.tier;
    for (let i = 0; i < n; i++) if (weights[i]! > threshold) ties--;
    kept = [];
    const others: number[] = [];
    for (let i = 0; i < n; i++) {
      const w = weights[i]!;
      if (w > threshold || (w === threshold && ties-- > 0)) kept.push(i);
      else others.push(i);
    }
    for (const i of others) restWeight += weights[i]!;
    restWeight /= others.length;
    const pages = [...new Set(others.map((i) => options.pageOf(docs[i]!)))].sort((a, b) => a - b);
    rest = pages.map((page, i) => page - (i ? pages[i - 1]! : 0));
  }
  const count = kept ? kept.length : n;
  const { pageOf, sectionOf } = options;
  const p: number[] = new Array<number>(count * (sectionOf ? 3 : 2));
  let previous = 0;
  let at = 0;
  for (let k = 0; k < count; k++) {
    const i = kept ? kept[k]! : k;
    const doc = docs[i]!;
    const page = pageOf(doc);
    p[at++] = page - previous;
    if (sectionOf) p[at++] = sectionOf(doc);
    p[at++] = weight(weights[i]!);
    previous = page;
  }
  // About as many characters as the JSON will take: small deltas, three- or four-digit weights.
  const chars = count * (options.sectionOf ? 10 : 7) + (rest ? rest.length * 3 + 12 : 0);
  return { df: n, p, rest, restWeight: rest ? weight(restWeight) : 0, chars };
}

/** The chunk files of a layer (in order), the first term of each, and all its terms in order. */
export function partition(index: WeightedIndex, options: PartitionOptions): { chunks: ChunkFile[]; firsts: string[]; terms: string[] } {
  const terms = [...index.terms.keys()].sort();
  const chunks: ChunkFile[] = [];
  const firsts: string[] = [];
  let current: ChunkFile | undefined;
  let chars = 0;
  for (const term of terms) {
    const e = entry(index.terms.get(term)!, options);
    if (!current || chars + e.chars + term.length > options.chunkChars) {
      current = { t: [], df: [], p: [] };
      chunks.push(current);
      firsts.push(term);
      chars = 0;
    }
    const at = current.t.length;
    current.t.push(term);
    current.df.push(e.df);
    current.p.push(e.p);
    if (e.rest) {
      (current.r ??= {})[at] = e.rest;
      (current.rw ??= {})[at] = e.restWeight;
    }
    chars += e.chars + term.length + 4;
  }
  // An empty layer still has one (empty) chunk, so that every lookup has a chunk to ask.
  if (chunks.length === 0) {
    chunks.push({ t: [], df: [], p: [] });
    firsts.push('');
  }
  firsts[0] = '';
  return { chunks, firsts, terms };
}

/** The terms of both (sorted) lists, sorted, each once: the vocabulary of the two layers, without sorting it again. */
export function sortedUnion(a: readonly string[], b: readonly string[]): string[] {
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const next = j >= b.length || (i < a.length && a[i]! <= b[j]!) ? a[i++]! : b[j++]!;
    if (out.length === 0 || out[out.length - 1] !== next) out.push(next);
  }
  return out;
}

/** The vocabulary (sorted, each term once: `sortedUnion`) in blocks of `size` terms, and the first term of each. */
export function vocabularyBlocks(sorted: readonly string[], size: number): { blocks: VocabFile[]; firsts: string[] } {
  const blocks: VocabFile[] = [];
  const firsts: string[] = [];
  for (let i = 0; i < sorted.length; i += size) {
    blocks.push({ t: sorted.slice(i, i + size) });
    firsts.push(i === 0 ? '' : sorted[i]!);
  }
  if (blocks.length === 0) {
    blocks.push({ t: [] });
    firsts.push('');
  }
  return { blocks, firsts };
}
