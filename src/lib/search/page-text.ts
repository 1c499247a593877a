/**
 * A page's text as search reads it, from its HTML: the text cut into sections at second- and
 * third-level headings (so that a result can link to `page#heading`), code blocks left out (they
 * drown the prose; inline code stays), and the page's description. The index is built from the
 * sections of each page's rendered content; the browser's search worker reads the same sections
 * from the page itself (its content is the `<div class="prose">` of the page, its description the
 * `<p class="page-description">`), so a result's passage needs no file of its own. Browser-safe,
 * no DOM: the HTML is the pipeline's (every element closed, `<` escaped in text) and Astro's.
 */

export interface TextSection {
  /** The heading's id ('' for the text before the first heading). */
  id: string;
  heading: string;
  text: string;
}

/** A page's text: `[heading id, heading text, text]` per section, and the description. */
export type SectionRow = [string, string, string];

export interface PageText {
  /** The page's description, the best summary of its opening. */
  d?: string;
  s: SectionRow[];
}

/** Where a wiki page's HTML holds its content and its description. */
export const CONTENT_START = '<div class="prose"';
export const DESCRIPTION_START = '<p class="page-description"';

/** Elements that separate words (the text on either side is not one word). */
const BLOCKS = new Set(['p', 'li', 'td', 'th', 'dt', 'dd', 'blockquote', 'figcaption', 'summary', 'tr', 'div', 'section', 'ul', 'ol', 'table', 'details', 'figure']);
/** A tag (attribute values quoted, as both serializers write them), a comment, or a doctype. */
const TOKEN = /<(\/?)([A-Za-z][A-Za-z0-9-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>|<!--[\s\S]*?-->|<![^>]*>/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00A0' };

/** Text with its character references decoded (numeric ones, and the few named ones serializers write). */
export function decodeText(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(?:#[xX]([0-9a-fA-F]+)|#(\d+)|([a-zA-Z]+));/g, (whole, hex: string, dec: string, name: string) => {
    if (name) return NAMED[name] ?? whole;
    const code = hex ? parseInt(hex, 16) : Number(dec);
    return code > 0x10ffff ? whole : String.fromCodePoint(code);
  });
}

function attribute(attributes: string, name: string): string {
  const m = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`).exec(attributes);
  return m ? decodeText(m[1] ?? m[2] ?? m[3] ?? '') : '';
}

const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

/** The sections of rendered content HTML (the pipeline's output). */
export function sectionsOf(html: string): TextSection[] {
  const sections: TextSection[] = [{ id: '', heading: '', text: '' }];
  const parts: string[][] = [[]];
  /** An element whose text is left out (a code block, a heading for screen readers only) or is a heading's. */
  let inside: { tag: string; depth: number; heading?: string[] } | undefined;
  let at = 0;
  const text = (raw: string) => {
    if (!raw) return;
    const value = decodeText(raw);
    if (inside?.heading) inside.heading.push(value);
    else if (!inside) parts.at(-1)!.push(value);
  };
  for (const m of html.matchAll(TOKEN)) {
    text(html.slice(at, m.index));
    at = m.index + m[0].length;
    const tag = m[2]?.toLowerCase();
    if (!tag) continue;
    const closing = m[1] === '/';
    if (inside) {
      if (tag === inside.tag) inside.depth += closing ? -1 : 1;
      if (inside.depth > 0) continue;
      if (inside.heading) {
        sections.at(-1)!.heading = squash(inside.heading.join(''));
        parts.push([]);
      }
      inside = undefined;
      continue;
    }
    const rank = /^h[1-6]$/.test(tag) ? Number(tag[1]) : 0;
    if (!closing && (rank === 2 || rank === 3)) {
      sections.push({ id: attribute(m[3]!, 'id'), heading: '', text: '' });
      inside = { tag, depth: 1, heading: [] };
      continue;
    }
    if (!closing && (tag === 'pre' || (rank && attribute(m[3]!, 'class').includes('sr-only')))) {
      inside = { tag, depth: 1 };
      continue;
    }
    if (BLOCKS.has(tag) || rank || (tag === 'br' && !closing)) parts.at(-1)!.push(' ');
  }
  text(html.slice(at));
  sections.forEach((s, i) => (s.text = squash((parts[i] ?? []).join(''))));
  return sections.filter((s) => s.heading || s.text);
}

/** Where the page's content is in its HTML: from the end of the content element's start tag to its end tag. */
export function contentRange(pageHtml: string): [start: number, end: number] | undefined {
  const at = pageHtml.indexOf(CONTENT_START);
  if (at === -1) return undefined;
  const token = new RegExp(TOKEN.source, 'g');
  token.lastIndex = at;
  let depth = 0;
  for (let m = token.exec(pageHtml); m; m = token.exec(pageHtml)) {
    if (m[2]?.toLowerCase() !== 'div') continue;
    depth += m[1] === '/' ? -1 : 1;
    if (depth === 0) return [pageHtml.indexOf('>', at) + 1, m.index];
  }
  return [pageHtml.indexOf('>', at) + 1, pageHtml.length];
}

/** The text search shows of a wiki page, from the page's HTML. */
export function pageTextOf(pageHtml: string): PageText {
  const out: PageText = { s: [] };
  const d = pageHtml.indexOf(DESCRIPTION_START);
  if (d !== -1) {
    const open = pageHtml.indexOf('>', d) + 1;
    out.d = decodeText(pageHtml.slice(open, pageHtml.indexOf('</p>', open)));
  }
  const content = contentRange(pageHtml);
  if (content) out.s = sectionsOf(pageHtml.slice(...content)).map((s) => [s.id, s.heading, s.text]);
  return out;
}
