/** The preview pane: a render of the page, in its language and direction, as readers will see it. */
import type { PreviewClientOptions } from './preview-client.ts';
import type { RenderResponse } from './preview-protocol.ts';
import type { EditorShell } from './shell.ts';

type PaneElements = Pick<EditorShell, 'preview' | 'previewTitle' | 'previewDescription' | 'previewBody'>;

/**
 * Shows a render. `imageUrl` gives the preview's own address of an image added in this proposal
 * (it is not on the site yet) for the address the page will have.
 */
export function showPreview(el: PaneElements, result: RenderResponse, imageUrl: (src: string) => string | undefined): void {
  el.preview.lang = result.lang;
  el.preview.dir = result.dir;
  el.previewTitle.textContent = result.title;
  el.previewDescription.textContent = result.description ?? '';
  el.previewDescription.hidden = !result.description;
  el.previewBody.innerHTML = result.html;
  for (const img of el.previewBody.querySelectorAll('img')) {
    const url = imageUrl(img.getAttribute('src') ?? '');
    if (url) img.src = url;
  }
  // Links open beside the editor, so that following one loses nothing.
  for (const a of el.previewBody.querySelectorAll<HTMLAnchorElement>('a[href]')) {
    if (!a.getAttribute('href')!.startsWith('#')) {
      a.target = '_blank';
      a.rel = 'noopener';
    }
  }
  // The preview is one tab stop (it scrolls with the arrow keys), not one per link: Tab goes from
  // the source to the summary. Its links still work with the mouse and by touch.
  for (const focusable of el.previewBody.querySelectorAll<HTMLElement>('a[href], summary, [tabindex]')) focusable.tabIndex = -1;
}

/** Marks the pane busy while a render is under way. */
export function previewBusy(el: Pick<EditorShell, 'preview'>): PreviewClientOptions['onBusy'] {
  return (busy) => {
    if (busy) el.preview.setAttribute('aria-busy', 'true');
    else el.preview.removeAttribute('aria-busy');
  };
}
