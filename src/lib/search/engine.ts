/**
 * The search engine, one for the browser (in a Web Worker) and for `npm run search`: it loads the
 * index files through whatever `load` it is given (fetch, or a file read), answers from the titles
 * index at once, and from the full text once the shards are in.
 *
 * Ranking: each word of the query is looked up as written (stemmed for English), as a prefix (the
 * last word, as the reader types it), without its Hebrew prefix letters, and with one typo allowed
 * in words of five letters or more. Pages with every word come first (AND), then pages with some
 * (OR); see `search` for how long queries are treated. A page's score adds its title/tags score to
 * its best section's score (plus a little for other matching sections); the words together as a
 * phrase in the title, a heading or a snippet boost it further.
 */
import { analyzeQuery, words, type QueryTerm } from './analysis.ts';
import type { Manifest, ShardFile, TextRow, TitleRow, TitlesFile } from './build-index.ts';
import { SEARCH_FORMAT } from './build-index.ts';
import { PostingsIndex, type Lookup } from './compact.ts';

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
  /** How many of the query's words the page matched. */
  matched: number;
  /** True when the page matched all of the query (of a long query, its informative words). */
  all: boolean;
  /** The best-matching section, when it is not the top of the page. */
  heading?: { id: string; text: string };
  snippet: string;
}

/** A page as the engine keeps it, from its row in titles.json. */
interface PageInfo {
  slug: string;
  title: string;
  section: number;
  lang: number;
  tags: number[];
  draft: boolean;
}

interface Shard {
  docs: TextRow[];
  index: PostingsIndex;
}

const BOOST = { exact: 10, variant: 6, prefix: 3, fuzzy: 2 };

export class SearchEngine {
  readonly manifest: Manifest;
  readonly #pages: PageInfo[];
  readonly #titles: PostingsIndex;
  readonly #shards = new Map<number, Shard>();
  readonly #load: LoadJson;

