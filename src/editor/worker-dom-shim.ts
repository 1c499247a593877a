/**
 * In the browser, `decode-named-character-reference` (micromark's decoder of `&amp;`-style
 * references) decodes with a DOM element it creates when its module loads — and a worker has no
 * DOM. While the pipeline's modules load, this stands in for `document` with the same table of
 * named references the Node build uses (`character-entities`), so the preview decodes exactly as
 * the site does. `worker-dom-shim-end.ts` removes it again.
 */
import { characterEntities } from 'character-entities';

const scope = globalThis as { document?: unknown };
if (scope.document === undefined) {
  const own = Object.prototype.hasOwnProperty;
  scope.document = {
    createElement: () => {
      let text = '';
      return {
        set innerHTML(html: string) {
          const name = html.slice(1, -1);
          text = html.startsWith('&') && html.endsWith(';') && own.call(characterEntities, name) ? characterEntities[name]! : html;
        },
        get textContent() {
          return text;
        },
      };
    },
    pinkasShim: true,
  };
}
