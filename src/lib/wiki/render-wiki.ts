/**
 * The site's build of the wiki model: the steps of `buildWiki` (src/lib/wiki/build.ts), with the
 * Markdown work in a pool of worker threads and a persistent render cache (render-cache.ts). Pages
 * whose file and whose answers about other pages are unchanged are taken from the cache; the rest
 * are rendered. HTML and search terms stay on disk, in the cache folder: the model that comes back
 * holds neither, so its size does not grow with the pages' length.
 */
import { availableParallelism } from 'node:os';
import type { Diagnostic } from '../content/diagnostics.ts';
import type { ContentFolder, SourceFile } from '../content/read-content.ts';
import { LinkIndex } from '../links/link-index.ts';
import {
  finishPage, prepareOptions, publishablePages, publishedAsset, sortBySlug, wikiShells,
  type BuildOptions, type PageFacts,
} from './build.ts';
import { entryKey, pipelineVersion, RenderCache, stillValid, type CacheEntry } from './render-cache.ts';
import { RenderPool } from './render-pool.ts';
import { batchRenderer, prepareBatch, type RenderJob, type RenderOutcome, type RenderSetup } from './render-task.ts';
import type { BrokenLink, WikiPage } from './types.ts';

export interface RenderWikiOptions extends Omit<BuildOptions, 'urls'> {
  /** The site's base path. */
  base: string;
  /** The project folder (its lockfile is part of the pipeline's version). */
  root: string;
  /** Astro's cache folder; the render cache lives in it. */
  cacheDir: string;
  /** Worker threads (default: one per core; 1 renders in this thread). */
  threads?: number;
}

/** A page of the model without its HTML and search terms: `renderKey` finds them in the cache. */
export type WikiPageMeta = Omit<WikiPage, 'html' | 'sections' | 'source'> & {
  /** The page's entry in the render cache ('' for a generated folder page). */
  renderKey: string;
  /** Whether the rendered HTML has anything in it. */
  hasContent: boolean;
};

export interface RenderedWiki {
  pages: WikiPageMeta[];
  diagnostics: Diagnostic[];
  brokenLinks: BrokenLink[];
  /** What the build did: pages prepared and rendered, and rendered pages taken from the cache. */
  stats: { prepared: number; rendered: number; reused: number; threads: number };
}

/** Below this much work, starting worker threads costs more than it saves. */
const POOL_THRESHOLD = 100;
const BATCH = 32;

function batches<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export async function renderWiki(folder: ContentFolder, options: RenderWikiOptions): Promise<RenderedWiki> {
  const profile = prepareOptions(options);
  const version = await pipelineVersion(options.root);
  const settings = JSON.stringify({ profile, base: options.base });
  const keys = folder.pages.map((p) => entryKey(version, settings, p.path, p.text));
  const cache = new RenderCache(options.cacheDir);
  const entries = await cache.read(keys);

  const threads = Math.max(1, options.threads ?? availableParallelism());
  let pool: RenderPool | undefined;
  const usePool = (work: number) => threads > 1 && work >= (options.threads ? 1 : POOL_THRESHOLD);
  try {
    // 1. Prepare the pages the cache does not know.
    const unknown = folder.pages.flatMap((source, i) => (entries[i] ? [] : [{ source, i }]));
    if (usePool(unknown.length)) pool = new RenderPool(threads);
    const prepare = (batch: SourceFile[]) => (pool ? pool.prepare(batch, profile) : Promise.resolve(prepareBatch(batch, profile)));
    const facts: (PageFacts | undefined)[] = entries.map((e) => e?.facts);
    for (const [n, found] of (await Promise.all(batches(unknown, BATCH * 4).map((b) => prepare(b.map((u) => u.source))))).entries()) {
      for (const [k, f] of found.entries()) facts[unknown[n * BATCH * 4 + k]!.i] = f;
    }

    // 2. The wiki: its pages, addresses and link index.
    const diagnostics: Diagnostic[] = [];
    const numbered = facts.map((f, i) => ({ ...f!, i }));
    const publishable = publishablePages(numbered, diagnostics);
    const { shells, targets } = wikiShells(publishable, options);
    const index = new LinkIndex(targets);
    const assetExists = publishedAsset(folder.assets);

    // 3. Render what changed, or what depends on something that changed.
    const outcomes = new Map<string, NonNullable<CacheEntry['rendered']>>();
    const jobs: RenderJob[] = [];
    for (const page of publishable) {
      const cached = entries[page.i]?.rendered;
      const key = keys[page.i]!;
      if (cached && stillValid(cached.lookups, index, assetExists)) outcomes.set(key, cached);
      else jobs.push({ key, path: page.path, text: folder.pages[page.i]!.text, facts: facts[page.i]! });
    }
    if (!pool && usePool(jobs.length)) pool = new RenderPool(threads);
    const setup: RenderSetup = { targets, assets: [...folder.assets], base: options.base, prepare: profile, cacheDir: options.cacheDir };
    const render = pool ? pool.renderer(setup) : batchRenderer(setup);
    const done: RenderOutcome[][] = await Promise.all(batches(jobs, BATCH).map(render));
    for (const outcome of done.flat()) outcomes.set(outcome.key, outcome.rendered);

    // 4. The model, in the order and with the findings of `buildWiki`.
    const pages: WikiPageMeta[] = [];
    const brokenLinks: BrokenLink[] = [];
    for (const page of publishable) {
      const key = keys[page.i]!;
      const rendered = outcomes.get(key)!;
      const { supersededBy } = finishPage(page, { ...rendered, sections: [] }, index, diagnostics, brokenLinks);
      pages.push({ ...shells.get(page.slug)!, headings: rendered.headings, links: rendered.links, supersededBy, renderKey: key, hasContent: rendered.hasContent });
    }
    for (const shell of shells.values()) {
      if (shell.generated) pages.push({ ...shell, headings: [], links: [], renderKey: '', hasContent: false });
    }
    await cache.prune();
    return {
      pages: sortBySlug(pages),
      diagnostics,
      brokenLinks,
      stats: { prepared: unknown.length, rendered: jobs.length, reused: publishable.length - jobs.length, threads: pool ? threads : 1 },
    };
  } finally {
    await pool?.destroy();
  }
}
