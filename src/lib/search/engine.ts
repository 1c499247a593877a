/**
 * The search engine, one for the browser (in a Web Worker) and for `npm run search`: it reads the
 * index files (format.ts) through whatever `load` it is given (fetch, or a file read), each when a
 * query first needs it — the manifest at once, then the chunks of the query's words, then what the
 * results show: the pages' titles and, for the full-text answer, the result pages themselves
 * (through `loadPage`), from whose text the passage that matched is shown with the matched words
 * marked.
 *
 * Lookups: lookups.ts; scoring: rank.ts. Results far below the best are cut; the query's words
 * together as a phrase in the title, a heading or the passage boost a page.
 */
import { analyzeQuery, words } from './analysis.ts';
import { SEARCH_FORMAT, type Manifest, type PageTextFile, type RetiredFile } from './format.ts';
import { bestPassage, highlight, matcherOf, type Segment, type WordMatcher } from './highlight.ts';
import { plan, synonymTable, type SynonymTable } from './lookups.ts';
import { order, rank, top, type Candidate } from './rank.ts';
import { IndexStore, type LoadJson, type LoadPage, type PageInfo } from './store.ts';

export type { LoadJson, LoadPage } from './store.ts';

export interface SearchFilters {
  section?: string;
  tag?: string;
  lang?: string;
}

export interface SearchOptions {
  /** False: answer from the titles layer only (the quick answer while the full text loads). Default true. */
  fullText?: boolean;
  /** Once aborted (the reader typed on), nothing more is fetched for this query and it rejects. */
  signal?: AbortSignal;
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
  /** The best-matching section, when the result links there rather than to the top of the page. */
  heading?: { id: string; text: string };
  /** The passage that matched best (empty in a titles-only answer). */
  snippet: string;
  titleMarks: Segment[];
  headingMarks: Segment[];
  snippetMarks: Segment[];
}

/** A page no longer in force whose title a query names: search says so instead of finding nothing. */
export interface RetiredMatch {
  slug: string;
  title: string;
  status: 'retired' | 'superseded';
  successor?: { slug: string; title: string };
}

/** Results scoring below this share of the best are noise (a stray typo or prefix match), not answers. */
const CUT = 0.1;

export class SearchEngine {
  readonly manifest: Manifest;
  readonly #store: IndexStore;
  readonly #synonyms: SynonymTable;
  readonly #load: LoadJson;
  #retired: Promise<RetiredFile> | undefined;

  private constructor(manifest: Manifest, load: LoadJson, loadPage: LoadPage) {
    this.manifest = manifest;
    this.#store = new IndexStore(manifest, load, loadPage);
    this.#synonyms = synonymTable(manifest.synonyms);
    this.#load = load;
  }

  /**
   * The pages out of force (retired, superseded) whose title holds every word of the query, as
   * written or stemmed — "Old travel policy" for `travel policy`. Fetches `retired.json` (small)
   * the first time, and only when the wiki has such pages.
   */
  async retired(query: string): Promise<RetiredMatch[]> {
    if (!this.manifest.retired) return [];
    const asked = analyzeQuery(query).filter((t) => !t.stop);
    if (asked.length === 0) return [];
    this.#retired ??= this.#load('retired.json') as Promise<RetiredFile>;
    const { pages } = await this.#retired;
    const out: RetiredMatch[] = [];
    for (const [slug, title, status, nextSlug, nextTitle] of pages) {
      const inTitle = analyzeQuery(title);
      const has = (t: (typeof asked)[number]) => inTitle.some((w) => w.norm === t.norm || w.term === t.term || t.variants.includes(w.norm) || w.variants.includes(t.norm));
      if (asked.every(has)) out.push({ slug, title, status, ...(nextSlug ? { successor: { slug: nextSlug, title: nextTitle } } : {}) });
    }
    return out.slice(0, 3);
  }

  /**
   * Loads the manifest (facets and the term dictionary): all that is needed before the first query.
   * `load` reads the index's files, `loadPage` a result page's HTML.
   */
  static async open(load: LoadJson, loadPage: LoadPage): Promise<SearchEngine> {
    const manifest = (await load('manifest.json')) as Manifest;
    if (manifest.format !== SEARCH_FORMAT) throw new Error(`search index format ${manifest.format} is not ${SEARCH_FORMAT}; rebuild the site`);
    return new SearchEngine(manifest, load, loadPage);
  }

