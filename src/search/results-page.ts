/**
 * The full results page, /search/?q=…&section=…&tag=…&lang=… (src/pages/search/index.astro): the
 * address is the search, so it can be shared, works on reload, and each search is a history entry.
 */
import { bindElements } from '../dom/elements.ts';
import { createSearch } from './client.ts';
import type { SearchFilters, SearchResponse } from './protocol.ts';
import { base } from './base.ts';
import { newPageHref, resultContent, resultHref, retiredNotice } from './render.ts';
import { searchSignals } from './signals.ts';

export const resultsPageSpec = {
  page: ['.search-page', 'article'],
  form: ['.search-form', 'form'],
  input: ['#search-page-q', 'input'],
  status: ['.search-status', 'p'],
  list: ['.search-results', 'ol'],
  empty: ['.search-empty', 'p'],
} as const;

/** How many results the page shows. */
const LIMIT = 50;
const filterKeys = ['section', 'tag', 'lang'] as const;

export function startResultsPage(): void {
  const { page, form, input, status, list, empty } = bindElements(document, resultsPageSpec, 'The search page');
  const siteTitle = document.title;
  const signals = searchSignals(base, document.documentElement.lang);
  const text = (key: string, query = '', count = 0) => (page.dataset[key] ?? '').replace('{query}', query).replace('{count}', String(count));

  /** The search the address asks for, shown in the form. */
  const readUrl = () => {
    const params = new URLSearchParams(location.search);
    const filters: SearchFilters = {};
    for (const key of filterKeys) {
      const value = params.get(key) ?? '';
      (form.elements.namedItem(key) as HTMLSelectElement).value = value;
      if (value) filters[key] = value;
    }
    input.value = params.get('q') ?? '';
    return { query: input.value, filters };
  };

  const show = (response: SearchResponse) => {
    const query = input.value.trim();
    list.replaceChildren();
    if (response.error) {
      status.textContent = text('error').replace('{error}', response.error);
      return;
    }
    for (const result of response.results) {
      const item = document.createElement('li');
      item.lang = result.lang;
      item.dir = 'auto';
      const link = document.createElement('a');
      link.href = resultHref(result);
      link.addEventListener('click', () => signals.opened());
      link.append(resultContent(result, { draft: text('draft') }));
      item.append(link);
      list.append(item);
    }
    for (const old of page.querySelectorAll('.search-retired')) old.remove();
    list.before(...retiredNotice(response.retired ?? [], { retired: text('retired'), superseded: text('superseded'), replaced: text('replaced') }));
    const count = response.results.length;
    if (response.complete && query) signals.shown(query, count);
    status.textContent = (count === 1 ? text('countOne') : text('count', query, count)) + (response.complete ? '' : ` — ${text('loading')}`);
    empty.hidden = !(count === 0 && response.complete);
    if (!empty.hidden) {
      const propose = document.createElement('a');
      propose.href = newPageHref(query);
      propose.textContent = text('propose', query);
      empty.replaceChildren(text('noResults', query), ' ', propose);
    }
  };

  const search = createSearch(show);
  const run = () => {
    const { query, filters } = readUrl();
    document.title = query.trim() ? `${query.trim()} · ${siteTitle}` : siteTitle;
    if (query.trim()) search(query, filters, LIMIT);
    else {
      list.replaceChildren();
      status.textContent = '';
      empty.hidden = true;
    }
  };

  // Each search is a history entry: the address can be shared, and Back returns to the last one.
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const params = new URLSearchParams();
    for (const [key, value] of new FormData(form)) if (String(value).trim()) params.set(key, String(value).trim());
    history.pushState(null, '', `?${params}`);
    run();
  });
  form.addEventListener('change', (event) => {
    if ((event.target as HTMLElement).tagName === 'SELECT') form.requestSubmit();
  });
  window.addEventListener('popstate', run);
  run();
}
