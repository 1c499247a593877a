/** The worker thread of `searchIndexInWorker` (search-index.ts): waits for its job, builds the index and sends its files back. */
import { parentPort } from 'node:worker_threads';
import { wikiSearchIndex, type SearchIndexJob } from './search-index.ts';

parentPort!.once('message', async (job: SearchIndexJob) => {
  try {
    parentPort!.postMessage({ files: [...(await wikiSearchIndex(job))] });
  } catch (error) {
    parentPort!.postMessage({ error: (error as Error).message });
  }
});
