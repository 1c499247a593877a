/**
 * The persistent render cache of the site's build, in Astro's cache folder: for every page, what
 * preparing and rendering it gave, under a key made of the pipeline's version, the build's
 * settings, the file's path and its text. Rendering a page also depends on other pages (the titles
 * and addresses its links resolve to) and on the files beside it (images); the renderer records
 * every such question it asked and its answer (`Lookup`), and a cached page is reused only when
 * every answer is still the same. Three files per page: `<key>.json` (what the build needs),
 * `<key>.html` (read by the page's route) and `<key>.terms.json` (its words counted for the search
 * index, src/lib/search/page-terms.ts).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { mapBounded, readTextFiles } from '../content/read-content.ts';
import type { LinkIndex } from '../links/link-index.ts';
import type { PageTerms } from '../search/page-terms.ts';
import type { PageFacts, RenderedFacts } from './build.ts';

/** A question the renderer asked about the rest of the wiki, and the answer it got (as JSON). */
export type Lookup = ['wikilink' | 'href', string, string, string] | ['asset', string, boolean];

/** What the cache keeps about one page besides its HTML and search terms. */
export interface CacheEntry {
  facts: PageFacts;
  rendered?: Omit<RenderedFacts, 'sections'> & { lookups: Lookup[]; hasContent: boolean };
}

export const RENDER_CACHE_DIR = 'pinkas-render';

const lib = fileURLToPath(new URL('..', import.meta.url));

async function filesBelow(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesBelow(p)));
    else if (entry.name.endsWith('.ts')) out.push(p);
  }
  return out.sort();
}

/**
 * The version of the pipeline: a hash of the core's code (src/lib, which the pipeline and its
 * plug-ins live in) and of the lockfile (the versions of unified, remark, rehype and the rest).
 */
export async function pipelineVersion(root: string): Promise<string> {
  const hash = createHash('sha256');
  for (const file of await filesBelow(lib)) hash.update(path.relative(lib, file)).update('\0').update(await readFile(file)).update('\0');
  hash.update(await readFile(path.join(root, 'package-lock.json')).catch(() => Buffer.from('no lockfile')));
  return hash.digest('hex').slice(0, 16);
}

/** The key of a page's entry: the pipeline's version, the build's settings, the file's path and text. */
export function entryKey(version: string, settings: string, file: string, text: string): string {
  return createHash('sha256').update(version).update('\0').update(settings).update('\0').update(file).update('\0').update(text).digest('hex').slice(0, 32);
}

/** Whether every question a cached rendering asked has the same answer in this build. */
export function stillValid(lookups: readonly Lookup[], index: LinkIndex, assetExists: (path: string) => boolean): boolean {
  for (const lookup of lookups) {
    if (lookup[0] === 'asset') {
      if (assetExists(lookup[1]) !== lookup[2]) return false;
    } else {
      const answer = lookup[0] === 'wikilink' ? index.resolveWikilink(lookup[1], lookup[2]) : index.resolveHref(lookup[1], lookup[2]);
      if (JSON.stringify(answer ?? null) !== lookup[3]) return false;
    }
  }
  return true;
}

export class RenderCache {
  readonly dir: string;
  readonly #used = new Set<string>();

  constructor(cacheDir: string) {
    this.dir = path.join(cacheDir, RENDER_CACHE_DIR);
  }

  #file(key: string, kind: 'json' | 'html' | 'terms.json'): string {
    return path.join(this.dir, `${key}.${kind}`);
  }

  /** The entries of `keys` that are in the cache (one that cannot be read is not). */
  async read(keys: readonly string[]): Promise<(CacheEntry | undefined)[]> {
    for (const key of keys) this.#used.add(key);
    const texts = await readTextFiles(keys.map((key) => this.#file(key, 'json')), 'undefined').catch(() => keys.map(() => undefined));
    return texts.map((text) => {
      try {
        return text === undefined ? undefined : (JSON.parse(text) as CacheEntry);
      } catch {
        return undefined;
      }
    });
  }

  #made: Promise<unknown> | undefined;

  /** Writes a page's entry, with its HTML and search terms when it was rendered; the entry last, so a half-written one is never read. */
  async write(key: string, entry: CacheEntry, content?: { html: string; terms: PageTerms }): Promise<void> {
    await (this.#made ??= mkdir(this.dir, { recursive: true }));
    if (content) await Promise.all([writeFile(this.#file(key, 'html'), content.html), writeFile(this.#file(key, 'terms.json'), JSON.stringify(content.terms))]);
    await writeFile(this.#file(key, 'json'), JSON.stringify(entry));
  }

  /** Removes every entry this build did not use, so the cache holds one wiki, not its whole past. */
  async prune(): Promise<number> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch {
      return 0;
    }
    const stale = names.filter((name) => !this.#used.has(name.slice(0, name.indexOf('.'))));
    await mapBounded(stale, (name) => rm(path.join(this.dir, name), { force: true }));
    return stale.length;
  }
}

/**
 * A rendered page's HTML, as the build left it in the cache folder (`renderKey` from the page's
 * data). Read synchronously: a route reads one small file, and a promise's four trips through the
 * thread pool cost more than the read (see `readTextFiles`).
 */
export function readRenderedHtml(cacheDir: string, key: string): Promise<string> {
  try {
    return Promise.resolve(readFileSync(path.join(cacheDir, RENDER_CACHE_DIR, `${key}.html`), 'utf8'));
  } catch (error) {
    return Promise.reject(error as Error);
  }
}

/** A rendered page's words, counted for the search index. */
export async function readRenderedTerms(cacheDir: string, key: string): Promise<PageTerms> {
  return (await readAllRenderedTerms(cacheDir, [key]))[0]!;
}

const TERMS = '.terms.json';

/** The words of the pages of `keys`, in order. */
export async function readAllRenderedTerms(cacheDir: string, keys: readonly string[]): Promise<PageTerms[]> {
  const texts = await readTextFiles(keys.map((key) => path.join(cacheDir, RENDER_CACHE_DIR, `${key}${TERMS}`)));
  return texts.map((text) => JSON.parse(text!) as PageTerms);
}

/**
 * The words of every page the render cache of `cacheDir` holds, by entry key (one that cannot be
 * read yet, as one being written, is left out: `readAllRenderedTerms` reads it when it is needed).
 */
export async function readCachedTerms(cacheDir: string): Promise<Map<string, PageTerms>> {
  const dir = path.join(cacheDir, RENDER_CACHE_DIR);
  const names = (await readdir(dir).catch(() => [] as string[])).filter((name) => name.endsWith(TERMS));
  const texts = await readTextFiles(names.map((name) => path.join(dir, name)), 'undefined');
  const out = new Map<string, PageTerms>();
  names.forEach((name, i) => {
    try {
      if (texts[i] !== undefined) out.set(name.slice(0, -TERMS.length), JSON.parse(texts[i]) as PageTerms);
    } catch {
      // half-written
    }
  });
  return out;
}

