/**
 * One typed binding of a piece of markup: every element a script needs, looked up once by its
 * selector and checked to be the tag the script expects. A missing or different element is an
 * error that names it, at start-up, not a `null` somewhere later.
 */

/** What to find: a name for each element, with its selector and tag (`['#search-input', 'input']`). */
export type ElementSpec = Record<string, readonly [selector: string, tag: keyof HTMLElementTagNameMap]>;

/** The elements of a spec, each typed by its tag. */
export type Bound<S extends ElementSpec> = { readonly [K in keyof S]: HTMLElementTagNameMap[S[K][1]] };

/** Where the elements are looked up: a document, or the element that holds the markup. */
export interface ElementRoot {
  querySelector(selector: string): Element | null;
}

/**
 * Looks up every element of `spec` under `root`. Throws one error naming each element that is
 * missing or has another tag; `markup` says whose markup it is (`The editor's markup`).
 */
export function bindElements<S extends ElementSpec>(root: ElementRoot, spec: S, markup: string): Bound<S> {
  const found: Record<string, Element> = {};
  const wrong: string[] = [];
  for (const [name, [selector, tag]] of Object.entries(spec)) {
    const element = root.querySelector(selector);
    const actual = element?.tagName.toLowerCase();
    if (!element) wrong.push(`no ${selector}`);
    else if (actual !== tag) wrong.push(`${selector} as a <${actual}>, not a <${tag}>`);
    else found[name] = element;
  }
  if (wrong.length) throw new Error(`${markup} has ${wrong.join('; ')}`);
  return found as Bound<S>;
}
