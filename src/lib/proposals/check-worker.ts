/**
 * A worker thread of the page-check pool (check-pool.ts): prepares one page change at a time
 * (page-change.ts) and answers with its outcome, or with the error that stopped it. It says
 * `ready` once everything is loaded, so that the pool's time budget counts the work only, never
 * the start-up. Node's compile cache makes a replacement worker start in a fraction of the time.
 */
import { enableCompileCache } from 'node:module';
import { platform, setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import type { PageChange } from './page-change.ts';

if (!parentPort) throw new Error('check-worker.ts runs as a worker thread of the page-check pool (check-pool.ts)');
const port = parentPort;
// On Linux a thread's nice value is its own (elsewhere it is the process's, so it is left alone):
// a long check then yields the processor to the thread that answers readers.
if (platform() === 'linux') setPriority(10);
enableCompileCache?.();
const { preparePageChange } = await import('./page-change.ts');

port.on('message', (change: PageChange) => {
  try {
    port.postMessage({ outcome: preparePageChange(change) });
  } catch (error) {
    port.postMessage({ error: `${(error as Error).name}: ${(error as Error).message}` });
  }
});
port.postMessage({ ready: true });
