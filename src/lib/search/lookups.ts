/**
 * How each word of a query is looked up, in each layer, as concrete terms with a boost: as written
 * (the English stem, the Hebrew normal form), without its Hebrew prefix letters, through the
 * organization's synonyms, by its Hebrew common form, as a prefix (the word being typed), and — for
 * a longer word found nowhere as typed — with a typo. A weaker kind of match has a lower boost, so
 * that an exact match ranks above a stemmed one.
 *
 * Only the chunks those terms live in are loaded: a prefix only when its completions span at most
 * two chunks (a shorter prefix waits for the next letter), a typo only among the terms that share
 * its first two letters (in either order) — a transposition or a dropped letter further on still
 * finds the word.
 */
import { analyzeQuery, STEM_MARK, type QueryTerm } from './analysis.ts';
import type { Layer } from './format.ts';
import type { IndexStore } from './store.ts';

export const BOOST = { exact: 10, variant: 6, synonym: 5, stem: 4, prefix: 3, fuzzy: 2 };
const MAX_PREFIX_CHUNKS = 2;
const MAX_TYPO_CANDIDATES = 6;

export interface Lookup {
  term: string;
  boost: number;
}

/** For each word of the query, its lookups in each layer. */
export type Plan = Record<Layer, Lookup[]>[];

/** Synonyms by the terms of their words: term → the other words' terms (and Hebrew common forms). */
export type SynonymTable = Map<string, string[]>;

export function synonymTable(groups: string[][]): SynonymTable {
  const table: SynonymTable = new Map();
  for (const group of groups) {
    // One word per entry: a phrase is not a word of the query.
    const keys = group.map((entry) => analyzeQuery(entry)).filter((terms) => terms.length === 1).map(([t]) => t!);
    // An entry stands for its word and the word's own common form (not those of its prefix
    // variants: מנהל is not מ + נהל here).
    const formsOf = (k: QueryTerm) => [k.term, ...k.stems.slice(0, 1)];
    for (const key of keys) {
      const others = keys.filter((k) => k.term !== key.term).flatMap(formsOf);
      for (const form of formsOf(key)) table.set(form, [...new Set([...(table.get(form) ?? []), ...others])]);
    }
  }
  return table;
}

function add(out: Lookup[], term: string, boost: number) {
  const existing = out.find((l) => l.term === term);
  if (!existing) out.push({ term, boost });
  else existing.boost = Math.max(existing.boost, boost);
}

function exactLookups(term: QueryTerm, synonyms: SynonymTable): Lookup[] {
  const out: Lookup[] = [];
  add(out, term.term, BOOST.exact);
  if (term.norm !== term.term) add(out, term.norm, BOOST.exact);
  for (const variant of term.variants) add(out, variant, BOOST.variant);
  for (const key of [term.term, ...term.variants, ...term.stems.slice(0, 1)]) {
    for (const synonym of synonyms.get(key) ?? []) add(out, synonym, synonym.startsWith(STEM_MARK) ? BOOST.prefix : BOOST.synonym);
  }
  for (const stem of term.stems) add(out, stem, BOOST.stem);
  return out;
}

/** Restricted Damerau–Levenshtein distance (a transposition counts once), or `max + 1` beyond `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let previous2: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, previous2[j - 2]! + 1);
      row.push(d);
      best = Math.min(best, d);
    }
    if (best > max) return max + 1;
    previous2 = previous;
    previous = row;
  }
  return previous[b.length]!;
}

/**
 * Terms of the vocabulary within the word's typo distance, closest first: the stem as typed against
 * the stems of the index, or the beginning of the word as typed against a stem (so that a typo
 * before an ending, phsihing for phishing, or a dropped letter, vacaton, still meets its stem).
 */
async function typoCandidates(store: IndexStore, word: QueryTerm): Promise<string[]> {
  const { term, norm } = word;
  const max = term.length >= 9 ? 2 : 1;
  const starts = [...new Set([norm.slice(0, 2), norm[1]! + norm[0]!])];
  const vocabulary = (await Promise.all(starts.map((s) => store.vocabulary(s)))).flat();
  const scored = vocabulary
    .filter((t) => !t.startsWith(STEM_MARK) && t !== term)
    .map((t) => {
      const stemmed = editDistance(term, t, max);
      // The beginning of a word against a stem: one typo at most (a stem is short; two would match anything).
      const begins = t.length >= 4 && norm.length > t.length && norm.length - t.length <= 4 ? editDistance(norm.slice(0, t.length), t, 1) : max + 1;
      return { t, d: Math.min(stemmed, begins) };
    })
    .filter((c) => c.d <= max);
  const closest = Math.min(...scored.map((c) => c.d));
  return scored.filter((c) => c.d === closest).slice(0, MAX_TYPO_CANDIDATES).map((c) => c.t);
}

/**
 * The lookups of every word, with the chunks they need loaded. `fullText` false: the titles layer
 * only, and no typos (the quick answer while the reader types).
 */
export async function plan(store: IndexStore, terms: QueryTerm[], synonyms: SynonymTable, fullText: boolean): Promise<Plan> {
  const layers: Layer[] = fullText ? ['titles', 'text'] : ['titles'];
  const out: Plan = terms.map((term) => {
    const exact = exactLookups(term, synonyms);
    return { titles: exact, text: exact.map((l) => ({ ...l })) };
  });
  const last = terms.length - 1;
  const wanted = (layer: Layer) => out.flatMap((word) => word[layer].map((l) => l.term));
  await Promise.all([
    ...layers.map((layer) => store.loadTerms(layer, wanted(layer))),
    // As you type, the last word is a prefix: in titles from the first letter, in the full text from
    // the third (a shorter prefix there matches much of the vocabulary and says little).
    ...layers.map(async (layer) => {
      const term = terms[last]!;
      if (term.norm.length < (layer === 'titles' ? 1 : 3)) return;
      const prefix = term.term.length < term.norm.length && term.norm.startsWith(term.term) ? term.term : term.norm;
      for (const completion of (await store.completions(layer, prefix, MAX_PREFIX_CHUNKS)) ?? []) add(out[last]![layer], completion, BOOST.prefix);
    }),
  ]);
  if (!fullText) return out;

  const known = (t: string) => layers.some((layer) => store.entry(layer, t) !== undefined);
  await Promise.all(
    terms.map(async (term, i) => {
      // A typo is only assumed for longer words that appear nowhere in the index as typed (nor, for
      // the word being typed, as the beginning of a word).
      if (term.norm.length < 5 || [term.term, ...term.variants, ...term.stems].some(known)) return;
      if (i === last && out[i]!.text.some((l) => l.boost === BOOST.prefix)) return;
      const candidates = await typoCandidates(store, term);
      await Promise.all(layers.map((layer) => store.loadTerms(layer, candidates)));
      for (const layer of layers) for (const c of candidates) add(out[i]![layer], c, BOOST.fuzzy);
    }),
  );
  return out;
}
