/**
 * Scores pages from the postings of a query's lookups (lookups.ts), as lunr's cosine scoring over
 * BM25 weights does, walking postings instead of building a match object per document.
 *
 * A page's score adds its title/tags score to its best section's score, plus a quarter of what its
 * other sections add. Pages with every word come first (AND), then pages with some (OR); for
 * queries of four or more words, "every word" means words carrying three quarters of the query's
 * information (by idf), so filler words do not hide the right page while a missing rare word still
 * does. Among the pages with every word, those whose title has every word come first: a page
 * called "Annual leave" before a page that has "leave" in a heading. Within each group the score
 * is multiplied by the square of the share of words matched (Lucene's coordination factor, squared).
 */
import type { Plan } from './lookups.ts';
import type { IndexStore, TermEntry } from './store.ts';
import type { Layer } from './format.ts';

export interface Candidate {
  page: number;
  /** The best-matching section of the page, or -1 (title match only). */
  section: number;
  score: number;
  matched: number;
  all: boolean;
  titleAll: boolean;
}

export interface Ranking {
  /** In no particular order (see `order` and `top`). */
  candidates: Candidate[];
  /** Every term that found something, for marking matches in what the reader sees. */
  found: Set<string>;
  /** idf of each word of the query, over the sections of the wiki. */
  idf: number[];
}

/** Section keys: page × 1024 + section (a page's sections beyond 1023 share the last key). */
const sectionKey = (page: number, section: number) => page * 1024 + Math.min(section, 1023);

/**
 * Calls `add(page, section, weight)` for each posting of one word's lookups in a layer, normalized
 * by the lookups' magnitude; pages listed beyond a common term's strongest postings come with
 * section -1 and the mean weight of those postings.
 */
function walk(store: IndexStore, layer: Layer, lookups: Plan[number][Layer], add: (page: number, section: number, weight: number) => void): void {
  const found: [TermEntry, number][] = [];
  let magnitude = 0;
  for (const { term, boost } of lookups) {
    const entry = store.entry(layer, term);
    if (!entry) continue;
    found.push([entry, boost]);
    magnitude += boost * boost;
  }
  if (magnitude === 0) return;
  const norm = 1 / Math.sqrt(magnitude) / 100;
  const step = layer === 'text' ? 3 : 2;
  for (const [entry, boost] of found) {
    const factor = boost * norm;
    const p = entry.postings;
    let page = 0;
    for (let i = 0; i < p.length; i += step) {
      page += p[i]!;
      add(page, step === 3 ? p[i + 1]! : -1, p[i + step - 1]! * factor);
    }
    if (entry.rest) {
      page = 0;
      for (const delta of entry.rest) add((page += delta), -1, entry.restWeight! * factor);
    }
  }
}

function bits(mask: number): number {
  let n = 0;
  for (let m = mask; m; m &= m - 1) n++;
  return n;
}

export function rank(store: IndexStore, plan: Plan, allowed: (page: number) => boolean): Ranking {
  const words = plan.length;
  const full = (1 << words) - 1;
  const pages = store.manifest.pages;
  // Flat arrays, not objects: a common word can reach every page of the wiki.
  const titleScore = new Float64Array(pages);
  const titleBits = new Int32Array(pages);
  const matchedBits = new Int32Array(pages);
  /** What common-word tails add, at half weight: their section is unknown. */
  const extra = new Float64Array(pages);
  const touched: number[] = [];
  const sectionScore = new Map<number, number>();
  const found = new Set<string>();

  plan.forEach((word, i) => {
    const bit = 1 << i;
    for (const l of word.titles) if (store.entry('titles', l.term)) found.add(l.term);
    for (const l of word.text) if (store.entry('text', l.term)) found.add(l.term);
    walk(store, 'titles', word.titles, (page, _section, weight) => {
      if (!allowed(page)) return;
      if (matchedBits[page] === 0) touched.push(page);
      titleScore[page]! += weight;
      titleBits[page]! |= bit;
      matchedBits[page]! |= bit;
    });
    walk(store, 'text', word.text, (page, section, weight) => {
      if (!allowed(page)) return;
      if (matchedBits[page] === 0) touched.push(page);
      if (section === -1) extra[page]! += weight / 2;
      else {
        const key = sectionKey(page, section);
        sectionScore.set(key, (sectionScore.get(key) ?? 0) + weight);
      }
      matchedBits[page]! |= bit;
    });
  });

  // Each page's best section, and what its other sections add.
  const best = new Map<number, { section: number; score: number; sum: number }>();
  for (const [key, score] of sectionScore) {
    const page = Math.floor(key / 1024);
    const b = best.get(page);
    if (!b) best.set(page, { section: key % 1024, score, sum: score });
    else {
      b.sum += score;
      if (score > b.score) Object.assign(b, { section: key % 1024, score });
    }
  }

  // How much each word says: its inverse document frequency over the wiki's sections (BM25's idf).
  const totalDocs = store.manifest.docs;
  const idf = plan.map((word) => {
    const df = Math.max(0, ...word.text.filter((l) => l.boost >= 6).map((l) => store.entry('text', l.term)?.df ?? 0));
    return Math.log(1 + (totalDocs - df + 0.5) / (df + 0.5));
  });
  const idfTotal = idf.reduce((a, b) => a + b, 0) || 1;
  const coverage = (mask: number) => idf.reduce((sum, w, i) => sum + (mask & (1 << i) ? w : 0), 0) / idfTotal;

  const candidates: Candidate[] = touched.map((page) => {
    const b = best.get(page);
    const mask = matchedBits[page]!;
    const matched = bits(mask);
    const all = words <= 3 ? mask === full : coverage(mask) >= 0.75;
    const coordination = (matched / words) ** 2;
    const score = (titleScore[page]! + (b ? b.score + 0.25 * (b.sum - b.score) : 0) + extra[page]!) * coordination;
    return { page, section: b?.section ?? -1, score, matched, all, titleAll: titleBits[page] === full };
  });
  return { candidates, found, idf };
}

export function order(a: Candidate, b: Candidate): number {
  return Number(b.all) - Number(a.all) || Number(b.all && b.titleAll) - Number(a.all && a.titleAll) || b.score - a.score;
}

/** The first `n` candidates in `order`, without sorting them all. */
export function top(candidates: Candidate[], n: number): Candidate[] {
  const out: Candidate[] = [];
  for (const c of candidates) {
    if (out.length === n && order(c, out[n - 1]!) >= 0) continue;
    let i = Math.min(out.length, n - 1);
    while (i > 0 && order(c, out[i - 1]!) < 0) i--;
    out.splice(i, 0, c);
    if (out.length > n) out.pop();
  }
  return out;
}
