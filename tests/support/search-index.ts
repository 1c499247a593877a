/** The search engine over a content folder, built as `npm run build` builds it (shared with the benchmark). */
export { engineFor } from '../../scripts/lib/wiki-search.ts';
