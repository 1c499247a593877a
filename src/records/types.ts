/** What the build hands the history page (`/_wiki/history/`): its settings, embedded, and the history chunks. */
import type { AppPageData } from '../lib/app-pages.ts';

/** One page's history, from its chunk. */
export interface HistoryEntry {
  lang: string;
  title: string;
  /** The history as HTML (src/lib/history/fragment.ts), in the page's language. */
  html: string;
}

/** `/_wiki/history-data/<n>.json.gz`: the histories of one chunk's pages, by slug. */
export interface HistoryChunk {
  pages: Record<string, HistoryEntry>;
}

/** What the history page embeds. */
export type HistoryAppData = AppPageData;
