/** Starts the editor of the page `/edit/<slug>/` names: its source from its chunk, the rest embedded in the editor page. */
import { openAppPage } from '../dom/app-page.ts';
import { PAGES_FILE } from '../lib/app-pages.ts';
import { joinUrl } from '../lib/paths.ts';
import { mountEditor } from './editor.ts';
import { readEmbedded, type EditableSource, type EditorAppData, type PagesFile } from './types.ts';

/** `/_wiki/pages.json`, or undefined when it cannot be had (the preview then shows every wikilink red). */
export async function loadPages(base: string): Promise<PagesFile | undefined> {
  try {
    const response = await fetch(joinUrl(base, PAGES_FILE, false));
    return response.ok ? ((await response.json()) as PagesFile) : undefined;
  } catch {
    return undefined;
  }
}

export async function startEditPage(): Promise<void> {
  const app = readEmbedded<EditorAppData>('pinkas-editor-app');
  const shell = document.querySelector<HTMLElement>('[data-editor-app]');
  const root = shell?.querySelector<HTMLElement>('[data-editor]');
  if (!app || !shell || !root) return;
  // The page list is needed only once the preview runs: fetch it alongside the source.
  const pages = loadPages(app.base);
  const opened = await openAppPage<EditableSource>(app);
  if (!opened) return;
  const title = shell.querySelector<HTMLElement>('[data-app-title]')!;
  const { slug, entry } = opened;
  if (!entry || !app.baseCommit) {
    title.textContent = shell.dataset.missing ?? '';
    root.hidden = true;
    const body = document.createElement('p');
    body.textContent = shell.dataset.missingBody ?? '';
    title.after(body);
    return;
  }
  const pageHref = joinUrl(app.base, slug);
  title.textContent = (shell.dataset.title ?? '').replace('{title}', () => entry.title);
  document.title = (shell.dataset.documentTitle ?? '').replace('{title}', () => entry.title);
  shell.querySelector<HTMLAnchorElement>('[data-app-back]')!.href = pageHref;
  shell.querySelector('[data-app-path]')!.textContent = entry.repoPath;
  shell.querySelector<HTMLElement>('[data-app-links]')!.hidden = false;
  mountEditor({
    root,
    page: { mode: 'edit', slug, ...entry, baseCommit: app.baseCommit, defaultLang: app.defaultLang, base: app.base, limits: app.limits },
    pages,
    pageHref,
  });
}
