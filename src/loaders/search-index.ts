/**
 * The search index the wiki loader starts building, in a worker thread, as soon as the pages are
 * rendered (src/lib/wiki/search-index.ts), and hands to the search route (src/data/search.ts):
 * Astro bundles and renders the other routes meanwhile. The loader and the routes run in one
 * process but in separately bundled modules, so the hand-over is a property of `globalThis`.
 */
const KEY = Symbol.for('pinkas.searchIndex');
type Slot = { [KEY]?: Promise<Map<string, string>> };

export function handOverSearchIndex(index: Promise<Map<string, string>>): void {
  // Its failure is the search route's to report, when it takes the index.
  index.catch(() => {});
  (globalThis as Slot)[KEY] = index;
}

/** The index the loader started, once (undefined when it started none, as in `npm run dev`). */
export function takeSearchIndex(): Promise<Map<string, string>> | undefined {
  const slot = globalThis as Slot;
  const index = slot[KEY];
  delete slot[KEY];
  return index;
}
