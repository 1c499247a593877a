/**
 * The callout a page opens with, taken out of its rendered HTML: a retired or superseded page
 * usually explains itself in one ("> [!WARNING] Retired page …"), and the page's status banner
 * says the same, so the banner carries the explanation and the page shows one banner, not two.
 * Works on the pipeline's own output (sanitized HTML, callouts as `<div class="callout …">`).
 */

export interface LeadingCallout {
  /** The callout's content without its title paragraph. */
  body: string;
  /** The page's HTML after the callout. */
  rest: string;
}

const OPENING = /^\s*<div class="callout(?: [^"]*)?"[^>]*>/;
const DIV = /<div\b|<\/div>/g;
const TITLE = /^\s*<p class="callout-title">[\s\S]*?<\/p>/;

/** The page's first element when it is a callout, split from the rest; undefined otherwise. */
export function leadingCallout(html: string): LeadingCallout | undefined {
  const opening = OPENING.exec(html);
  if (!opening) return undefined;
  let depth = 1;
  DIV.lastIndex = opening[0].length;
  for (let m = DIV.exec(html); m; m = DIV.exec(html)) {
    depth += m[0] === '</div>' ? -1 : 1;
    if (depth === 0) {
      const inner = html.slice(opening[0].length, m.index);
      return { body: inner.replace(TITLE, '').trim(), rest: html.slice(m.index + m[0].length).replace(/^\s+/, '') };
    }
  }
  return undefined;
}
