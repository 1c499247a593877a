/**
 * What the Content-Security-Policy is computed from: the inline scripts of the built pages that
 * are Pinkas' own, and the other sites that reviewed pages show images from.
 *
 * An inline script is Pinkas' own when its text is, character for character, the text of an
 * `is:inline` script in one of the site's `.astro` files. Hashing whatever inline script a built
 * page holds would let one that slipped into a page through its content run as if it were the
 * site's; such a script is reported instead, and the policy blocks it. (Scripts Astro bundles are
 * files under `/_astro/`, allowed by `'self'`, not inline: see astro.config.mjs.)
 *
 * The pages are scanned with patterns, not parsed, and every mistake fails safe: a script or an
 * image the scan misses is not allowed (the browser tests load every kind of page and fail on any
 * blocked script), and a false match is allowed only if it is the site's own script anyway. An
 * image address written with entities in its scheme or host is not seen, so it is blocked.
 */
import { createHash } from 'node:crypto';
import type { SecurityPolicyInput } from './headers.ts';

export interface ScriptElement {
  /** The attributes, as written between `<script` and `>`. */
  attributes: string;
  /** The text between the tags: what a CSP hash is computed over. */
  text: string;
}

// `</script` ends a script element wherever it appears in it, so the first one after an opening
// tag is the element's end. An .astro file may also close a script in its opening tag (`<script … />`,
// as the JSON data islands do); in HTML that is no end.
const htmlScript = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;
const astroScript = /<script\b([^>]*?)\/>|<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;
const executableTypes = new Set(['', 'module', 'text/javascript', 'application/javascript', 'text/ecmascript', 'application/ecmascript']);

/** The `<script>` elements of an HTML page or of an `.astro` file, in order. */
export function scriptElements(text: string, syntax: 'html' | 'astro' = 'html'): ScriptElement[] {
  if (syntax === 'html') return [...text.matchAll(htmlScript)].map((m) => ({ attributes: m[1]!, text: m[2]! }));
  return [...text.matchAll(astroScript)].map((m) => (m[1] !== undefined ? { attributes: m[1], text: '' } : { attributes: m[2]!, text: m[3]! }));
}

function hasAttribute(attributes: string, name: string): boolean {
  return new RegExp(`(?:^|\\s)${name}(?=[\\s=]|$)`, 'i').test(attributes);
}

function attribute(attributes: string, name: string): string | undefined {
  const match = new RegExp(`(?:^|\\s)${name}(?:\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s"'>]+)))?(?=\\s|$)`, 'i').exec(attributes);
  return match ? (match[1] ?? match[2] ?? match[3] ?? '') : undefined;
}

/** Whether the browser runs the element's text: no `src`, and a JavaScript type (not a JSON data island). */
export function isInlineExecutable(element: ScriptElement): boolean {
  if (hasAttribute(element.attributes, 'src')) return false;
  const type = attribute(element.attributes, 'type')?.trim().toLowerCase() ?? '';
  return executableTypes.has(type);
}

/**
 * The texts of the `is:inline` scripts of an `.astro` file that the browser runs. Scripts whose
 * text Astro fills in (`set:html`, `set:text`, `define:vars`) are not literal, so not included.
 */
export function astroInlineScripts(source: string): string[] {
  return scriptElements(source, 'astro')
    .filter((el) => hasAttribute(el.attributes, 'is:inline') && isInlineExecutable(el))
    .filter((el) => !['set:html', 'set:text', 'define:vars'].some((name) => hasAttribute(el.attributes, name)))
    .map((el) => el.text);
}

/** The texts of the inline scripts of a built page that the browser runs. */
export function htmlInlineScripts(html: string): string[] {
  return scriptElements(html)
    .filter(isInlineExecutable)
    .map((el) => el.text);
}

/** The CSP source expression of a script's text: `sha256-<base64>` of its UTF-8 bytes. */
export function cspHash(text: string): string {
  return `sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}`;
}

const imageElement = /<(?:img|source)\b[^>]*>/gi;

/** The origins of the images a built page loads from other sites (`src` and `srcset` of `<img>` and `<source>`). */
export function externalImageOrigins(html: string): string[] {
  const origins = new Set<string>();
  for (const [tag] of html.matchAll(imageElement)) {
    const attributes = tag.replace(/^<\w+|\/?>$/g, '');
    const urls = [attribute(attributes, 'src'), ...(attribute(attributes, 'srcset') ?? '').split(',').map((c) => c.trim().split(/\s+/)[0])];
    for (const url of urls) {
      const origin = url && externalOrigin(url);
      if (origin) origins.add(origin);
    }
  }
  return [...origins].sort();
}

/** `https://host` of an absolute address; `host` alone (the page's own scheme) of a `//host/…` one. */
function externalOrigin(url: string): string | undefined {
  if (!/^(?:https?:)?\/\//i.test(url)) return undefined;
  try {
    const parsed = new URL(url, 'https://pinkas.invalid');
    if (!parsed.host) return undefined;
    return url.startsWith('//') ? parsed.host : parsed.origin;
  } catch {
    return undefined;
  }
}

/** An inline script of a built page that is not Pinkas' own: the policy blocks it. */
export interface ForeignScript {
  page: string;
  text: string;
}

/**
 * Gathers the policy from the built pages, one page at a time: the hashes of the inline scripts
 * that are the site's own (given the texts of its `.astro` files), and the origins of external images.
 */
export class PolicyCollector {
  readonly #own = new Map<string, string>();
  readonly #used = new Set<string>();
  readonly #origins = new Set<string>();
  readonly foreign: ForeignScript[] = [];

  constructor(astroSources: Iterable<string>) {
    for (const source of astroSources) for (const text of astroInlineScripts(source)) this.#own.set(text, cspHash(text));
  }

  /** What one page brings to the policy: kept per page by the content rebuild, which adds the pages it did not render again as they were. */
  factsOf(html: string): PagePolicyFacts {
    const facts: PagePolicyFacts = { scripts: [], origins: [...externalImageOrigins(html)], foreign: [] };
    for (const text of htmlInlineScripts(html)) {
      const hash = this.#own.get(text);
      if (hash) facts.scripts.push(hash);
      else facts.foreign.push(text);
    }
    return facts;
  }

  add(page: string, facts: PagePolicyFacts): void {
    for (const hash of facts.scripts) this.#used.add(hash);
    for (const text of facts.foreign) this.foreign.push({ page, text });
    for (const origin of facts.origins) this.#origins.add(origin);
  }

  addPage(page: string, html: string): void {
    this.add(page, this.factsOf(html));
  }

  policy(): SecurityPolicyInput {
    return { scriptHashes: [...this.#used].sort(), imageOrigins: [...this.#origins].sort() };
  }
}

/** One page's part of the policy: the hashes of its own inline scripts, its image origins, its foreign scripts. */
export interface PagePolicyFacts {
  scripts: string[];
  origins: string[];
  foreign: string[];
}
