/**
 * The search engine, one for the browser (in a Web Worker) and for `npm run search`: it loads the
 * index files through whatever `load` it is given (fetch, or a file read), answers from the titles
 * index at once, and from the full text once the shards are in.
 *
 * Ranking: each word of the query is looked up as written (stemmed for English), as a prefix (the
 * last word, as the reader types it), without its Hebrew prefix letters, and with one typo allowed
 * in words of five letters or more. Pages that match every word come first (AND), then pages that
 * match some (OR), by how many words they match. A page's score adds its title/tags score to its best section's score (plus a
 * little for other matching sections); the words appearing together as a phrase in the title, a
 * heading or a snippet boost it further.
 */
import lunr from 'lunr';
import { analyzeQuery, isHebrew, words, type QueryTerm } from './analysis.ts';
import type { Manifest, ShardFile, TextRow, TitleRow, TitlesFile } from './build-index.ts';
import { SEARCH_FORMAT } from './build-index.ts';
import { expandIndex } from './compact.ts';

export type LoadJson = (file: string) => Promise<unknown>;

export interface SearchFilters {
  section?: string;
  tag?: string;
  lang?: string;
}

export interface SearchResult {
  slug: string;
  title: string;
  section: string;
  sectionTitle: string;
  lang: string;
  tags: string[];
  draft: boolean;
  score: number;
  /** How many of the query's words the page matched (pages matching more come first). */
  matched: number;
  /** True when every word of the query matched. */
  all: boolean;
  /** The best-matching section, when it is not the top of the page. */
  heading?: { id: string; text: string };
  snippet: string;
}

interface Shard {
  docs: TextRow[];
  index: lunr.Index;
}

const BOOST = { exact: 10, variant: 6, prefix: 3, fuzzy: 1 };

export class SearchEngine {
  readonly manifest: Manifest;
  readonly #pages: TitleRow[];
  readonly #titles: lunr.Index;
  readonly #shards = new Map<number, Shard>();
  readonly #load: LoadJson;

  private constructor(manifest: Manifest, titles: TitlesFile, load: LoadJson) {
    this.manifest = manifest;
    this.#pages = titles.pages;
    this.#titles = lunr.Index.load(expandIndex(titles.index));
    this.#load = load;
  }

  /** Loads the manifest and the titles index: enough for the first results. */
  static async open(load: LoadJson): Promise<SearchEngine> {
    const manifest = (await load('manifest.json')) as Manifest;
    if (manifest.format !== SEARCH_FORMAT) throw new Error(`search index format ${manifest.format} is not ${SEARCH_FORMAT}; rebuild the site`);
    const titles = (await load('titles.json')) as TitlesFile;
    return new SearchEngine(manifest, titles, load);
  }

  get fullTextLoaded(): boolean {
    return this.#shards.size === this.manifest.shards.length;
  }

