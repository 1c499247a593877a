/**
 * The search client for the main thread: starts the worker on first use and hands each caller the
 * answers to its latest query only.
 */
import { base } from './base.ts';
import type { SearchFilters, SearchRequest, SearchResponse } from './protocol.ts';

let worker: Worker | undefined;
let nextId = 1;
let nextChannel = 1;
const listeners = new Map<number, (response: SearchResponse) => void>();

function getWorker(): Worker {
  if (!worker) {
    worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<SearchResponse>) => listeners.get(event.data.id)?.(event.data);
  }
  return worker;
}

/**
 * Starts the worker without loading any index (when the page is idle), so that the first keystroke
 * does not wait for the worker's script to load and compile.
 */
export function warmUp(): void {
  getWorker();
}

/** Starts loading the titles index (when the reader heads for a search box). */
export function prefetch(): void {
  getWorker().postMessage({ prefetch: base });
}

/**
 * Runs a query. `onResponse` is called with the quick answer and again with the full-text answer.
 * While the reader types, an answer to a query a few keystrokes old is still shown (results keep up
 * with the typing); an answer older than one already shown is dropped.
 */
export function createSearch(onResponse: (response: SearchResponse) => void) {
  const channel = nextChannel++;
  let shown = 0;
  const pending: number[] = [];
  return (query: string, filters: SearchFilters = {}, limit = 8) => {
    const id = nextId++;
    pending.push(id);
    listeners.set(id, (response) => {
      if (response.id < shown) return;
      shown = response.id;
      onResponse(response);
      // Older requests will not be answered any more (the worker skips them): forget them.
      while (pending.length && pending[0]! < id) listeners.delete(pending.shift()!);
      if (response.complete && pending[0] === id) listeners.delete(pending.shift()!);
    });
    getWorker().postMessage({ id, channel, query, filters, limit, base } satisfies SearchRequest);
  };
}
