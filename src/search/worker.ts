/// <reference lib="webworker" />
/**
 * The search worker: loading and querying the index happen here, off the main thread, so the page
 * never freezes while a large index loads. It answers each request twice when it has to: at once
 * from the titles index, and again when the full text is in.
 */
import { highlight } from '../lib/search/highlight.ts';
import { SearchEngine } from '../lib/search/engine.ts';
import type { SearchRequest, SearchResponse, ShownResult } from './protocol.ts';

let engine: Promise<SearchEngine> | undefined;
let fullText: Promise<void> | undefined;
/** The latest request of each channel; older ones are not worth finishing. */
const latest = new Map<number, number>();

function open(base: string): Promise<SearchEngine> {
  engine ??= SearchEngine.open(async (file) => {
    const response = await fetch(`${base}search/${file}`);
    if (!response.ok) throw new Error(`${file}: HTTP ${response.status}`);
    return response.json();
  });
  return engine;
}

function answer(e: SearchEngine, request: SearchRequest, complete: boolean) {
  const results: ShownResult[] = e.search(request.query, request.filters, request.limit).map((r) => ({
    ...r,
    titleMarks: highlight(r.title, request.query),
    headingMarks: r.heading ? highlight(r.heading.text, request.query) : [],
    snippetMarks: highlight(r.snippet, request.query),
  }));
  const { sections, tags, langs } = e.manifest;
  postMessage({ id: request.id, query: request.query, results, complete, facets: { sections, tags, langs } } satisfies SearchResponse);
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
      answer(e, data, true);
      return;
    }
    answer(e, data, e.fullTextLoaded);
    if (!e.fullTextLoaded) {
      fullText ??= e.loadFullText();
      await fullText;
      if (isLatest()) answer(e, data, true);
    }
  } catch (error) {
    postMessage({ id: data.id, query: data.query, results: [], complete: true, facets: { sections: [], tags: [], langs: [] }, error: (error as Error).message } satisfies SearchResponse);
  }
};
