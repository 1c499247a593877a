/**
 * Rendered HTML made ready for paper: every disclosure (`<details>`, the `<Details>` component)
 * open, so a printed page or binder carries the answers that the screen keeps folded.
 */
export function openDisclosures(html: string): string {
  return html.replace(/<details(?=[\s>])(?![^>]*\sopen(?:[\s=>]))/g, '<details open');
}
