/// <reference lib="webworker" />
/**
 * The search worker: loading and querying the index happen here, off the main thread. The engine
 * fetches only what a query needs (the chunks of its words, then the titles and texts of its
 * results); the worker answers each request twice when it has to: at once from the titles layer,
 * and again with the full text.
 */
import { SearchEngine, type SearchResult } from '../lib/search/engine.ts';
import type { SearchRequest, SearchResponse, ShownResult } from './protocol.ts';

let engine: Promise<SearchEngine> | undefined;
/** The latest request of each channel; older ones are not worth finishing. */
const latest = new Map<number, number>();

function open(base: string): Promise<SearchEngine> {
  engine ??= SearchEngine.open(async (file) => {
    const response = await fetch(`${base}search/${file}`);
    if (!response.ok) throw new Error(`${file}: HTTP ${response.status}`);
    return response.json();
  });
  // A failed start (offline, say) is tried again on the next request.
  engine.catch(() => (engine = undefined));
  return engine;
}

function answer(e: SearchEngine, request: SearchRequest, results: SearchResult[], complete: boolean) {
  const { sections, tags, langs } = e.manifest;
  postMessage({ id: request.id, query: request.query, results: results satisfies ShownResult[], complete, facets: { sections, tags, langs } } satisfies SearchResponse);
}

self.onmessage = async (event: MessageEvent<SearchRequest | { prefetch: string }>) => {
  const data = event.data;
  if ('prefetch' in data) {
    open(data.prefetch).catch(() => {});
    return;
  }
  latest.set(data.channel, data.id);
  const isLatest = () => latest.get(data.channel) === data.id;
  try {
    const e = await open(data.base);
    if (!isLatest()) return;
    if (!data.query.trim()) {
      answer(e, data, [], true);
      return;
    }
    let full: SearchResult[] | undefined;
    const fullText = e.search(data.query, data.filters, data.limit).then((results) => (full = results));
    const quick = await e.search(data.query, data.filters, data.limit, { fullText: false });
    // When the full text was already at hand, it is the only answer.
    if (full === undefined && isLatest()) answer(e, data, quick, false);
    await fullText;
    if (isLatest()) answer(e, data, full!, true);
  } catch (error) {
    postMessage({ id: data.id, query: data.query, results: [], complete: true, facets: { sections: [], tags: [], langs: [] }, error: (error as Error).message } satisfies SearchResponse);
  }
};
