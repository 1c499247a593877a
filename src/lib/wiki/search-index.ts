/**
 * The search index of a wiki the site's build rendered (render-wiki.ts): each page's words come
 * from the render cache, where they were counted when the page was rendered, so the index after a
 * one-page change analyses one page. `searchIndexInWorker` builds it in a worker thread, so that
 * the build's own thread goes on meanwhile (bundling, the other routes).
 */
import { Worker } from 'node:worker_threads';
import { buildWikiSearchIndex, type SearchablePage } from '../search/build-index.ts';
import type { PageTerms } from '../search/page-terms.ts';
import type { NumberedTerms } from '../search/word-table.ts';
import { readSynonymsFile } from '../search/synonyms-file.ts';
import { readAllRenderedTerms } from './render-cache.ts';

/** A page as the index needs it: what results show and filter by, and its entry in the render cache ('' for none). */
export type IndexedPage = Omit<SearchablePage, 'sections' | 'terms'> & { generated: boolean; renderKey: string };

export interface SearchIndexJob {
  /** The content folder (its synonyms file) and Astro's cache folder (the render cache). */
  contentDir: string;
  cacheDir: string;
  pages: IndexedPage[];
}

/**
 * Every file of the wiki's search index, by name; a broken synonyms file fails, saying where.
 * `preloaded`: page words already read from the render cache, by entry key (`readCachedTerms`),
 * numbered or not.
 */
export async function wikiSearchIndex(job: SearchIndexJob, preloaded: ReadonlyMap<string, PageTerms | NumberedTerms> = new Map()): Promise<Map<string, string>> {
  const synonyms = await readSynonymsFile(job.contentDir);
  // A broken synonyms file fails the build where it is broken, rather than searching without it.
  if (synonyms.errors.length) throw new Error(`Search synonyms:\n  ${synonyms.errors.join('\n  ')}`);
  const toRead = [...new Set(job.pages.map((p) => p.renderKey).filter((key) => key && !preloaded.has(key)))];
  const read = new Map((await readAllRenderedTerms(job.cacheDir, toRead)).map((t, i) => [toRead[i]!, t]));
  const pages = job.pages.map((p) => ({ ...p, terms: (p.renderKey && (preloaded.get(p.renderKey) ?? read.get(p.renderKey))) || { s: [] } }));
  return buildWikiSearchIndex(pages, { synonyms: synonyms.groups });
}

/**
 * What the index reads of a page, and no more: copying every page's links and headings to the
 * worker too took a tenth of a second. Every field of `IndexedPage` is listed (TypeScript holds the
 * list to the type), so a field the index comes to read cannot be left behind.
 */
const INDEXED = { slug: true, title: true, description: true, tags: true, extra: true, lang: true, section: true, status: true, supersededBy: true, generated: true, renderKey: true } satisfies Record<keyof IndexedPage, true>;
function indexed(page: IndexedPage): IndexedPage {
  const out: Record<string, unknown> = {};
  for (const field of Object.keys(INDEXED) as (keyof IndexedPage)[]) if (page[field] !== undefined) out[field] = page[field];
  return out as unknown as IndexedPage;
}

/**
 * `wikiSearchIndex` in a worker thread (search-index-worker.ts). The job may be a promise: the
 * worker starts at once, loads its code and reads the words the render cache already holds, and
 * builds when the job comes; if the job fails, so does the index, and the worker stops.
 */
export function searchIndexInWorker(job: SearchIndexJob | Promise<SearchIndexJob>, cacheDir?: string): Promise<Map<string, string>> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./search-index-worker.ts', import.meta.url), { workerData: { preload: cacheDir } });
    worker.once('message', (answer: { files: [string, string][] } | { error: string }) => {
      if ('files' in answer) resolve(new Map(answer.files));
      else reject(new Error(answer.error));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the search index worker stopped (exit code ${code})`)));
    Promise.resolve(job).then(
      (j) => {
        try {
          worker.postMessage({ ...j, pages: j.pages.map(indexed) } satisfies SearchIndexJob);
        } catch (error) {
          reject(error as Error);
          void worker.terminate();
        }
      },
      (error: unknown) => {
        reject(error as Error);
        void worker.terminate();
      },
    );
  });
}
