/**
 * The units of work of the site's build, the same in a worker thread and in the build's own
 * thread: preparing a batch of pages (frontmatter and title), and rendering a batch through the
 * one pipeline, with every question about other pages and files recorded for the render cache.
 * A rendered page's HTML and its words counted for search go straight to the cache folder; what
 * comes back is small.
 */
import { preparePage, type PrepareOptions } from '../content/prepare.ts';
import type { SourceFile } from '../content/read-content.ts';
import { LinkIndex, type LinkTarget, type Resolution } from '../links/link-index.ts';
import { remarkNativeParse } from '../markdown/native-parse.ts';
import { createPipeline, renderFile } from '../markdown/render.ts';
import { pageTerms } from '../search/page-terms.ts';
import { urlScheme } from '../urls.ts';
import { factsOf, publishedAsset, type PageFacts } from './build.ts';
import { RenderCache, type CacheEntry, type Lookup } from './render-cache.ts';

/** What every page of one build shares, sent to each worker once. */
export interface RenderSetup {
  targets: LinkTarget[];
  /** Files beside the pages, by path under the content folder. */
  assets: string[];
  /** The site's base path. */
  base: string;
  prepare: PrepareOptions;
  cacheDir: string;
}

export interface RenderJob {
  key: string;
  path: string;
  text: string;
  facts: PageFacts;
}

export interface RenderOutcome {
  key: string;
  rendered: NonNullable<CacheEntry['rendered']>;
}

export function prepareBatch(batch: readonly SourceFile[], options: PrepareOptions): PageFacts[] {
  return batch.map((source) => factsOf(preparePage(source.path, source.text, options)));
}

/** A link index that writes down every question asked of it, page by page. */
class RecordingIndex extends LinkIndex {
  lookups: Lookup[] = [];

  override resolveWikilink(target: string, fromSlug: string): Resolution {
    const answer = super.resolveWikilink(target, fromSlug);
    this.lookups.push(['wikilink', target, fromSlug, JSON.stringify(answer)]);
    return answer;
  }

  override resolveHref(href: string, fromFile: string): Resolution | undefined {
    const answer = super.resolveHref(href, fromFile);
    this.lookups.push(['href', href, fromFile, JSON.stringify(answer ?? null)]);
    return answer;
  }
}

/**
 * Renders batches of pages against one wiki, leaving each page's entry in the render cache (written
 * while the next page renders).
 */
export function batchRenderer(setup: RenderSetup): (batch: readonly RenderJob[]) => Promise<RenderOutcome[]> {
  const index = new RecordingIndex(setup.targets);
  const exists = publishedAsset(new Set(setup.assets));
  const assetExists = (path: string) => {
    const answer = exists(path);
    index.lookups.push(['asset', path, answer]);
    return answer;
  };
  const pipeline = createPipeline({ index, urls: urlScheme(setup.base), assetExists }, { parser: remarkNativeParse });
  const cache = new RenderCache(setup.cacheDir);
  return async (batch) => {
    const writes: Promise<void>[] = [];
    const outcomes = batch.map((job) => {
      index.lookups = [];
      const page = preparePage(job.path, job.text, setup.prepare);
      const { html, headings, links, sections, diagnostics } = renderFile(pipeline, page.file, page.format);
      const rendered = { headings, links, diagnostics, lookups: index.lookups, hasContent: html !== '' };
      writes.push(cache.write(job.key, { facts: job.facts, rendered }, { html, terms: pageTerms(sections) }));
      return { key: job.key, rendered };
    });
    await Promise.all(writes);
    return outcomes;
  };
}
