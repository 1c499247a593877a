/** Messages between the search UI (main thread) and the search worker. */
import type { Segment } from '../lib/search/highlight.ts';
import type { RetiredMatch, SearchFilters, SearchResult } from '../lib/search/engine.ts';

export type { RetiredMatch, Segment, SearchFilters };

export interface SearchRequest {
  id: number;
  /** Who asks (each search box is a channel): only its latest request is answered in full. */
  channel: number;
  query: string;
  filters: SearchFilters;
  limit: number;
  /** The site's base path, for fetching `/search/*.json`. */
  base: string;
}

export interface ShownResult extends SearchResult {
  titleMarks: Segment[];
  snippetMarks: Segment[];
  headingMarks: Segment[];
}

export interface SearchResponse {
  id: number;
  /** The query this answers (while the reader types, it may be a few keystrokes behind). */
  query: string;
  results: ShownResult[];
  /** False while the full text is still loading: more results may follow for the same id. */
  complete: boolean;
  /** Pages no longer in force that the query names (with the complete answer only). */
  retired?: RetiredMatch[];
  /** Sections, tags and languages of the index, for filters. */
  facets: { sections: string[]; tags: string[]; langs: string[] };
  error?: string;
}
