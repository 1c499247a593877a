/**
 * The search index as the engine reads it: each file of format.ts fetched once, when a query first
 * needs it, through the `load` the engine was given (fetch in the browser's worker, a file read in
 * Node), and kept; and the text of a result page, read from the page's HTML (`loadPage`).
 */
import {
  chunkOf, chunksOfPrefix, langFile, layerFile, metaFile, tagFile, vocabFile,
  type ChunkFile, type FilterFile, type Layer, type Manifest, type MetaFile, type PageTextFile, type TagFilterFile, type VocabFile,
} from './format.ts';
import { pageTextOf } from './page-text.ts';

export type LoadJson = (file: string) => Promise<unknown>;
/** A wiki page's HTML, by slug (the page at `/<slug>/`). */
export type LoadPage = (slug: string) => Promise<string>;

/** One term of a layer, as loaded: see ChunkFile. */
export interface TermEntry {
  df: number;
  postings: number[];
  rest?: number[];
  restWeight?: number;
}

interface LoadedChunk {
  file: ChunkFile;
  ids: Map<string, number>;
}

/** A page as a result shows it. */
export interface PageInfo {
  slug: string;
  title: string;
  lang: number;
  tags: number[];
  draft: boolean;
}

export class IndexStore {
  readonly manifest: Manifest;
  readonly #load: LoadJson;
  readonly #loadPage: LoadPage;
  readonly #files = new Map<string, Promise<unknown>>();
  readonly #chunks = new Map<string, LoadedChunk>();

  constructor(manifest: Manifest, load: LoadJson, loadPage: LoadPage) {
    this.manifest = manifest;
    this.#load = load;
    this.#loadPage = loadPage;
  }

  #get<T>(file: string, load: () => Promise<unknown> = () => this.#load(file)): Promise<T> {
    let pending = this.#files.get(file);
    if (!pending) {
      pending = load();
      // A failed fetch is not kept: the next query asks again.
      pending.catch(() => this.#files.delete(file));
      this.#files.set(file, pending);
    }
    return pending as Promise<T>;
  }

  #firsts(layer: Layer): string[] {
    return layer === 'titles' ? this.manifest.titles : this.manifest.text;
  }

  async #chunk(layer: Layer, i: number): Promise<void> {
    const name = layerFile(layer, i);
    if (this.#chunks.has(name)) return;
    const file = await this.#get<ChunkFile>(name);
    if (!this.#chunks.has(name)) this.#chunks.set(name, { file, ids: new Map(file.t.map((t, k) => [t, k])) });
  }

  /** Loads the chunks that hold these terms. */
  async loadTerms(layer: Layer, terms: Iterable<string>): Promise<void> {
    const wanted = new Set([...terms].map((t) => chunkOf(this.#firsts(layer), t)));
    await Promise.all([...wanted].map((i) => this.#chunk(layer, i)));
  }

  /**
   * The terms of a layer that begin with `prefix`, once the chunks their range spans are loaded;
   * `undefined` (nothing loaded) when that range spans more than `maxChunks` chunks.
   */
  async completions(layer: Layer, prefix: string, maxChunks: number): Promise<string[] | undefined> {
    const chunks = chunksOfPrefix(this.#firsts(layer), prefix);
    if (chunks.length > maxChunks) return undefined;
    await Promise.all(chunks.map((i) => this.#chunk(layer, i)));
    return chunks.flatMap((i) => this.#chunks.get(layerFile(layer, i))!.file.t.filter((t) => t.startsWith(prefix)));
  }

  /** A term's entry, if its chunk is loaded and it is there. */
  entry(layer: Layer, term: string): TermEntry | undefined {
    const chunk = this.#chunks.get(layerFile(layer, chunkOf(this.#firsts(layer), term)));
    const k = chunk?.ids.get(term);
    if (chunk === undefined || k === undefined) return undefined;
    const { df, p, r, rw } = chunk.file;
    return { df: df[k]!, postings: p[k]!, ...(r?.[k] ? { rest: r[k], restWeight: rw![k]! } : {}) };
  }

  /** Every term of the vocabulary (both layers) that begins with `prefix`. */
  async vocabulary(prefix: string): Promise<string[]> {
    const blocks = chunksOfPrefix(this.manifest.vocab, prefix);
    const files = await Promise.all(blocks.map((i) => this.#get<VocabFile>(vocabFile(i))));
    return files.flatMap((f) => f.t.filter((t) => t.startsWith(prefix)));
  }

  async page(page: number): Promise<PageInfo> {
    const bucket = await this.#get<MetaFile>(metaFile(Math.floor(page / this.manifest.bucket)));
    const [folder, name, title, lang, tags, draft] = bucket.pages[page % this.manifest.bucket]!;
    const dir = bucket.folders[folder];
    return { slug: dir ? `${dir}/${name}` : name, title, lang, tags, draft: draft === 1 };
  }

  /** The page's description and section texts, from its HTML. */
  async text(page: number): Promise<PageTextFile> {
    const { slug } = await this.page(page);
    return this.#get<PageTextFile>(`page:${slug}`, async () => pageTextOf(await this.#loadPage(slug)));
  }

  /** The pages of a language or a tag. */
  async filter(kind: 'lang' | 'tag', index: number): Promise<Set<number>> {
    let pages: number[];
    if (kind === 'lang') pages = (await this.#get<FilterFile>(langFile(index))).pages;
    else {
      const bucket = chunkOf(this.manifest.tagBuckets, index);
      pages = (await this.#get<TagFilterFile>(tagFile(bucket))).tags[index - this.manifest.tagBuckets[bucket]!]!;
    }
    const out = new Set<number>();
    let page = 0;
    for (const delta of pages) out.add((page += delta));
    return out;
  }
}
