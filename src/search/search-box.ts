/**
 * The search box in the header (src/components/SearchBox.astro): a combobox (ARIA 1.2) whose
 * listbox shows results as the reader types. Ctrl/Cmd+K or "/" focus it. It is on every page, so
 * it stays small: the worker starts when the page is idle, the index loads when the reader heads
 * for the box.
 */
import { createSearch, prefetch, warmUp } from './client.ts';
import type { SearchResponse } from './protocol.ts';
import { base } from './base.ts';
import { newPageHref, resultContent, resultHref, retiredNotice, searchPageHref } from './render.ts';
import { searchSignals } from './signals.ts';

export function startSearchBox(): void {
  const form = document.querySelector<HTMLFormElement>('.search-box')!;
  const input = form.querySelector<HTMLInputElement>('#search-input')!;
  const popup = form.querySelector<HTMLElement>('.search-popup')!;
  const listbox = form.querySelector<HTMLUListElement>('#search-listbox')!;
  const footer = form.querySelector<HTMLElement>('.search-popup-footer')!;
  const fill = (text: string, query: string) => text.replace('{query}', query);
  let active = -1;
  let hrefs: string[] = [];
  const signals = searchSignals(base, document.documentElement.lang);
  const open = (href: string) => {
    signals.opened();
    location.assign(href);
  };

  const setOpen = (open: boolean) => {
    popup.hidden = !open;
    input.setAttribute('aria-expanded', String(open));
    if (!open) setActive(-1);
  };

  const setActive = (index: number) => {
    const options = [...listbox.querySelectorAll<HTMLElement>('[role="option"]')];
    active = options.length === 0 ? -1 : Math.max(-1, Math.min(index, options.length - 1));
    options.forEach((o, i) => o.setAttribute('aria-selected', String(i === active)));
    if (active >= 0) {
      input.setAttribute('aria-activedescendant', options[active]!.id);
      options[active]!.scrollIntoView({ block: 'nearest' });
    } else input.removeAttribute('aria-activedescendant');
  };

  const show = (response: SearchResponse) => {
    const query = input.value.trim();
    if (!query) return setOpen(false);
    hrefs = response.results.map(resultHref);
    listbox.replaceChildren(
      ...response.results.map((result, i) => {
        const option = document.createElement('li');
        option.id = `search-option-${i}`;
        option.setAttribute('role', 'option');
        option.setAttribute('aria-selected', 'false');
        option.dataset.href = hrefs[i];
        option.lang = result.lang;
        option.dir = 'auto';
        option.append(resultContent(result, { draft: form.dataset.draft! }));
        option.addEventListener('mousedown', (event) => event.preventDefault());
        option.addEventListener('click', () => open(hrefs[i]!));
        return option;
      }),
    );
    const link = document.createElement('a');
    footer.replaceChildren();
    if (response.results.length === 0 && response.complete && response.query.trim() === query) {
      footer.append(fill(form.dataset.noResults!, query), ' ');
      link.href = newPageHref(query);
      link.textContent = fill(form.dataset.propose!, query);
    } else {
      link.href = searchPageHref(query);
      link.textContent = fill(form.dataset.all!, query);
      link.addEventListener('click', () => signals.handedOver());
    }
    footer.append(link);
    // A page no longer in force that the query names: say so, and where its successor is.
    footer.prepend(...retiredNotice(response.retired ?? [], { retired: form.dataset.retired!, superseded: form.dataset.superseded!, replaced: form.dataset.replaced! }));
    // Which query is shown, and whether the full text has answered it (tests and benchmarks wait for it).
    popup.dataset.query = response.query;
    popup.dataset.complete = String(response.complete);
    if (response.complete && response.query.trim() === query) signals.shown(query, response.results.length);
    setOpen(true);
    setActive(response.results.length && active >= 0 ? Math.min(active, response.results.length - 1) : -1);
  };

  // At most 8 results, as the client gives by default.
  const search = createSearch(show);
  if ('requestIdleCallback' in window) requestIdleCallback(warmUp, { timeout: 3000 });
  else setTimeout(warmUp, 1000);
  input.addEventListener('focus', prefetch, { once: true });
  input.addEventListener('pointerenter', prefetch, { once: true });
  input.addEventListener('input', () => {
    active = -1;
    if (input.value.trim()) search(input.value);
    else setOpen(false);
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (popup.hidden && input.value.trim()) search(input.value);
      setActive(active + (event.key === 'ArrowDown' ? 1 : -1));
    } else if (event.key === 'Enter' && active >= 0 && hrefs[active]) {
      event.preventDefault();
      open(hrefs[active]!);
    } else if (event.key === 'Escape') {
      if (!popup.hidden) setOpen(false);
      else input.value = '';
    }
  });
  form.addEventListener('submit', () => signals.handedOver());
  input.addEventListener('blur', () => setTimeout(() => !form.contains(document.activeElement) && setOpen(false), 100));

  // Ctrl/Cmd+K or "/" focuses the search box — but not from a place where the reader types: there
  // the keys are that field's own (in the editor's source, Ctrl+K inserts a link).
  document.addEventListener('keydown', (event) => {
    const target = event.target as HTMLElement;
    const editable = target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
    if ((editable && target !== input) || event.defaultPrevented) return;
    if ((event.key.toLowerCase() === 'k' && (event.ctrlKey || event.metaKey) && !event.shiftKey) || (event.key === '/' && !editable)) {
      event.preventDefault();
      input.focus();
      input.select();
    }
  });
}
