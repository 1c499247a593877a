/// <reference lib="webworker" />
/**
 * The search worker: loading and querying the index happen here, off the main thread. The engine
 * fetches only what a query needs (the chunks of its words, then the titles of its results and, for
 * their passages, the result pages themselves, which the browser then has at hand when the reader
 * opens one); the worker answers each request twice when it has to: at once from the titles layer,
 * and again with the full text.
 */
import { SearchEngine, type RetiredMatch, type SearchResult } from '../lib/search/engine.ts';
import { joinUrl } from '../lib/paths.ts';
import type { SearchRequest, SearchResponse, ShownResult } from './protocol.ts';

let engine: Promise<SearchEngine> | undefined;
/** The latest request of each channel, and how to stop it: older ones are not worth finishing. */
const latest = new Map<number, number>();
const inFlight = new Map<number, AbortController>();
/** When each channel last asked; a request soon after another is a keystroke of a reader typing. */
const askedAt = new Map<number, number>();
const TYPING_PAUSE = 100;

async function fetched(url: string): Promise<Response> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response;
}

function open(base: string): Promise<SearchEngine> {
  engine ??= SearchEngine.open(
    async (file) => (await fetched(`${base}search/${file}`)).json(),
    async (slug) => (await fetched(joinUrl(base, slug))).text(),
  );
  // A failed start (offline, say) is tried again on the next request.
  engine.catch(() => (engine = undefined));
  return engine;
}

function answer(e: SearchEngine, request: SearchRequest, results: SearchResult[], complete: boolean, retired: RetiredMatch[] = []) {
  const { sections, tags, langs } = e.manifest;
  postMessage({ id: request.id, query: request.query, results: results satisfies ShownResult[], complete, ...(retired.length ? { retired } : {}), facets: { sections, tags, langs } } satisfies SearchResponse);
}

self.onmessage = async (event: MessageEvent<SearchRequest | { prefetch: string }>) => {
  const data = event.data;
  if ('prefetch' in data) {
    open(data.prefetch).catch(() => {});
    return;
  }
  latest.set(data.channel, data.id);
  const typing = performance.now() - (askedAt.get(data.channel) ?? -Infinity) < 500;
  askedAt.set(data.channel, performance.now());
  const isLatest = () => latest.get(data.channel) === data.id;
  // The reader typed on: what the previous query still had to fetch (titles, texts) is not needed.
  inFlight.get(data.channel)?.abort();
  const controller = new AbortController();
  inFlight.set(data.channel, controller);
  const { signal } = controller;
  try {
    const e = await open(data.base);
    // Let keystrokes already on their way arrive first: only the latest query is worth loading for.
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (!isLatest()) return;
    if (!data.query.trim()) {
      answer(e, data, [], true);
      return;
    }
    let full: SearchResult[] | undefined;
    const fullText = (async () => {
      // While the reader is still typing, the full text waits for a pause: each answer it would give
      // on the way costs the texts of its results.
      if (typing) await new Promise((resolve) => setTimeout(resolve, TYPING_PAUSE));
      signal.throwIfAborted();
      return (full = await e.search(data.query, data.filters, data.limit, { signal }));
    })();
    // Its failure is reported below, when it is awaited.
    fullText.catch(() => {});
    const quick = await e.search(data.query, data.filters, data.limit, { fullText: false, signal });
    // When the full text was already at hand, it is the only answer.
    if (full === undefined && isLatest()) answer(e, data, quick, false);
    await fullText;
    const retired = await e.retired(data.query).catch(() => []);
    if (isLatest()) answer(e, data, full!, true, retired);
  } catch (error) {
    if (signal.aborted) return;
    postMessage({ id: data.id, query: data.query, results: [], complete: true, facets: { sections: [], tags: [], langs: [] }, error: (error as Error).message } satisfies SearchResponse);
  }
};
