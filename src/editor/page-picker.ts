/**
 * The wikilink page picker: a modal dialog with a search field (a combobox) over the titles, paths
 * and other addresses of every page. Arrow keys move, Enter inserts, Escape cancels.
 */
import type { PageEntry } from './types.ts';

const fold = (text: string) => text.normalize('NFKD').replace(/[\u0300-\u036f\u0591-\u05c7]/g, '').toLowerCase();

/** Pages matching `query` (every word, in the title or the address), best first. */
export function matchPages(pages: readonly PageEntry[], query: string, limit = 30): PageEntry[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...pages].filter((p) => p.path).sort((a, b) => a.title.localeCompare(b.title)).slice(0, limit);
  const scored: { page: PageEntry; score: number }[] = [];
  for (const page of pages) {
    const title = fold(page.title);
    const where = `${fold(page.slug)} ${(page.aliases ?? []).map(fold).join(' ')}`;
    if (!words.every((w) => title.includes(w) || where.includes(w))) continue;
    const q = words.join(' ');
    const score = (title === q ? 100 : 0) + (title.startsWith(q) ? 50 : 0) + words.filter((w) => new RegExp(`(^|\\s)${w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`).test(title)).length * 10 + (words.every((w) => title.includes(w)) ? 5 : 0) - title.length / 100;
    scored.push({ page, score });
  }
  return scored.sort((a, b) => b.score - a.score || a.page.title.localeCompare(b.page.title)).slice(0, limit).map((s) => s.page);
}

/**
 * How to link a page in a wikilink from `fromSlug`: by its title when the title surely leads there
 * (no other page has it, or the page is the only one with it in the linking page's section, which
 * wins ties), else by its path.
 */
export function wikilinkTarget(page: PageEntry, pages: readonly PageEntry[], fromSlug: string): string {
  if (/[/|#[\]]/.test(page.title) || !page.title.trim()) return page.slug;
  const key = (t: string) => t.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
  const same = pages.filter((p) => key(p.title) === key(page.title));
  if (same.length <= 1) return page.title;
  const section = (slug: string) => slug.split('/')[0];
  const inSection = same.filter((p) => section(p.slug) === section(fromSlug));
  return inSection.length === 1 && inSection[0]!.slug === page.slug ? page.title : page.slug;
}

export interface PickerElements {
  dialog: HTMLDialogElement;
  input: HTMLInputElement;
  list: HTMLUListElement;
  none: HTMLElement;
  cancel: HTMLButtonElement;
}

/** Opens the picker; resolves with the chosen page, or undefined when cancelled. */
export function pickPage(el: PickerElements, pages: readonly PageEntry[], initial = ''): Promise<PageEntry | undefined> {
  return new Promise((resolve) => {
    let shown: PageEntry[] = [];
    let active = 0;
    const controller = new AbortController();
    const { signal } = controller;

    const render = () => {
      shown = matchPages(pages, el.input.value);
      active = Math.min(active, Math.max(0, shown.length - 1));
      el.list.replaceChildren(
        ...shown.map((page, i) => {
          const li = document.createElement('li');
          li.id = `pinkas-picker-option-${i}`;
          li.setAttribute('role', 'option');
          li.setAttribute('aria-selected', String(i === active));
          li.lang = page.lang;
          const title = document.createElement('span');
          title.className = 'picker-title';
          title.dir = 'auto';
          title.textContent = page.title;
          const where = document.createElement('span');
          where.className = 'picker-where';
          where.dir = 'ltr';
          where.textContent = `/${page.slug}${page.slug ? '/' : ''}`;
          li.append(title, where);
          li.addEventListener('mousedown', (event) => event.preventDefault(), { signal });
          li.addEventListener('click', () => finish(page), { signal });
          return li;
        }),
      );
      el.none.hidden = shown.length > 0;
      if (shown.length) el.input.setAttribute('aria-activedescendant', `pinkas-picker-option-${active}`);
      else el.input.removeAttribute('aria-activedescendant');
      el.list.querySelector(`[aria-selected="true"]`)?.scrollIntoView({ block: 'nearest' });
    };

    const finish = (page: PageEntry | undefined) => {
      controller.abort();
      el.dialog.close();
      resolve(page);
    };

    el.input.addEventListener('input', () => { active = 0; render(); }, { signal });
    el.input.addEventListener('keydown', (event) => {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        active = Math.max(0, Math.min(shown.length - 1, active + (event.key === 'ArrowDown' ? 1 : -1)));
        render();
      } else if (event.key === 'Enter') {
        event.preventDefault();
        if (shown[active]) finish(shown[active]);
      }
    }, { signal });
    el.cancel.addEventListener('click', () => finish(undefined), { signal });
    el.dialog.addEventListener('cancel', (event) => { event.preventDefault(); finish(undefined); }, { signal });
    el.dialog.addEventListener('click', (event) => { if (event.target === el.dialog) finish(undefined); }, { signal });

    el.input.value = initial;
    render();
    el.dialog.showModal();
    el.input.focus();
    el.input.select();
  });
}
