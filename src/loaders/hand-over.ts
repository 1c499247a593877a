/**
 * What a build's content loaders hand to its routes: the wiki's pages, the templates for new
 * pages, and the search index the wiki loader starts building in a worker thread as soon as the
 * pages are rendered (src/lib/wiki/search-index.ts), so that Astro bundles and renders the other
 * routes meanwhile. The loaders and the routes run in one process but in separately bundled
 * modules, so the hand-over is a property of `globalThis`.
 *
 * A build's routes read the wiki from here, not from the collections Astro bundled: the content
 * rebuild (src/integrations/content-rebuild/) renders changed routes with the last build's bundle,
 * whose collections are as they were, after handing over the content as it is now. `npm run dev`
 * reads the collections (nothing is handed over there).
 */
import type { PageData, TemplateData } from './schemas.ts';

const KEY = Symbol.for('pinkas.handOver');

/** A template as the `templates` collection holds it: its data and its text. */
export interface TemplateEntry {
  data: TemplateData;
  body: string;
}

interface HandOver {
  pages?: PageData[];
  templates?: TemplateEntry[];
  searchIndex?: Promise<Map<string, string>>;
}
type Slot = { [KEY]?: HandOver };

const slot = (): HandOver => ((globalThis as Slot)[KEY] ??= {});

export function handOverPages(pages: PageData[]): void {
  slot().pages = pages;
}

export function handOverTemplates(templates: TemplateEntry[]): void {
  slot().templates = templates;
}

export function handOverSearchIndex(index: Promise<Map<string, string>>): void {
  // Its failure is the search route's to report, when it takes the index.
  index.catch(() => {});
  slot().searchIndex = index;
}

/** The pages the wiki loader (or the content rebuild) handed over; undefined in `npm run dev`. */
export function handedPages(): PageData[] | undefined {
  return slot().pages;
}

export function handedTemplates(): TemplateEntry[] | undefined {
  return slot().templates;
}

/** The index the loader started, once (undefined when it started none, as in `npm run dev`). */
export function takeSearchIndex(): Promise<Map<string, string>> | undefined {
  const handed = slot();
  const index = handed.searchIndex;
  delete handed.searchIndex;
  return index;
}
