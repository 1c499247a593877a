/**
 * The weight of each term in each document: lunr's BM25 scoring — its k1 and b, its `lunr.idf`,
 * field boosts, three decimals — over our analysis (analysis.ts, lunr's stemmer and stop words),
 * with a term's weights in several fields of one document added, which is what lunr's scoring does
 * with them. tests/unit/search-index.test.ts checks the weights against lunr.Builder's own.
 *
 * lunr.Builder computes these weights by way of an object per term, field and document (two
 * million of them for a 5,000-page wiki, ~17 s with the garbage collection they cost) and a token
 * set for its query parser that we do not use; here the same numbers come from flat arrays in a
 * second or two. Documents come as word counts (page-terms.ts), which the build keeps per page,
 * their words numbered (word-table.ts).
 */
import { indexTermsOfNormal } from './analysis.ts';
import { countWords } from './page-terms.ts';
import { WordTable, type NumberedCounts } from './word-table.ts';

/** The postings of one term: documents in ascending order, and the term's weight in each. */
export interface TermPostings {
  docs: ArrayLike<number>;
  weights: ArrayLike<number>;
}

export interface WeightedIndex {
  /** Number of documents (0 … n-1, in the order given). */
  size: number;
  terms: Map<string, TermPostings>;
}

/** lunr.Builder's defaults. */
const K1 = 1.2;
const B = 0.75;

/** A growable Int32Array. */
class Ints {
  data = new Int32Array(1024);
  length = 0;
  push(value: number) {
    if (this.length === this.data.length) {
      const bigger = new Int32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }
}

/**
 * Weighted postings of documents given as field → text, with the field boosts given; `written` as
 * for `indexTermsOf`.
 */
export function weightedIndex(docs: Iterable<Record<string, string>>, fields: [string, number][], written?: ReadonlySet<string>): WeightedIndex {
  const table = new WordTable();
  return weightedCounts(
    (function* () {
      for (const doc of docs) yield fields.map(([name]) => table.counts(countWords(doc[name] ?? '')));
    })(),
    fields.map(([, boost]) => boost),
    table,
    written,
  );
}

/**
 * Weighted postings of documents given as the word counts of each field (page-terms.ts), their
 * words numbered in `table`, with the fields' boosts.
 */
export function weightedCounts(docs: Iterable<NumberedCounts[]>, boosts: number[], table: WordTable, written?: ReadonlySet<string>): WeightedIndex {
  const termIds = new Map<string, number>();
  const termNames: string[] = [];
  // Per term: its frequency in the field being counted, and how many documents have it.
  let tf = new Int32Array(1024);
  let documentsWithTerm = new Int32Array(1024);
  // Words repeat across a wiki far more than they vary: analyse each distinct word once.
  const analysed: (number[] | undefined)[] = [];
  const idsOf = (word: number) => {
    const ids = indexTermsOfNormal(table.words[word]!, written).map((name) => {
      let id = termIds.get(name);
      if (id === undefined) termIds.set(name, (id = termNames.push(name) - 1));
      return id;
    });
    if (termNames.length > tf.length) {
      const length = termNames.length * 2;
      const [moreTf, moreDocs] = [new Int32Array(length), new Int32Array(length)];
      moreTf.set(tf);
      moreDocs.set(documentsWithTerm);
      [tf, documentsWithTerm] = [moreTf, moreDocs];
    }
    return (analysed[word] = ids);
  };
  // One row per (document, field, term): term, document, field, frequency.
  const rowTerm = new Ints();
  const rowDoc = new Ints();
  const rowField = new Ints();
  const rowTf = new Ints();
  const fieldLengths = boosts.map(() => new Ints());
  const touched: number[] = [];
  let size = 0;
  for (const doc of docs) {
    for (let f = 0; f < boosts.length; f++) {
      let length = 0;
      const { w, n } = doc[f]!;
      for (let k = 0; k < w.length; k++) {
        const count = n[k]!;
        const ids = analysed[w[k]!] ?? idsOf(w[k]!);
        for (let j = 0; j < ids.length; j++) {
          const id = ids[j]!;
          if (tf[id] === 0) touched.push(id);
          tf[id]! += count;
          length += count;
        }
      }
      fieldLengths[f]!.push(length);
      for (let j = 0; j < touched.length; j++) {
        const id = touched[j]!;
        rowTerm.push(id);
        rowDoc.push(size);
        rowField.push(f);
        rowTf.push(tf[id]!);
        tf[id] = 0;
        documentsWithTerm[id]!++;
      }
      touched.length = 0;
    }
    size++;
  }

  const average = fieldLengths.map((lengths) => {
    let sum = 0;
    for (let i = 0; i < lengths.length; i++) sum += lengths.data[i]!;
    return sum / (size || 1);
  });
  const idf = termNames.map((_, id) => lunrIdf(documentsWithTerm[id]!, size));

  // Postings in compressed-row form: each term's rows, in document order (as they were added).
  const start = new Int32Array(termNames.length + 1);
  for (let r = 0; r < rowTerm.length; r++) start[rowTerm.data[r]! + 1]!++;
  for (let t = 0; t < termNames.length; t++) start[t + 1]! += start[t]!;
  const fill = start.slice(0, termNames.length);
  const postDocs = new Int32Array(rowTerm.length);
  const postWeights = new Float64Array(rowTerm.length);
  for (let r = 0; r < rowTerm.length; r++) {
    const t = rowTerm.data[r]!;
    const doc = rowDoc.data[r]!;
    const f = rowField.data[r]!;
    const tf = rowTf.data[r]!;
    const length = fieldLengths[f]!.data[doc]!;
    const score = (idf[t]! * ((K1 + 1) * tf)) / (K1 * (1 - B + B * (length / average[f]!)) + tf);
    const weight = Math.round(score * boosts[f]! * 1000) / 1000;
    const at = fill[t]!;
    // The same document in another field: the weights add up.
    if (at > start[t]! && postDocs[at - 1] === doc) postWeights[at - 1]! += weight;
    else {
      postDocs[at] = doc;
      postWeights[at] = weight;
      fill[t]!++;
    }
  }
  const terms = new Map<string, TermPostings>();
  termNames.forEach((name, t) => terms.set(name, { docs: postDocs.subarray(start[t]!, fill[t]!), weights: postWeights.subarray(start[t]!, fill[t]!) }));
  return { size, terms };
}

/** lunr.idf, over the count it takes from a posting: the documents with the term, counted once per field. */
function lunrIdf(documentsWithTerm: number, documentCount: number): number {
  const x = (documentCount - documentsWithTerm + 0.5) / (documentsWithTerm + 0.5);
  return Math.log(1 + Math.abs(x));
}
