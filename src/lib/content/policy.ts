/**
 * The safe-content policy (ARCHITECTURE.md, "Contributed content is untrusted"). Contributed pages
 * are untrusted: MDX could run code at build time and in readers' browsers, raw HTML could carry
 * scripts. Pinkas never executes MDX — it reads it as data — and this module says what a page may
 * contain; mdx-policy.ts and html-policy.ts report what breaks it:
 *
 * - MDX: only the wiki's own components (`allowedComponents`) with literal attributes; no
 *   `import`/`export`, no `{expressions}` (a lone `{/* comment *\/}` is allowed), no spread attributes.
 * - HTML (raw HTML in `.md`, lowercase JSX elements in `.mdx`): only the tags and attributes of the
 *   sanitize schema below (GitHub's, plus the wiki's own classes); never `<script>`, `<style>`,
 *   `<iframe>`, event-handler attributes, or `javascript:`/`data:`/`vbscript:` URLs.
 *
 * The same modules run in the build, in the editor preview, in the proposal service and in
 * `npm run check:content`. Violations are reported with line and column; the renderer then drops
 * the offending construct (sanitizes), so even a page that slipped through renders inert.
 */
import { defaultSchema, type Schema } from 'hast-util-sanitize';
import type { Severity } from './diagnostics.ts';

/**
 * How strictly a page is held. Whatever the policy, unsafe constructs are removed when rendering;
 * the policy says whether finding one is an `error` (the page is refused: contributions through the
 * editor and the proposal service, `npm run check:content`) or a `warning` (the build, which must
 * not break on a handbook imported from another tool).
 */
export interface ContentPolicy {
  /** Raw HTML outside the allowed set in `.md` files (in `.mdx` it is always an error). */
  rawHtml: Severity;
  /** Link or image addresses that cannot be read (a malformed %-escape such as `%E0%A4%A`). */
  malformedLinks: Severity;
  /**
   * Images from other sites: each one tells that site who reads the page and when. `allow`, or
   * report them (they are then left out of the page).
   */
  externalImages: 'allow' | Severity;
}

/** Contributions: every finding is an error. External images are refused unless the site allows them. */
export function contributionPolicy(options: { externalImages?: 'refuse' | 'allow' } = {}): ContentPolicy {
  return { rawHtml: 'error', malformedLinks: 'error', externalImages: options.externalImages === 'allow' ? 'allow' : 'error' };
}

/** The build: report and go on; the offending constructs are removed from the page. */
export const buildPolicy: ContentPolicy = { rawHtml: 'warning', malformedLinks: 'warning', externalImages: 'allow' };

/** The wiki's own MDX components and the attributes each accepts. */
export const allowedComponents: Readonly<Record<string, { attributes: readonly string[]; required?: readonly string[] }>> = {
  Callout: { attributes: ['type', 'title'] },
  Note: { attributes: ['title'] },
  Tip: { attributes: ['title'] },
  Important: { attributes: ['title'] },
  Warning: { attributes: ['title'] },
  Caution: { attributes: ['title'] },
  Danger: { attributes: ['title'] },
  Steps: { attributes: [] },
  Figure: { attributes: ['src', 'alt', 'caption', 'width'], required: ['src', 'alt'] },
  Details: { attributes: ['summary', 'open'], required: ['summary'] },
};

/** HTML elements a page may never contain (the sanitizer drops them; the HTML policy reports them). */
export const forbiddenTags: ReadonlySet<string> = new Set(['script', 'style', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'form', 'button', 'textarea', 'select', 'link', 'meta', 'base', 'svg', 'math', 'template', 'noscript']);
/** Attributes that hold addresses. */
export const urlAttributes: ReadonlySet<string> = new Set(['href', 'src', 'srcset', 'srcSet', 'action', 'formaction', 'formAction', 'cite', 'longdesc', 'longDesc', 'poster', 'background', 'xlink:href', 'data']);
/** Address schemes that run code or read local files. */
export const unsafeUrl = /^\s*(?:javascript|vbscript|data|file):/i;

/** What the renderer keeps of HTML: GitHub's schema, plus the classes of the wiki's own components. */
export const sanitizeSchema: Schema = {
  ...defaultSchema,
  // Heading ids are added after sanitizing, so user ids only need the usual clobber prefix.
  clobberPrefix: 'user-content-',
  protocols: { ...defaultSchema.protocols, href: [...(defaultSchema.protocols?.href ?? []), 'wikilink'] },
  tagNames: [...(defaultSchema.tagNames ?? []), 'figure', 'figcaption', 'mark', 'abbr', 'u'],
  attributes: {
    ...defaultSchema.attributes,
    div: [...(defaultSchema.attributes?.div ?? []), ['className', 'callout', /^callout-[a-z]+$/, 'steps'], 'role', 'ariaLabel'],
    p: [...(defaultSchema.attributes?.p ?? []), ['className', 'callout-title']],
    figure: [['className', 'figure']],
    img: [...(defaultSchema.attributes?.img ?? []), 'width', 'height', 'loading'],
    details: [...(defaultSchema.attributes?.details ?? []), 'open'],
    abbr: ['title'],
  },
};
