/**
 * A worker thread of the build's render pool (src/lib/wiki/render-pool.ts): `prepare` and `render`
 * run the tasks of src/lib/wiki/render-task.ts. The build's shared setup (link targets, files,
 * base path, policy) arrives once per build as a SharedArrayBuffer, read on the first batch.
 */
import type { PrepareOptions } from '../content/prepare.ts';
import type { SourceFile } from '../content/read-content.ts';
import { batchRenderer, prepareBatch, type RenderJob, type RenderOutcome, type RenderSetup } from './render-task.ts';

export interface PrepareTask {
  batch: SourceFile[];
  options: PrepareOptions;
}

export interface RenderTask {
  setupId: string;
  /** The build's `RenderSetup`, as UTF-8 JSON. */
  setup: SharedArrayBuffer;
  jobs: RenderJob[];
}

let current: { id: string; render: (batch: readonly RenderJob[]) => Promise<RenderOutcome[]> } | undefined;

export function prepare(task: PrepareTask) {
  return prepareBatch(task.batch, task.options);
}

export function render(task: RenderTask): Promise<RenderOutcome[]> {
  if (current?.id !== task.setupId) {
    // TextDecoder does not read shared memory: copy it once.
    const setup = JSON.parse(new TextDecoder().decode(new Uint8Array(task.setup).slice())) as RenderSetup;
    current = { id: task.setupId, render: batchRenderer(setup) };
  }
  return current.render(task.jobs);
}
