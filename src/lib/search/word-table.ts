/**
 * The words of a wiki by number, for the index build (weights.ts): a page's counted words
 * (page-terms.ts) become numbers once, and the build then looks each occurrence up in an array, not
 * in a map of strings. Numbering every page of a 5,000-page wiki costs most of a second, so the
 * search-index worker numbers the words the render cache holds while it waits for its job
 * (search-index-worker.ts), and the job itself numbers only the pages rendered since.
 */
import type { PageTerms, WordCounts } from './page-terms.ts';

/** A field's words by number (in `words` of its table) and how often each occurs. */
export interface NumberedCounts {
  w: number[];
  n: number[];
}

/** A page's terms (page-terms.ts `PageTerms`) with their words numbered in `table`. */
export interface NumberedTerms {
  table: WordTable;
  s: NumberedCounts[][];
}

export class WordTable {
  /** Each word, at its number. */
  readonly words: string[] = [];
  readonly #ids = new Map<string, number>();

  id(word: string): number {
    let id = this.#ids.get(word);
    if (id === undefined) this.#ids.set(word, (id = this.words.push(word) - 1));
    return id;
  }

  counts(counts: WordCounts): NumberedCounts {
    const w = new Array<number>(counts.w.length);
    for (let i = 0; i < w.length; i++) w[i] = this.id(counts.w[i]!);
    return { w, n: counts.n };
  }

  /** A page's terms numbered in this table (as they are, when they already are). */
  terms(terms: PageTerms | NumberedTerms): NumberedTerms {
    if ('table' in terms && terms.table === this) return terms;
    const strings = 'table' in terms ? terms.s.map((fields) => fields.map((f) => ({ w: f.w.map((id) => terms.table.words[id]!), n: f.n }))) : terms.s;
    return { table: this, s: strings.map((fields) => fields.map((f) => this.counts(f))) };
  }
}
