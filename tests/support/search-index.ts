/** The search engine over a content folder, built as `npm run build` builds it (shared with the benchmark), and result pages as the worker reads them. */
export { engineFor } from '../../scripts/lib/wiki-search.ts';
export { pageHtmlOf, pageLoader, shellOf } from '../../scripts/lib/search-pages.ts';
