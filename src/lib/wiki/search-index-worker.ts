/**
 * The worker thread of `searchIndexInWorker` (search-index.ts): reads the words the render cache
 * holds and numbers them (word-table.ts) while it waits for its job, then builds the index and
 * sends its files back.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { WordTable, type NumberedTerms } from '../search/word-table.ts';
import { readCachedTerms } from './render-cache.ts';
import { wikiSearchIndex, type SearchIndexJob } from './search-index.ts';

const { preload } = workerData as { preload?: string };

async function numberedCachedTerms(cacheDir: string): Promise<Map<string, NumberedTerms>> {
  const table = new WordTable();
  return new Map([...(await readCachedTerms(cacheDir))].map(([key, terms]) => [key, table.terms(terms)]));
}

const preloaded: Promise<Map<string, NumberedTerms>> = preload ? numberedCachedTerms(preload).catch(() => new Map()) : Promise.resolve(new Map());

parentPort!.once('message', async (job: SearchIndexJob) => {
  try {
    parentPort!.postMessage({ files: [...(await wikiSearchIndex(job, await preloaded))] });
  } catch (error) {
    parentPort!.postMessage({ error: (error as Error).message });
  }
});