  private constructor(manifest: Manifest, titles: TitlesFile, load: LoadJson) {
    this.manifest = manifest;
    const sectionIndex = new Map(manifest.sections.map((section, i) => [section, i]));
    this.#pages = titles.pages.map(([folder, name, title, lang, tags, draft]: TitleRow) => {
      const slug = titles.folders[folder] ? `${titles.folders[folder]}/${name}` : name;
      return { slug, title, section: sectionIndex.get(slug.split('/')[0]!) ?? -1, lang, tags, draft: draft === 1 };
    });
    this.#titles = new PostingsIndex(titles.index);
    this.#load = load;
  }

  /** Loads the manifest and the titles index: enough for the first results. */
  static async open(load: LoadJson): Promise<SearchEngine> {
    // Both at once: the first results wait for one round trip, not two.
    const [manifest, titles] = (await Promise.all([load('manifest.json'), load('titles.json')])) as [Manifest, TitlesFile];
    if (manifest.format !== SEARCH_FORMAT) throw new Error(`search index format ${manifest.format} is not ${SEARCH_FORMAT}; rebuild the site`);
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
          this.#shards.set(s.section, { docs: file.docs, index: new PostingsIndex(file.index) });
        }),
    );
  }

  search(query: string, filters: SearchFilters = {}, limit = 20): SearchResult[] {
    const all = analyzeQuery(query);
    // Stop words only count when the query has nothing else; at most 16 words are looked up.
    const terms = (all.some((t) => !t.stop) ? all.filter((t) => !t.stop) : all).slice(-16);
    if (terms.length === 0) return [];
    const allowed = this.#filter(filters);
    const pageCount = this.#pages.length;
    const shards = [...this.#shards].map(([id, shard]) => ({ id, ...shard, offset: 0 }));
    let totalDocs = 0;
    for (const shard of shards) {
      shard.offset = totalDocs;
      totalDocs += shard.docs.length;
    }

    // Scores live in flat arrays, not objects: a common word can hit every section of the wiki.
    const titleScore = new Float64Array(pageCount);
    const matchedTerms = new Uint32Array(pageCount);
    const sectionScore = new Float64Array(totalDocs);
    const touchedSections: number[] = [];
    const touchedPages: number[] = [];
    const touch = (page: number, bit: number) => {
      if (matchedTerms[page] === 0) touchedPages.push(page);
      matchedTerms[page]! |= bit;
    };
    const known = (t: string) => this.#titles.has(t) || shards.some((s) => s.index.has(t));
    terms.forEach((term, i) => {
      const bit = 1 << i;
      const last = i === terms.length - 1;
      this.#titles.score(lookups(term, last, known, false), (page, score) => {
        if (!allowed(page)) return;
        titleScore[page]! += score;
        touch(page, bit);
      });
      const query = lookups(term, last, known, true);
      for (const shard of shards) {
        shard.index.score(query, (doc, score) => {
          const page = shard.docs[doc]![0];
          if (!allowed(page)) return;
          const g = shard.offset + doc;
          if (sectionScore[g] === 0) touchedSections.push(g);
          sectionScore[g]! += score;
          touch(page, bit);
        });
      }
    });

    // Each page's best section, and what its other sections add.
    const bestSection = new Int32Array(pageCount).fill(-1);
    const sectionSum = new Float64Array(pageCount);
    const docAt = (g: number): TextRow => {
      let k = shards.length - 1;
      while (shards[k]!.offset > g) k--;
      return shards[k]!.docs[g - shards[k]!.offset]!;
    };
    for (const g of touchedSections) {
      const page = docAt(g)[0];
      sectionSum[page]! += sectionScore[g]!;
      if (bestSection[page] === -1 || sectionScore[g]! > sectionScore[bestSection[page]!]!) bestSection[page] = g;
    }
    const count = (mask: number) => {
      let n = 0;
      for (let m = mask; m; m &= m - 1) n++;
      return n;
    };
    // How much each word says: its inverse document frequency over the wiki's sections (BM25's idf).
    const idf = terms.map((t) => {
      const df = shards.reduce((sum, s) => sum + Math.max(s.index.documentFrequency(t.term), ...t.variants.map((v) => s.index.documentFrequency(v))), 0);
      return Math.log(1 + (totalDocs - df + 0.5) / (df + 0.5));
    });
    const idfTotal = idf.reduce((a, b) => a + b, 0) || 1;
    const coverage = (mask: number) => idf.reduce((sum, w, i) => sum + (mask & (1 << i) ? w : 0), 0) / idfTotal;
    // AND, then OR. A page matches "all" of a query of up to three words when it has every word; of
    // a longer query, when it has words carrying three quarters of the query's information, so that
    // filler words ("mandatory trainings not showing up in olu") do not hide the right page while a
    // missing rare word (a product name) still does. Pages matching all come first; within each
    // group the score is multiplied by the square of the share of words matched (Lucene's
    // coordination factor, squared).
    const ranked = touchedPages.map((page) => {
      const best = bestSection[page]!;
      const bestScore = best === -1 ? 0 : sectionScore[best]!;
      const matched = count(matchedTerms[page]!);
      const all = terms.length <= 3 ? matched === terms.length : coverage(matchedTerms[page]!) >= 0.75;
      const coordination = (matched / terms.length) ** 2;
      return { page, matched, all, score: (titleScore[page]! + bestScore + 0.25 * (sectionSum[page]! - bestScore)) * coordination };
    });
    const order = (a: { all: boolean; score: number }, b: { all: boolean; score: number }) => Number(b.all) - Number(a.all) || b.score - a.score;
    ranked.sort(order);

    // The query's words together, as a phrase, in the title (×1.5) or in the best section's heading or
    // snippet (×1.3). Only the leading candidates are looked at: a boost cannot lift the rest past them.
    const candidates = ranked.slice(0, Math.max(limit * 4, 50));
    const phrase = terms.length > 1 ? normalizedPhrase(query) : '';
    if (phrase) {
      for (const c of candidates) {
        const best = bestSection[c.page]!;
        const doc = best === -1 ? undefined : docAt(best);
        if (normalizedPhrase(this.#pages[c.page]!.title).includes(phrase)) c.score *= 1.5;
        else if (doc && (normalizedPhrase(doc[2]).includes(phrase) || normalizedPhrase(doc[3]).includes(phrase))) c.score *= 1.3;
      }
      candidates.sort(order);
    }

    // The reported score orders results as they are ranked: 1 + a fraction for pages matching all of
    // the query, a fraction for the others; the fraction is the score relative to the best of its group.
    const topOf = new Map<boolean, number>();
    for (const c of candidates) if (!topOf.has(c.all)) topOf.set(c.all, c.score || 1);
    return candidates.slice(0, limit).map((c) => {
      const best = bestSection[c.page]!;
      const score = Math.round((Number(c.all) + Math.max(0.001, c.score / topOf.get(c.all)!)) * 1000) / 1000;
      return this.#result(c.page, best === -1 ? undefined : docAt(best), { score, matched: c.matched, all: c.all });
    });
  }

  /** A ranked page as the reader sees it: where it lives, its best section (`doc`) and how it matched. */
  #result(page: number, doc: TextRow | undefined, match: Pick<SearchResult, 'score' | 'matched' | 'all'>): SearchResult {
    const info = this.#pages[page]!;
    return {
      slug: info.slug,
      title: info.title,
      section: this.manifest.sections[info.section] ?? '',
      sectionTitle: this.manifest.sectionTitles[info.section] ?? '',
      lang: this.manifest.langs[info.lang]!,
      tags: info.tags.map((t) => this.manifest.tags[t]!),
      draft: info.draft,
      score: match.score,
      matched: match.matched,
      all: match.all,
      ...(doc && doc[1] ? { heading: { id: doc[1], text: doc[2] } } : {}),
      snippet: doc ? doc[3] : '',
    };
  }

  #filter(filters: SearchFilters): (page: number) => boolean {
    const section = filters.section === undefined ? -1 : this.manifest.sections.indexOf(filters.section);
    const lang = filters.lang === undefined ? -1 : this.manifest.langs.indexOf(filters.lang);
    const tag = filters.tag === undefined ? -1 : this.manifest.tags.indexOf(filters.tag);
    if ((filters.section !== undefined && section === -1) || (filters.lang !== undefined && lang === -1) || (filters.tag !== undefined && tag === -1)) return () => false;
    return (page) => {
      const info = this.#pages[page]!;
      return (section === -1 || info.section === section) && (lang === -1 || info.lang === lang) && (tag === -1 || info.tags.includes(tag));
    };
  }
}

