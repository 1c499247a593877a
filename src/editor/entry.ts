/** Starts the editor on `/edit/<slug>/`, from the data the build embedded in the page. */
import { mountEditor } from './editor.ts';
import { readEmbedded, type EditorPage, type PagesFile } from './types.ts';

/** `/edit/pages.json`, or undefined when it cannot be had (the preview then shows every wikilink red). */
export async function loadPages(base: string): Promise<PagesFile | undefined> {
  try {
    const response = await fetch(`${base.endsWith('/') ? base : `${base}/`}edit/pages.json`);
    return response.ok ? ((await response.json()) as PagesFile) : undefined;
  } catch {
    return undefined;
  }
}

export function startEditPage(): void {
  const page = readEmbedded<EditorPage>('pinkas-editor-page');
  const root = document.querySelector<HTMLElement>('[data-editor]');
  if (!page || !root) return;
  mountEditor({ root, page, pages: loadPages(page.base), pageHref: readEmbedded<string>('pinkas-editor-back') });
}
