/**
 * The search index as it travels and is queried: lunr builds it (our analysis pipeline, BM25
 * weights with field boosts), and it ships as weighted postings — for each term, the documents
 * that contain it with lunr's own weight. That is the information of lunr's field vectors,
 * inverted, so it is stored once instead of twice (lunr's JSON keeps both postings and vectors)
 * and can be scored by walking postings: a word found in 36,000 sections is scored in a few
 * milliseconds instead of the ~60 ms lunr spends building a match object per document.
 *
 * lunr's TokenSet still expands prefix and typo queries against the vocabulary.
 */
import lunr from 'lunr';

/** lunr's TokenSet, as far as we use it (its static constructors are missing from @types/lunr). */
interface TokenSet {
  intersect(other: TokenSet): TokenSet;
  toArray(): string[];
}
const TokenSets = lunr.TokenSet as unknown as {
  fromArray(sortedTerms: string[]): TokenSet;
  fromString(pattern: string): TokenSet;
  fromFuzzyString(term: string, editDistance: number): TokenSet;
};

type SerializedIndex = {
  fields: string[];
  fieldVectors: [string, number[]][];
  invertedIndex: [string, { _index: number }][];
};

export interface CompactIndex {
  /** Number of documents; references are 0 … n-1. */
  n: number;
  /** Terms, sorted. */
  t: string[];
  /**
   * Postings, one per term: `[doc delta, weight × 1000, …]` over all fields (a term's weights in
   * several fields of one document are added, which is what lunr's scoring does with them).
   */
  p: number[][];
}

/** Turns a built lunr index (references "0" … "n-1") into weighted postings. */
export function compactIndex(index: lunr.Index): CompactIndex {
  const json = index.toJSON() as unknown as SerializedIndex;
  const terms = json.invertedIndex.map(([term]) => term);
  const position = new Map<number, number>();
  json.invertedIndex.forEach(([, posting], i) => position.set(posting._index, i));
  const perTerm: Map<number, number>[] = terms.map(() => new Map());
  let n = 0;
  for (const [fieldRef, elements] of json.fieldVectors) {
    const ref = Number(fieldRef.slice(fieldRef.indexOf('/') + 1));
    n = Math.max(n, ref + 1);
    for (let i = 0; i < elements.length; i += 2) {
      const postings = perTerm[position.get(elements[i]!)!]!;
      postings.set(ref, (postings.get(ref) ?? 0) + Math.round(elements[i + 1]! * 1000));
    }
  }
  const p = perTerm.map((postings) => {
    const out: number[] = [];
    let previous = 0;
    for (const ref of [...postings.keys()].sort((a, b) => a - b)) {
      out.push(ref - previous, postings.get(ref)!);
      previous = ref;
    }
    return out;
  });
  return { n, t: terms, p };
}

/** Options for looking up one term. */
export interface Lookup {
  term: string;
  boost: number;
  wildcard?: boolean;
  editDistance?: number;
}

/** A loaded index: term lookup (exact, prefix, typo) and scoring over weighted postings. */
export class PostingsIndex {
  readonly size: number;
  readonly #terms: string[];
  readonly #ids: Map<string, number>;
  readonly #postings: number[][];
  #tokenSet: TokenSet | undefined;

  constructor(compact: CompactIndex) {
    this.size = compact.n;
    this.#terms = compact.t;
    this.#ids = new Map(compact.t.map((t, i) => [t, i]));
    this.#postings = compact.p;
  }

  has(term: string): boolean {
    return this.#ids.has(term);
  }

  /** How many documents contain the term as written. */
  documentFrequency(term: string): number {
    const id = this.#ids.get(term);
    return id === undefined ? 0 : this.#postings[id]!.length / 2;
  }

  /** The vocabulary's terms a lookup matches (prefix and typo lookups through lunr's TokenSet). */
  expand(lookup: Lookup): number[] {
    if (!lookup.wildcard && !lookup.editDistance) {
      const id = this.#ids.get(lookup.term);
      return id === undefined ? [] : [id];
    }
    this.#tokenSet ??= TokenSets.fromArray(this.#terms);
    // As lunr's own query does: the vocabulary intersected with the pattern, not the other way round.
    const pattern = lookup.editDistance ? TokenSets.fromFuzzyString(lookup.term, lookup.editDistance) : TokenSets.fromString(`${lookup.term}*`);
    return this.#tokenSet
      .intersect(pattern)
      .toArray()
      .map((t) => this.#ids.get(t))
      .filter((id): id is number => id !== undefined);
  }

  /**
   * Scores documents for one query word given as several lookups (exact, variants, prefix, typo):
   * each matching term counts once, with the largest boost of the lookups that found it, and the
   * result is normalized by the query's magnitude, as lunr's cosine scoring does. `add(doc, score)`
   * is called for every posting (a document containing several matching terms is called for each).
   */
  score(lookups: Lookup[], add: (doc: number, score: number) => void): void {
    const boosts = new Map<number, number>();
    for (const lookup of lookups) {
      for (const id of this.expand(lookup)) boosts.set(id, Math.max(boosts.get(id) ?? 0, lookup.boost));
    }
    if (boosts.size === 0) return;
    let magnitude = 0;
    for (const boost of boosts.values()) magnitude += boost * boost;
    const norm = 1 / Math.sqrt(magnitude) / 1000;
    for (const [id, boost] of boosts) {
      const postings = this.#postings[id]!;
      const factor = boost * norm;
      let doc = 0;
      for (let i = 0; i < postings.length; i += 2) {
        doc += postings[i]!;
        add(doc, postings[i + 1]! * factor);
      }
    }
  }
}
