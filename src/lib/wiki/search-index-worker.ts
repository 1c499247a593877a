/**
 * The worker thread of `searchIndexInWorker` (search-index.ts): reads the words the render cache
 * holds while it waits for its job, then builds the index and sends its files back.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { PageTerms } from '../search/page-terms.ts';
import { readCachedTerms } from './render-cache.ts';
import { wikiSearchIndex, type SearchIndexJob } from './search-index.ts';

const { preload } = workerData as { preload?: string };
const preloaded: Promise<Map<string, PageTerms>> = preload ? readCachedTerms(preload).catch(() => new Map()) : Promise.resolve(new Map());

parentPort!.once('message', async (job: SearchIndexJob) => {
  try {
    parentPort!.postMessage({ files: [...(await wikiSearchIndex(job, await preloaded))] });
  } catch (error) {
    parentPort!.postMessage({ error: (error as Error).message });
  }
});