  async search(query: string, filters: SearchFilters = {}, limit = 20, options: SearchOptions = {}): Promise<SearchResult[]> {
    const fullText = options.fullText ?? true;
    const all = analyzeQuery(query);
    // Stop words only count when the query has nothing else; at most 16 words are looked up.
    const terms = (all.some((t) => !t.stop) ? all.filter((t) => !t.stop) : all).slice(-16);
    if (terms.length === 0) return [];
    const [lookups, allowed] = await Promise.all([plan(this.#store, terms, this.#synonyms, fullText), this.#allowed(filters)]);
    options.signal?.throwIfAborted();
    const { candidates, found } = rank(this.#store, lookups, allowed);
    let best = 0;
    for (const c of candidates) best = Math.max(best, c.score);
    // A phrase can lift a page a few places: for a query of several words, a few more pages are looked at.
    const phrase = terms.length > 1 ? normalizedPhrase(query) : '';
    const pool = top(candidates.filter((c) => c.score >= CUT * best), phrase ? limit + 6 : limit);

    const infos = new Map(await Promise.all(pool.map(async (c) => [c.page, await this.#store.page(c.page)] as const)));
    options.signal?.throwIfAborted();
    if (phrase) {
      for (const c of pool) if (normalizedPhrase(infos.get(c.page)!.title).includes(phrase)) c.score *= 1.5;
      pool.sort(order);
    }
    const chosen = pool.slice(0, limit);
    const matches = matcherOf(found);
    const texts = fullText ? new Map(await Promise.all(chosen.map(async (c) => [c.page, await this.#store.text(c.page)] as const))) : new Map<number, PageTextFile>();
    options.signal?.throwIfAborted();
    const shown = chosen.map((c) => ({ c, ...this.#where(c, texts.get(c.page), matches) }));
    if (phrase) {
      for (const s of shown) if (normalizedPhrase(`${s.heading?.text ?? ''} ${s.snippet}`).includes(phrase)) s.c.score *= 1.3;
      shown.sort((a, b) => order(a.c, b.c));
    }

    // The reported score orders results as they are ranked: 1 + a fraction for pages matching all of
    // the query, a fraction for the others; the fraction is the score relative to the best of its group.
    const topOf = new Map<boolean, number>();
    for (const { c } of shown) if (!topOf.has(c.all)) topOf.set(c.all, c.score || 1);
    return shown.map(({ c, heading, snippet }) => {
      const score = Math.round((Number(c.all) + Math.max(0.001, c.score / topOf.get(c.all)!)) * 1000) / 1000;
      return this.#result(infos.get(c.page)!, { score, matched: c.matched, all: c.all, snippet, ...(heading ? { heading } : {}) }, matches);
    });
  }

  /** Where a result links (its best section, unless its title matched) and the passage it shows. */
  #where(c: Candidate, text: PageTextFile | undefined, matches: WordMatcher): { heading?: { id: string; text: string }; snippet: string } {
    if (!text) return { snippet: '' };
    const [id, headingText, body] = text.s[c.section] ?? text.s[0] ?? ['', '', ''];
    let snippet = bestPassage(body, matches);
    // The page's own description is the best summary of its opening when the opening did not match.
    if (text.d && (c.section <= 0 || !id) && !words(snippet).some((w) => matches(w.raw))) snippet = bestPassage(text.d, matches);
    return { ...(id && !c.titleAll && c.section >= 0 ? { heading: { id, text: headingText } } : {}), snippet };
  }

  /** A ranked page as the reader sees it. */
  #result(info: PageInfo, match: Pick<SearchResult, 'score' | 'matched' | 'all' | 'snippet' | 'heading'>, matches: WordMatcher): SearchResult {
    const section = this.#sectionOf(info.slug);
    return {
      slug: info.slug,
      title: info.title,
      section: this.manifest.sections[section] ?? '',
      sectionTitle: this.manifest.sectionTitles[section] ?? '',
      lang: this.manifest.langs[info.lang]!,
      tags: info.tags.map((t) => this.manifest.tags[t]!),
      draft: info.draft,
      ...match,
      titleMarks: highlight(info.title, matches),
      headingMarks: match.heading ? highlight(match.heading.text, matches) : [],
      snippetMarks: highlight(match.snippet, matches),
    };
  }

  #sectionOf(slug: string): number {
    return this.manifest.sections.indexOf(slug.split('/')[0]!);
  }

  /** The pages a query may return: by section (a range of page numbers), language and tag (their lists, loaded). */
  async #allowed(filters: SearchFilters): Promise<(page: number) => boolean> {
    const m = this.manifest;
    const section = filters.section === undefined ? -1 : m.sections.indexOf(filters.section);
    const lang = filters.lang === undefined ? -1 : m.langs.indexOf(filters.lang);
    const tag = filters.tag === undefined ? -1 : m.tags.indexOf(filters.tag);
    if ((filters.section !== undefined && section === -1) || (filters.lang !== undefined && lang === -1) || (filters.tag !== undefined && tag === -1)) return () => false;
    const [langPages, tagPages] = await Promise.all([lang === -1 ? undefined : this.#store.filter('lang', lang), tag === -1 ? undefined : this.#store.filter('tag', tag)]);
    const from = section === -1 ? 0 : m.sectionStarts[section]!;
    const to = section === -1 ? m.pages : m.sectionStarts[section + 1]!;
    return (page) => page >= from && page < to && (!langPages || langPages.has(page)) && (!tagPages || tagPages.has(page));
  }
}

function normalizedPhrase(text: string): string {
  return words(text)
    .map((w) => w.norm)
    .join(' ');
}