  /** Loads the full-text shards (only the section's, when a section filter is set), in parallel. */
  async loadFullText(section?: string): Promise<void> {
    const wanted = this.manifest.shards.filter((s) => section === undefined || this.manifest.sections[s.section] === section);
    await Promise.all(
      wanted
        .filter((s) => !this.#shards.has(s.section))
        .map(async (s) => {
          const file = (await this.#load(s.file)) as ShardFile;
          this.#shards.set(s.section, { docs: file.docs, index: lunr.Index.load(expandIndex(file.index)) });
        }),
    );
  }

  search(query: string, filters: SearchFilters = {}, limit = 20): SearchResult[] {
    const all = analyzeQuery(query);
    const terms = all.some((t) => !t.stop) ? all.filter((t) => !t.stop) : all;
    if (terms.length === 0) return [];
    const allowed = this.#filter(filters);

    // Per page: the score of each query word, from the titles index and from each section.
    type Hit = { perTerm: number[]; sections: Map<number, { shard: number; doc: number; scores: number[] }> };
    const hits = new Map<number, Hit>();
    const hit = (page: number) => {
      let h = hits.get(page);
      if (!h) hits.set(page, (h = { perTerm: terms.map(() => 0), sections: new Map() }));
      return h;
    };
    terms.forEach((term, i) => {
      const last = i === terms.length - 1;
      for (const [ref, score] of termScores(this.#titles, term, last)) {
        const page = Number(ref);
        if (allowed(page)) hit(page).perTerm[i]! += score;
      }
      for (const [shardId, shard] of this.#shards) {
        for (const [ref, score] of termScores(shard.index, term, last)) {
          const doc = Number(ref);
          const page = shard.docs[doc]![0];
          if (!allowed(page)) continue;
          const h = hit(page);
          const key = shardId * 1e7 + doc;
          let section = h.sections.get(key);
          if (!section) h.sections.set(key, (section = { shard: shardId, doc, scores: terms.map(() => 0) }));
          section.scores[i]! += score;
        }
      }
    });

    const phrase = terms.length > 1 ? normalizedPhrase(query) : '';
    const results: SearchResult[] = [];
    for (const [pageIndex, h] of hits) {
      const row = this.#pages[pageIndex]!;
      const sections = [...h.sections.values()].map((s) => ({ ...s, total: s.scores.reduce((a, b) => a + b, 0) })).sort((a, b) => b.total - a.total);
      const best = sections[0];
      const matched = terms.map((_, i) => h.perTerm[i]! > 0 || sections.some((s) => s.scores[i]! > 0));
      let score = h.perTerm.reduce((a, b) => a + b, 0) + (best?.total ?? 0) + 0.25 * sections.slice(1).reduce((a, s) => a + s.total, 0);
      const doc = best ? this.#shards.get(best.shard)!.docs[best.doc]! : undefined;
      if (phrase) {
        if (normalizedPhrase(row[1]).includes(phrase)) score *= 1.5;
        else if (doc && (normalizedPhrase(doc[2]).includes(phrase) || normalizedPhrase(doc[3]).includes(phrase))) score *= 1.3;
      }
      results.push({
        slug: row[0],
        title: row[1],
        section: this.manifest.sections[row[2]]!,
        sectionTitle: this.manifest.sectionTitles[row[2]]!,
        lang: this.manifest.langs[row[3]]!,
        tags: row[4].map((t) => this.manifest.tags[t]!),
        draft: row[5] === 1,
        score,
        matched: matched.filter(Boolean).length,
        all: matched.every(Boolean),
        ...(doc && doc[1] ? { heading: { id: doc[1], text: doc[2] } } : {}),
        snippet: doc ? doc[3] : '',
      });
    }
    // AND before OR — more of the query's words first — then by score; ties by title for a stable order.
    results.sort((a, b) => b.matched - a.matched || b.score - a.score || a.title.localeCompare(b.title));
    // The reported score orders results as they are ranked: its whole part is the number of query
    // words matched, its fraction the score relative to the best page matching as many.
    const best = new Map<number, number>();
    for (const r of results) if (!best.has(r.matched)) best.set(r.matched, r.score || 1);
    for (const r of results) r.score = Math.round((r.matched - 1 + Math.max(0.001, r.score / best.get(r.matched)!)) * 1000) / 1000;
    return results.slice(0, limit);
  }

  #filter(filters: SearchFilters): (page: number) => boolean {
    const section = filters.section === undefined ? -1 : this.manifest.sections.indexOf(filters.section);
    const lang = filters.lang === undefined ? -1 : this.manifest.langs.indexOf(filters.lang);
    const tag = filters.tag === undefined ? -1 : this.manifest.tags.indexOf(filters.tag);
    if ((filters.section !== undefined && section === -1) || (filters.lang !== undefined && lang === -1) || (filters.tag !== undefined && tag === -1)) return () => false;
    return (page) => {
      const row = this.#pages[page]!;
      return (section === -1 || row[2] === section) && (lang === -1 || row[3] === lang) && (tag === -1 || row[4].includes(tag));
    };
  }
}

/** Scores of the documents matching one query word, by reference. */
function termScores(index: lunr.Index, term: QueryTerm, last: boolean): Map<string, number> {
  const scores = new Map<string, number>();
  const add = (results: lunr.Index.Result[], weight: number) => {
    for (const r of results) scores.set(r.ref, Math.max(scores.get(r.ref) ?? 0, r.score * weight));
  };
  const run = (build: (q: lunr.Query) => void) => index.query(build);
  add(run((q) => q.term(term.term, { usePipeline: false })), BOOST.exact);
  if (term.norm !== term.term) add(run((q) => q.term(term.norm, { usePipeline: false })), BOOST.exact);
  for (const variant of term.variants) add(run((q) => q.term(variant, { usePipeline: false })), BOOST.variant);
  // As you type: the last word is a prefix (Hebrew from two letters, other scripts from one).
  if (last && term.norm.length >= (isHebrew(term.norm) ? 2 : 1)) {
    const prefix = term.term.length < term.norm.length && term.norm.startsWith(term.term) ? term.term : term.norm;
    add(run((q) => q.term(prefix, { usePipeline: false, wildcard: lunr.Query.wildcard.TRAILING })), BOOST.prefix);
  }
  if (term.norm.length >= 5) {
    add(run((q) => q.term(term.term, { usePipeline: false, editDistance: term.norm.length >= 9 ? 2 : 1 })), BOOST.fuzzy);
  }
  return scores;
}

function normalizedPhrase(text: string): string {
  return words(text)
    .map((w) => w.norm)
    .join(' ');
}
