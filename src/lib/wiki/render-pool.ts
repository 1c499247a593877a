/**
 * A pool of worker threads, one per core, for the build's Markdown work (piscina runs it: task
 * queue, worker start-up and shutdown, errors passed back with their stack). The wiki-wide setup
 * is shared memory, sent by reference with every batch and read by each worker once.
 */
import { randomUUID } from 'node:crypto';
import { Piscina } from 'piscina';
import type { PrepareOptions } from '../content/prepare.ts';
import type { SourceFile } from '../content/read-content.ts';
import type { PageFacts } from './build.ts';
import type { RenderJob, RenderOutcome, RenderSetup } from './render-task.ts';
import type { PrepareTask, RenderTask } from './render-worker.ts';

export class RenderPool {
  readonly #pool: Piscina;

  constructor(threads: number) {
    this.#pool = new Piscina({ filename: new URL('./render-worker.ts', import.meta.url).href, minThreads: threads, maxThreads: threads });
  }

  prepare(batch: SourceFile[], options: PrepareOptions): Promise<PageFacts[]> {
    return this.#pool.run({ batch, options } satisfies PrepareTask, { name: 'prepare' }) as Promise<PageFacts[]>;
  }

  /** A renderer for one wiki: batches go to whichever worker is free. */
  renderer(setup: RenderSetup): (jobs: RenderJob[]) => Promise<RenderOutcome[]> {
    const bytes = new TextEncoder().encode(JSON.stringify(setup));
    const shared = new SharedArrayBuffer(bytes.byteLength);
    new Uint8Array(shared).set(bytes);
    const setupId = randomUUID();
    return (jobs) => this.#pool.run({ setupId, setup: shared, jobs } satisfies RenderTask, { name: 'render' }) as Promise<RenderOutcome[]>;
  }

  destroy(): Promise<void> {
    return this.#pool.destroy();
  }
}
