/** The worker thread of `searchIndexInWorker` (search-index.ts): builds the index and sends its files back. */
import { parentPort, workerData } from 'node:worker_threads';
import { wikiSearchIndex, type SearchIndexJob } from './search-index.ts';

try {
  parentPort!.postMessage({ files: [...(await wikiSearchIndex(workerData as SearchIndexJob))] });
} catch (error) {
  parentPort!.postMessage({ error: (error as Error).message });
}