/** How one query word is looked up, in the titles index or in a full-text shard. */
function lookups(term: QueryTerm, last: boolean, known: (t: string) => boolean, shard: boolean): Lookup[] {
  const out: Lookup[] = [{ term: term.term, boost: BOOST.exact }];
  if (term.norm !== term.term) out.push({ term: term.norm, boost: BOOST.exact });
  for (const variant of term.variants) out.push({ term: variant, boost: BOOST.variant });
  // As you type, the last word is a prefix: in the small titles index from the first letter, in the
  // full text from the third (a shorter prefix there matches much of the vocabulary and says little).
  if (last && term.norm.length >= (shard ? 3 : 1)) {
    const prefix = term.term.length < term.norm.length && term.norm.startsWith(term.term) ? term.term : term.norm;
    out.push({ term: prefix, boost: BOOST.prefix, wildcard: true });
  }
  // A typo is only assumed for longer words that appear nowhere in the index as typed.
  if (term.norm.length >= 5 && !known(term.term) && !term.variants.some(known)) {
    out.push({ term: term.term, boost: BOOST.fuzzy, editDistance: term.norm.length >= 9 ? 2 : 1 });
  }
  return out;
}

function normalizedPhrase(text: string): string {
  return words(text)
    .map((w) => w.norm)
    .join(' ');
}
